package io.vigil.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * In a cluster, ready only while this node reaches the broker: without it the
 * node's pages would show the other nodes' devices as offline, which is not
 * true, so the balancer sends new connections elsewhere (connections already
 * open stay). A broker outage is every node's at once: with
 * {@code -Dvigil.health.brokerInReadiness=false} nodes stay in the balancer
 * through it, for installations that prefer a partial live view to none
 * (README "Using it", health). A single node is always ready as far as this goes.
 */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        HealthFacts facts = Facts.get();
        var response = HealthCheckResponse.named("broker").withData("clustered", facts.clustered());
        if (!facts.clustered()) {
            return response.up().build();
        }
        boolean reachable = facts.brokerReachable();
        String failure = facts.brokerLastFailure();
        return response.status(reachable || !facts.brokerInReadiness())
                .withData("reachable", reachable)
                .withData("lastFailure", failure == null ? "none" : failure)
                .build();
    }
}
