package io.vigil.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The figures of the fault tests, one table row each, appended to
 * {@code target/fault-report.md} (which {@code .ci/run} prints) and logged.
 */
final class FaultReport {

    private static final Path FILE = Path.of(System.getProperty("vigil.fault.report", "target/fault-report.md"));

    private FaultReport() {
    }

    static synchronized void add(String fault, Fleet.Figures figures, String detail) {
        add(fault, figures.devices(), figures.produced(), figures.stored(), figures.duplicates(), figures.missing(),
                figures.resent(), figures.connects(), detail + "; device close codes " + figures.closeCodes());
    }

    static synchronized void add(String fault, int devices, long produced, long stored, long duplicates, long missing,
                                 long resent, long connects, String detail) {
        try {
            if (!Files.exists(FILE)) {
                Files.createDirectories(FILE.toAbsolutePath().getParent());
                Files.writeString(FILE, "| fault | database | devices | produced | stored | duplicates | missing"
                        + " | re-sent | connects | detail |\n|---|---|---|---|---|---|---|---|---|---|\n",
                        StandardCharsets.UTF_8);
            }
            String row = "| " + fault + " | " + VigilServer.DATABASE + " | " + devices + " | " + produced + " | " + stored
                    + " | " + duplicates + " | " + missing + " | " + resent + " | " + connects + " | " + detail + " |\n";
            Files.writeString(FILE, row, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            System.out.print("FAULT " + row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
