package io.vigil.web.security;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.handlers.ServletRequestContext;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import io.vigil.web.protocol.ApiError;
import io.vigil.web.protocol.Json;
import jakarta.servlet.ServletContext;

/**
 * Where every sign-in attempt passes before any password is checked (an
 * Undertow handler ahead of Elytron's mechanisms, installed as a servlet
 * extension): a name and address that {@link SignInThrottle} holds back get
 * 429 with {@code Retry-After} at once, as JSON (HTTP Basic) or as a page that
 * leads back to the form (its {@code j_security_check}), for no more than the
 * cost of a map look-up. HTTP Basic to {@code /api} and {@code /ws} is then
 * taken off the request and handed to {@link SignInFilter}, which checks it
 * once with Elytron and remembers that it was right
 * ({@link VerifiedCredentials}). One throttle and one cache serve the whole
 * application; they live here because the handler runs outside CDI.
 */
public final class SignInGate implements ServletExtension {

    /** The request attribute that carries Basic credentials from here to {@link SignInFilter}. */
    static final String CREDENTIALS = SignInGate.class.getName() + ".credentials";
    static final SignInThrottle THROTTLE = new SignInThrottle();
    static final VerifiedCredentials VERIFIED = new VerifiedCredentials();

    /** Who waits now for failed sign-ins (for operators to see). */
    public static java.util.List<SignInThrottle.Throttled> throttled(long now) {
        return THROTTLE.throttled(now);
    }

    @Override
    public void handleDeployment(DeploymentInfo deployment, ServletContext context) {
        deployment.addOuterHandlerChainWrapper(next -> exchange -> handle(next, exchange));
    }

    private static void handle(HttpHandler next, HttpServerExchange exchange) throws Exception {
        String path = exchange.getRelativePath();
        if (path.startsWith("/api/") || path.startsWith("/ws/")) {
            BasicCredentials credentials = BasicCredentials.parse(exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION));
            if (credentials != null) {
                long wait = THROTTLE.waitMillis(credentials.username(), clientAddress(exchange), System.currentTimeMillis());
                if (wait > 0) {
                    THROTTLE.refused();
                    refuse(exchange, wait);
                    return;
                }
                exchange.getRequestHeaders().remove(Headers.AUTHORIZATION);
                ServletRequestContext.requireCurrent().getServletRequest().setAttribute(CREDENTIALS, credentials);
            }
        } else if (path.endsWith("/j_security_check") && exchange.getRequestMethod().equals(Methods.POST)) {
            String username = ServletRequestContext.requireCurrent().getServletRequest().getParameter("j_username");
            long wait = username == null ? 0
                    : THROTTLE.waitMillis(username, clientAddress(exchange), System.currentTimeMillis());
            if (wait > 0) {
                THROTTLE.refused();
                refuseForm(exchange, wait);
                return;
            }
        }
        next.handleRequest(exchange);
    }

    static String clientAddress(HttpServerExchange exchange) {
        // As HttpServletRequest.getRemoteAddr() says it (the balancer's X-Forwarded-For applied where it is honoured).
        return exchange.getSourceAddress() == null || exchange.getSourceAddress().getAddress() == null ? "unknown"
                : exchange.getSourceAddress().getAddress().getHostAddress();
    }

    private static long seconds(long millis) {
        return Math.max(1, (millis + 999) / 1000);
    }

    /** The login form's answer: 429 with {@code Retry-After}, and a page that says so and leads back to the form. */
    private static void refuseForm(HttpServerExchange exchange, long waitMillis) {
        long seconds = seconds(waitMillis);
        exchange.setStatusCode(StatusCodes.TOO_MANY_REQUESTS);
        exchange.getResponseHeaders().put(Headers.RETRY_AFTER, String.valueOf(seconds));
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html; charset=UTF-8");
        exchange.getResponseHeaders().put(Headers.CONTENT_SECURITY_POLICY, "default-src 'none'; frame-ancestors 'none'");
        exchange.getResponseHeaders().put(Headers.X_FRAME_OPTIONS, "DENY");
        exchange.getResponseHeaders().put(Headers.X_CONTENT_TYPE_OPTIONS, "nosniff");
        exchange.getResponseHeaders().put(Headers.REFERRER_POLICY, "no-referrer");
        exchange.getResponseSender().send("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Vigil: sign-in held back</title></head><body><main><h1>Too many failed sign-ins</h1>"
                + "<p>This name failed to sign in too often from this address. Try again in " + seconds + " s.</p>"
                + "<p><a href=\"/login.html?throttled=" + seconds + "\">Back to the sign-in form</a></p>"
                + "</main></body></html>");
    }

    private static void refuse(HttpServerExchange exchange, long waitMillis) {
        exchange.setStatusCode(StatusCodes.TOO_MANY_REQUESTS);
        exchange.getResponseHeaders().put(Headers.X_CONTENT_TYPE_OPTIONS, "nosniff");
        exchange.getResponseHeaders().put(Headers.REFERRER_POLICY, "no-referrer");
        exchange.getResponseHeaders().put(Headers.RETRY_AFTER, String.valueOf(seconds(waitMillis)));
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(Json.write(new ApiError("too_many_sign_in_failures",
                "too many failed sign-ins for this name from this address; try again in " + seconds(waitMillis) + " s")));
    }
}
