package io.vigil.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The delivery figures of the notification fault tests, one row each, appended to
 * {@code target/notification-report.md} (which {@code .ci/run} prints) and logged.
 */
final class NotificationReport {

    private static final Path FILE = Path.of(System.getProperty("vigil.fault.report", "target/fault-report.md"))
            .resolveSibling("notification-report.md");

    private NotificationReport() {
    }

    /**
     * @param owed      notifications the alert changes owed the receiver
     * @param delivered distinct ones it accepted
     * @param attempts  requests it received, refused ones included
     * @param detail    delays and anything else worth a reader's time
     */
    static synchronized void add(String fault, long owed, long delivered, long duplicates, long attempts, String detail) {
        try {
            if (!Files.exists(FILE)) {
                Files.createDirectories(FILE.toAbsolutePath().getParent());
                Files.writeString(FILE, "| fault | database | owed | delivered | duplicates | missing | attempts | detail |\n"
                        + "|---|---|---|---|---|---|---|---|\n", StandardCharsets.UTF_8);
            }
            String row = "| " + fault + " | " + VigilServer.DATABASE + " | " + owed + " | " + delivered + " | " + duplicates
                    + " | " + (owed - delivered) + " | " + attempts + " | " + detail + " |\n";
            Files.writeString(FILE, row, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            System.out.print("NOTIFICATIONS " + row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
