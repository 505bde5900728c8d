package io.vigil.client.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * The operator the simulator signs in as to register its devices (the REST
 * API needs the operator role for that). The password is given directly
 * (from the environment, never the command line, where {@code ps} shows it)
 * or read from a file when it is first needed, such as the server's
 * {@code initial-admin-password}, written only once the server has started.
 *
 * @param username     the operator's name
 * @param password     the password, or null to read {@code passwordFile}
 * @param passwordFile where the password is, when {@code password} is null; may be null
 */
public record OperatorCredentials(String username, String password, Path passwordFile) {

    /** The {@code Authorization} header value (HTTP Basic). */
    String authorization() throws IOException {
        String secret = password;
        if (secret == null) {
            if (passwordFile == null || !Files.isReadable(passwordFile)) {
                throw new IOException("registering devices needs an operator's password: set VIGIL_PASSWORD"
                        + " or --password-file" + (passwordFile == null ? "" : " (" + passwordFile + " is not readable)"));
            }
            secret = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
        }
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
}
