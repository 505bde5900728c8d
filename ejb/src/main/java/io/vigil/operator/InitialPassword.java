package io.vigil.operator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The file that holds a generated first password until it is changed:
 * {@code <server data dir>/vigil/initial-admin-password}, readable by the
 * server's user only. Scripts that start Vigil (the run profile's demo
 * fleet) read it to sign in.
 */
final class InitialPassword {

    private static final Logger LOG = Logger.getLogger(InitialPassword.class.getName());

    private InitialPassword() {
    }

    /** 144 random bits, URL-safe Base64 (24 characters). */
    static String generate() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static Path file() {
        String dataDir = System.getProperty("jboss.server.data.dir", System.getProperty("java.io.tmpdir"));
        return Path.of(dataDir, "vigil", "initial-admin-password");
    }

    /** Writes the password; returns where (also when writing failed, which is logged). */
    static Path write(String password) {
        Path file = file();
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(
                        Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
            Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warning(() -> "Could not write " + file + ": " + e.getMessage() + " (the password is in the log only)");
        }
        return file;
    }

    /** Deletes the file once the password it holds no longer signs anyone in (its operator's old hash). */
    static void forget(String oldHash) {
        Path file = file();
        try {
            if (Files.isRegularFile(file) && PasswordHashing.verify(oldHash, Files.readString(file).strip())) {
                Files.delete(file);
                LOG.info(() -> "The first operator's password was changed; deleted " + file);
            }
        } catch (IOException e) {
            LOG.warning(() -> "Could not delete " + file + ": " + e.getMessage());
        }
    }
}
