package io.vigil.web.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The name and password of an HTTP Basic {@code Authorization} header (RFC 7617, UTF-8). */
public record BasicCredentials(String username, String password) {

    /** The credentials in {@code header}, or null when it is absent or not well-formed Basic. */
    public static BasicCredentials parse(String header) {
        if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        return new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    @Override
    public String toString() {
        return "BasicCredentials[" + username + "]"; // never the password
    }
}
