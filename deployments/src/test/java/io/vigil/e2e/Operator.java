package io.vigil.e2e;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * An operator's name and password as a test signs in with them. The test
 * server creates {@link #ADMIN} at its first start from
 * {@code VIGIL_ADMIN_PASSWORD} (the documented way), so every test client
 * signs in as it by default, with HTTP Basic as scripts do.
 */
public record Operator(String username, String password) {

    public static final Operator ADMIN = new Operator("admin", "e2e-admin-password");

    /** The value of an {@code Authorization} header for HTTP Basic. */
    public String basic() {
        return "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
