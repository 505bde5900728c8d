package io.vigil.alert;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/**
 * Alerting's series at {@code /metrics}: alerts raised by severity (counted
 * once their transaction committed, on the node that raised them) and the open
 * alerts (raised and not cleared; read from the database at most every
 * {@value #ACTIVE_CACHE_MILLIS} ms, so every node of a cluster reports the same).
 */
@ApplicationScoped
public class AlertMetrics {

    static final long ACTIVE_CACHE_MILLIS = 5_000;

    @Inject
    MeterRegistry registry;

    @Inject
    AlertService alerts;

    private volatile long open;
    private volatile long openReadAt;

    void started(@Observes @Initialized(ApplicationScoped.class) Object application) {
        registry.gauge("vigil.alerts.active", Tags.empty(), this, AlertMetrics::open);
        for (Severity severity : Severity.values()) {  // at 0 from the start, so that rates work at once
            registry.counter("vigil.alerts.raised", "severity", severity.name());
        }
    }

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) AlertTransition transition) {
        if (transition.kind() == AlertTransition.Kind.RAISED) {
            registry.counter("vigil.alerts.raised", "severity", transition.alert().severity()).increment();
        }
    }

    private double open() {
        long now = System.currentTimeMillis();
        if (now - openReadAt > ACTIVE_CACHE_MILLIS) {
            open = alerts.countOpen();
            openReadAt = now;
        }
        return open;
    }
}
