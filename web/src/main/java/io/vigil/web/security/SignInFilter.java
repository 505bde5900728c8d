package io.vigil.web.security;

import io.vigil.operator.OperatorService;
import io.vigil.operator.StoredCredential;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Optional;

/**
 * HTTP Basic for {@code /api} and {@code /ws}, which {@link SignInGate} took
 * off the request: credentials verified before ({@link VerifiedCredentials})
 * whose operator still has the same password hash pass at the cost of one
 * look-up by primary key, with the role as stored now; any other are
 * checked by Elytron ({@code HttpServletRequest.login}: the jdbc-realm's
 * bcrypt, the sign-in audit log) and remembered when right. A wrong one
 * counts against its name and address ({@link SignInThrottle}) and gets the
 * JSON 401. First in the filter chain (web.xml), so every door after it sees
 * the signed-in operator the same way.
 */
public class SignInFilter extends HttpFilter {

    @Inject
    OperatorService operators;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Object attribute = request.getAttribute(SignInGate.CREDENTIALS);
        if (!(attribute instanceof BasicCredentials credentials)) {
            if (request.getUserPrincipal() != null) {
                // Signed in (the page's session): failures of this name from here no longer count.
                SignInGate.THROTTLE.succeeded(request.getUserPrincipal().getName(), request.getRemoteAddr(),
                        System.currentTimeMillis());
            }
            chain.doFilter(request, response);
            return;
        }
        request.removeAttribute(SignInGate.CREDENTIALS);
        long now = System.currentTimeMillis();
        String address = request.getRemoteAddr();
        Optional<StoredCredential> stored = operators.credential(credentials.username());
        VerifiedCredentials.Verified verified = SignInGate.VERIFIED.find(credentials.username(), credentials.password(), now);
        if (verified != null && stored.isPresent() && stored.get().passwordHash().equals(verified.passwordHash())) {
            SignInGate.THROTTLE.succeeded(credentials.username(), address, now);
            chain.doFilter(new SignedInRequest(request, credentials.username(), stored.get()), response);
            return;
        }
        if (verified != null) {
            SignInGate.VERIFIED.forget(credentials.username(), credentials.password());
        }
        try {
            request.login(credentials.username(), credentials.password());
        } catch (ServletException wrong) {
            SignInGate.THROTTLE.failed(credentials.username(), address, now);
            SignedIn.refuseUnauthenticated(request, response);
            return;
        }
        SignInGate.THROTTLE.succeeded(credentials.username(), address, now);
        stored.ifPresent(s -> SignInGate.VERIFIED.remember(credentials.username(), credentials.password(),
                s.passwordHash(), now));
        chain.doFilter(request, response);
    }

    /** A request signed in from a remembered credential: the operator's name and role as stored now. */
    private static final class SignedInRequest extends HttpServletRequestWrapper {
        private final Principal principal;
        private final StoredCredential credential;

        SignedInRequest(HttpServletRequest request, String username, StoredCredential credential) {
            super(request);
            this.principal = () -> username;
            this.credential = credential;
        }

        @Override
        public Principal getUserPrincipal() {
            return principal;
        }

        @Override
        public String getRemoteUser() {
            return principal.getName();
        }

        @Override
        public boolean isUserInRole(String role) {
            return credential.role().roleName().equals(role);
        }

        @Override
        public String getAuthType() {
            return HttpServletRequest.BASIC_AUTH;
        }
    }
}
