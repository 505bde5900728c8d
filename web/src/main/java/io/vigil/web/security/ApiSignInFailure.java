package io.vigil.web.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A failed sign-in, where the container shows the form-login page in place
 * of whatever was asked for: a failed login form counts against its name and
 * address ({@link SignInThrottle}); and for the REST API and the sockets
 * (credentials Elytron refused there) that page is the same JSON 401 as for
 * no credentials, not the login form.
 */
@WebFilter(urlPatterns = "/login.html", dispatcherTypes = DispatcherType.FORWARD)
public class ApiSignInFailure extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Object asked = request.getAttribute(RequestDispatcher.FORWARD_SERVLET_PATH);
        Object uri = request.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI);
        String path = uri instanceof String s ? s.substring(request.getContextPath().length())
                : asked instanceof String s ? s : "";
        if (path.endsWith("/j_security_check")) {
            String username = request.getParameter("j_username");
            if (username != null) {
                SignInGate.THROTTLE.failed(username, request.getRemoteAddr(), System.currentTimeMillis());
            }
        }
        if (path.startsWith("/api/") || path.startsWith("/ws/")) {
            response.resetBuffer();
            SignedIn.refuseUnauthenticated(request, response);
            return;
        }
        chain.doFilter(request, response);
    }
}
