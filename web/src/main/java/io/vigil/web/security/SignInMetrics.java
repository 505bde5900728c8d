package io.vigil.web.security;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

/**
 * The sign-in series at {@code /metrics}: failed sign-ins checked, and tries
 * held back by the throttle without a check (both on this node, since start).
 * The throttle lives in the Undertow handler ({@link SignInGate}), outside CDI;
 * this reads its totals when scraped.
 */
@ApplicationScoped
public class SignInMetrics {

    void started(@Observes @Initialized(ApplicationScoped.class) Object application, MeterRegistry registry) {
        registry.more().counter("vigil.signin.failures", Tags.empty(), SignInGate.THROTTLE, SignInThrottle::failures);
        registry.more().counter("vigil.signin.throttled", Tags.empty(), SignInGate.THROTTLE, SignInThrottle::heldBack);
    }
}
