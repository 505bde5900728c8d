package io.vigil.web.device;

/** The device token in an {@code Authorization: Bearer <token>} header (RFC 6750), or null. */
final class BearerToken {

    private static final String BEARER = "Bearer ";
    /** Tokens Vigil issues are 43 characters; anything this long is not one of them. */
    static final int MAX_LENGTH = 512;

    private BearerToken() {
    }

    /** The token, or null when the header is absent, not Bearer, empty or implausible (too long, control characters). */
    static String from(String header) {
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String token = header.substring(BEARER.length()).strip();
        if (token.isEmpty() || token.length() > MAX_LENGTH) {
            return null;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                return null;
            }
        }
        return token;
    }
}
