package io.vigil.web.monitor;

import io.vigil.web.protocol.UpgradeRequests;
import io.vigil.web.security.ConnectionLimits;
import io.vigil.web.security.OriginPolicy;
import io.vigil.web.security.SignedIn;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Checks a monitor's upgrade request before the handshake, in this order: a
 * well-formed WebSocket upgrade; a page from another site must not open the
 * monitor socket with an operator's cookies (cross-site WebSocket hijacking,
 * {@link OriginPolicy}), else HTTP 403; a signed-in operator (the page's
 * session cookie, or HTTP Basic from a script), else 401; past
 * {@code vigil.monitor.maxSessions} monitors, 503.
 */
@WebFilter(urlPatterns = "/ws/monitor", asyncSupported = true)
public class MonitorHandshakeFilter extends HttpFilter {

    @Inject
    ConnectionLimits limits;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (UpgradeRequests.refused(request, response)) {
            return;
        }
        if (!OriginPolicy.allows(request)) {
            SignedIn.refuseOrigin(response, "open the monitor socket");
            return;
        }
        if (request.getUserPrincipal() == null) {
            SignedIn.refuseUnauthenticated(request, response);
            return;
        }
        limits.upgrade(request, response, chain, true);
    }
}
