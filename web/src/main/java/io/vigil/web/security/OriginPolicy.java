package io.vigil.web.security;

import io.vigil.config.Settings;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which web pages may talk to Vigil with an operator's cookies: the server's
 * own origin (same scheme, host and port as the request) and those on
 * {@code vigil.monitor.allowedOrigins}. A request without {@code Origin} is
 * not from a browser page (scripts, devices) and is not judged here; the
 * sign-in decides about it. Serves the monitor upgrade (cross-site WebSocket
 * hijacking) and the REST API's state-changing requests (cross-site request
 * forgery) alike.
 */
public final class OriginPolicy {

    private static final Set<String> ALLOWED = Arrays.stream(Settings.monitorAllowedOrigins().split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .map(s -> s.toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());

    private OriginPolicy() {
    }

    /** False only for a request whose {@code Origin} is another site's. */
    public static boolean allows(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        return origin == null || allowed(origin.strip().toLowerCase(Locale.ROOT), request);
    }

    private static boolean allowed(String origin, HttpServletRequest request) {
        if (ALLOWED.contains("*") || ALLOWED.contains(origin)) {
            return true;
        }
        String host = request.getHeader("Host");
        if (host == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            String scheme = request.isSecure() ? "https" : "http";
            return scheme.equals(uri.getScheme()) && host.strip().toLowerCase(Locale.ROOT).equals(authority(uri, scheme));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** host[:port] as a Host header writes it (the default port left out). */
    private static String authority(URI uri, String scheme) {
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    }
}
