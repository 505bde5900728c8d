package io.vigil.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the database answers and its schema is the one this node
 * migrated it to at start: without it nothing can be stored or acked, so a
 * balancer should send no one here.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        HealthFacts facts = Facts.get();
        String version = facts.schemaVersion();
        boolean reachable = facts.databaseReachable();
        return HealthCheckResponse.named("database")
                .status(reachable && version != null)
                .withData("reachable", reachable)
                .withData("schemaVersion", version == null ? "not migrated" : version)
                .build();
    }
}
