package io.vigil.web.security;

import java.util.Set;

/**
 * Who may make a request to the REST API: the one rule {@link OperatorAccess}
 * enforces and the API description ({@code rest.ApiDescription}) states for
 * each operation. Reads are for every signed-in role; anything that changes
 * something is for operators; the health check is for anyone; and anyone may
 * change their own password.
 */
public enum ApiRole {
    /** No sign-in: the health check. */
    ANYONE,
    /** Any signed-in operator or viewer. */
    VIEWER,
    /** Signed in with the {@code operator} role. */
    OPERATOR,
    /** Any signed-in operator or viewer, for their own account only (a password change). */
    SELF;

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final String HEALTH = "/api/health";
    private static final String OWN_PASSWORD = "/password";

    /** The role a request with this method needs for this path (as the container decoded it, under {@code /api}). */
    public static ApiRole of(String method, String path) {
        if (path.equals(HEALTH) || path.startsWith(HEALTH + "/")) {
            return ANYONE;
        }
        if (READS.contains(method)) {
            return VIEWER;
        }
        if ("PUT".equals(method) && path.startsWith("/api/operators/") && path.endsWith(OWN_PASSWORD)) {
            return SELF;
        }
        return OPERATOR;
    }

    /** Whether this request changes something (and so is refused from another site's page). */
    public static boolean changes(String method) {
        return !READS.contains(method);
    }
}
