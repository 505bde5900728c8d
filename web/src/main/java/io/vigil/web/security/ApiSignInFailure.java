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
 * A script whose HTTP Basic credentials are wrong gets the same JSON 401 as
 * one that sent none, not the login form. (When a sign-in fails, the
 * container shows the form-login page in place of whatever was asked for;
 * for the REST API and the sockets that page is this JSON answer instead.)
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
        if (path.startsWith("/api/") || path.startsWith("/ws/")) {
            response.resetBuffer();
            SignedIn.refuseUnauthenticated(request, response);
            return;
        }
        chain.doFilter(request, response);
    }
}
