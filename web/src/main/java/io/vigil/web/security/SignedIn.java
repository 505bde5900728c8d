package io.vigil.web.security;

import io.vigil.operator.OperatorRole;
import io.vigil.web.protocol.ApiError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The answers for a request that is not signed in or may not do what it
 * asks, shared by the REST API and the monitor upgrade, so that both speak
 * the same JSON. Scripts get {@code WWW-Authenticate: Basic}; a browser
 * page's own requests ({@code Sec-Fetch-Mode} other than navigation) get
 * the 401 without it, so the browser shows no password pop-up and the page
 * sends its user to the login form instead.
 */
public final class SignedIn {

    private SignedIn() {
    }

    /** Whether the request's operator holds the {@code operator} role (not just {@code viewer}). */
    public static boolean mayOperate(HttpServletRequest request) {
        return request.isUserInRole(OperatorRole.OPERATOR.roleName());
    }

    public static void refuseUnauthenticated(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String fetchMode = request.getHeader("Sec-Fetch-Mode");
        if (fetchMode == null || "navigate".equals(fetchMode)) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Vigil\", charset=\"UTF-8\"");
        }
        ApiError.write(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized",
                "sign in first: the page's login form, or HTTP Basic with an operator's name and password");
    }

    public static void refuseViewer(HttpServletResponse response) throws IOException {
        ApiError.write(response, HttpServletResponse.SC_FORBIDDEN, "forbidden",
                "this needs the operator role; a viewer may only watch");
    }

    public static void refuseOrigin(HttpServletResponse response, String what) throws IOException {
        ApiError.write(response, HttpServletResponse.SC_FORBIDDEN, "forbidden_origin",
                "pages from this origin may not " + what);
    }
}
