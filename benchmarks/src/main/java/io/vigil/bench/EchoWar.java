package io.vigil.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes {@code echo.war} (context {@code /echo}, endpoint {@code /echo/ws}) from the compiled {@link EchoEndpoint}. */
final class EchoWar {

    private EchoWar() {
    }

    static void write(Path war) throws IOException {
        String entry = "WEB-INF/classes/" + EchoEndpoint.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(war); ZipOutputStream zip = new ZipOutputStream(file);
             InputStream bytes = EchoWar.class.getResourceAsStream("/" + entry.substring("WEB-INF/classes/".length()))) {
            if (bytes == null) {
                throw new IOException("EchoEndpoint.class is not on the class path");
            }
            zip.putNextEntry(new ZipEntry(entry));
            bytes.transferTo(zip);
            zip.closeEntry();
        }
    }
}
