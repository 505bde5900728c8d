package io.vigil.web.rest;

import io.vigil.shared.InvalidInputException;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/**
 * Checks of query parameters shared by the resources. Numbers arrive as
 * text and are parsed here: JAX-RS answers a number it cannot convert with
 * 404, which tells a script nothing; this answers 400 with what was wrong.
 */
final class Params {

    private Params() {
    }

    /** {@code limit}: absent means the default; otherwise an integer in [1, max]. */
    static int limit(String requested, int defaultLimit, int max) {
        if (requested == null || requested.isBlank()) {
            return defaultLimit;
        }
        Long value = parseLong(requested, "limit", "an integer between 1 and " + max);
        if (value < 1 || value > max) {
            throw new InvalidInputException("limit must be an integer between 1 and " + max + ", got " + abbreviate(requested));
        }
        return value.intValue();
    }

    /** An optional epoch-millisecond time ({@code from}, {@code to}); null when absent. */
    static Long time(String requested, String name) {
        if (requested == null || requested.isBlank()) {
            return null;
        }
        return parseLong(requested, name, "a time in epoch milliseconds (an integer)");
    }

    /** An optional integer parameter (such as {@code before}); null when absent. */
    static Long optionalLong(String requested, String name) {
        if (requested == null || requested.isBlank()) {
            return null;
        }
        return parseLong(requested, name, "an integer");
    }

    /**
     * Who is asking, for the audit log and "acknowledged by": the signed-in
     * operator ({@code OperatorAccess} lets nobody else reach a resource).
     */
    static String actor(SecurityContext security) {
        Principal principal = security.getUserPrincipal();
        if (principal == null) {
            throw new IllegalStateException("an unauthenticated request reached the API past OperatorAccess");
        }
        return principal.getName();
    }

    /** An optional enum constant by name, in any case; null when absent, 400 naming the constants when none. */
    static <E extends Enum<E>> E optionalEnum(String requested, Class<E> type, String name) {
        if (requested == null || requested.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, requested.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(name + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    /** A severity name in any case; {@code fallback} when absent, null when it is no severity (the check says so). */
    static io.vigil.alert.Severity severity(String requested, io.vigil.alert.Severity fallback) {
        if (requested == null || requested.isBlank()) {
            return fallback;
        }
        try {
            return io.vigil.alert.Severity.valueOf(requested.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static <T> T required(T value, String name) {
        if (value == null) {
            throw new InvalidInputException(name + " is required");
        }
        return value;
    }

    private static Long parseLong(String text, String name, String expected) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name + " must be " + expected + ", got " + abbreviate(text));
        }
    }

    /** A range asked for as {@code from}/{@code to} (epoch ms), defaulting to the last {@code defaultRange} ms. */
    record Range(long from, long to) {
    }

    /** {@code from} and {@code to} parsed ({@link #time}); {@code to} defaults to now, {@code from} to {@code defaultRange} before it. */
    static Range range(String from, String to, long defaultRange) {
        Long toTs = time(to, "to");
        long end = toTs == null ? System.currentTimeMillis() : toTs;
        Long fromTs = time(from, "from");
        return new Range(fromTs == null ? end - defaultRange : fromTs, end);
    }

    static String abbreviate(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return "'" + shown.replaceAll("[^\\x20-\\x7e]", "?") + "'";
    }
}
