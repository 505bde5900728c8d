package io.vigil.device;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Device tokens: 256 random bits, shown once at registration; only their
 * SHA-256 hash is stored, so a copy of the database does not let anyone
 * connect as a device.
 */
public final class DeviceTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Marks a revoked token's slot; never the start of a hex digest. */
    static final String REVOKED_PREFIX = "revoked:";

    private DeviceTokens() {
    }

    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
