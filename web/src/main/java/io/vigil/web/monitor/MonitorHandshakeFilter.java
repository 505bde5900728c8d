package io.vigil.web.monitor;

import io.vigil.config.Settings;
import io.vigil.web.protocol.UpgradeRequests;
import io.vigil.web.rest.ApiError;
import io.vigil.web.security.ConnectionLimits;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a monitor's upgrade request before the handshake: a browser page
 * from another site must not open the monitor socket with the operator's
 * cookies (cross-site WebSocket hijacking). A request with an {@code Origin}
 * is allowed when the origin is the server's own (same scheme, host and port
 * as the request) or on {@code vigil.monitor.allowedOrigins}; any other gets
 * HTTP 403 before the upgrade. Scripts that send no {@code Origin} are not
 * browsers and are let through (the login decides about them). Past
 * {@code vigil.monitor.maxSessions} monitors, 503.
 */
@WebFilter(urlPatterns = "/ws/monitor", asyncSupported = true)
public class MonitorHandshakeFilter extends HttpFilter {

    private final Set<String> allowed = Arrays.stream(Settings.monitorAllowedOrigins().split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .map(s -> s.toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());

    @Inject
    ConnectionLimits limits;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (UpgradeRequests.refused(request, response)) {
            return;
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !allowed(origin.strip(), request)) {
            ApiError.write(response, HttpServletResponse.SC_FORBIDDEN, "forbidden_origin",
                    "pages from this origin may not open the monitor socket");
            return;
        }
        limits.upgrade(request, response, chain, true);
    }

    private boolean allowed(String origin, HttpServletRequest request) {
        String normalised = origin.toLowerCase(Locale.ROOT);
        if (allowed.contains("*") || allowed.contains(normalised)) {
            return true;
        }
        String host = request.getHeader("Host");
        if (host == null) {
            return false;
        }
        try {
            URI uri = URI.create(normalised);
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
