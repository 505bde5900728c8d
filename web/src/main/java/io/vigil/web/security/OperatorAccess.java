package io.vigil.web.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The REST API's door: every request under {@code /api} but the health check
 * needs a signed-in operator (the page's session or HTTP Basic), else 401.
 * Reading is for every role; anything that changes something (POST, PUT,
 * PATCH, DELETE) needs the {@code operator} role, else 403 and nothing
 * changes, with one exception that {@code OperatorResource} checks itself:
 * anyone may change their own password. A state-changing request from
 * another site's page is refused with 403 (cross-site request forgery),
 * whoever's cookie it carries. Secure by default: a new resource is covered
 * without anyone remembering to annotate it. The rule itself is {@link ApiRole},
 * which the API description at {@code /openapi} states for each operation.
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class OperatorAccess extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // The container's decoded, normalised path (no %2e%2e or /../ games), as the REST resources are matched on.
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        ApiRole needed = ApiRole.of(request.getMethod(), path);
        if (needed == ApiRole.ANYONE) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getUserPrincipal() == null) {
            SignedIn.refuseUnauthenticated(request, response);
            return;
        }
        if (ApiRole.changes(request.getMethod()) && !OriginPolicy.allows(request)) {
            SignedIn.refuseOrigin(response, "change anything in Vigil");
            return;
        }
        if (needed == ApiRole.OPERATOR && !SignedIn.mayOperate(request)) {
            SignedIn.refuseViewer(response);
            return;
        }
        chain.doFilter(request, response);
    }
}
