package io.vigil.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive while the ingest writers make progress: readings that have waited
 * {@value #STUCK_SECONDS} s with no batch finished (stored or failed: a database
 * that refuses still counts as progress, every lock waits at most 10 s) mean a
 * writer is wedged, and only a restart helps.
 */
@Liveness
@ApplicationScoped
public class IngestLiveness implements HealthCheck {

    static final int STUCK_SECONDS = 120;

    @Override
    public HealthCheckResponse call() {
        HealthFacts facts = Facts.get();
        long waited = facts.millisWithoutProgress();
        return HealthCheckResponse.named("ingest-writers")
                .status(waited < STUCK_SECONDS * 1000L)
                .withData("backlog", facts.ingestBacklog())
                .withData("millisWithoutProgress", waited)
                .build();
    }
}
