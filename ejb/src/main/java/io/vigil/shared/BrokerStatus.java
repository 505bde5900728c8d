package io.vigil.shared;

import io.vigil.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether the cluster's broker takes this node's events, as the event bus
 * (web, {@code ClusterBus}) last saw it, for readiness ({@code health.BrokerReadiness}):
 * the last publish succeeded and none has hung for {@value #STALLED_MILLIS} ms
 * (while the broker is away the connection factory keeps reconnecting, so a
 * publish waits rather than fails). Heartbeats are published every 2 s, so
 * the answer is never old. It lives here, below the web tier, because
 * MicroProfile Health finds checks only in the EJB module of the EAR.
 */
@ApplicationScoped
public class BrokerStatus {

    static final long STALLED_MILLIS = 3_000;

    private volatile long publishingSince;
    private volatile long lastPublishedAt;
    private volatile long lastFailedAt;
    private volatile String lastFailure;

    /** This node is one of a cluster's (the bus is on). */
    public boolean clustered() {
        return Settings.clusterEnabled();
    }

    public void publishing(long now) {
        publishingSince = now;
    }

    public void published(long now) {
        lastPublishedAt = now;
        publishingSince = 0;
    }

    public void failed(long now, String why) {
        lastFailedAt = now;
        lastFailure = why + " at " + java.time.Instant.ofEpochMilli(now);
        publishingSince = 0;
    }

    public boolean reachable() {
        long since = publishingSince;
        if (since != 0 && System.currentTimeMillis() - since > STALLED_MILLIS) {
            return false;
        }
        return lastPublishedAt >= lastFailedAt;
    }

    /** Why the last publish failed, and when; null when none has. */
    public String lastFailure() {
        return lastFailure;
    }
}
