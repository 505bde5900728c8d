package io.vigil.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while the ingest backlog is at its limit ({@code vigil.ingest.queueCapacity}):
 * the node is already holding its devices back, and a balancer should send new
 * ones elsewhere until it has caught up.
 */
@Readiness
@ApplicationScoped
public class IngestReadiness implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        HealthFacts facts = Facts.get();
        int backlog = facts.ingestBacklog();
        return HealthCheckResponse.named("ingest")
                .status(backlog < facts.ingestCapacity())
                .withData("backlog", backlog)
                .withData("capacity", facts.ingestCapacity())
                .build();
    }
}
