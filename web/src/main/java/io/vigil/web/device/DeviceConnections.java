package io.vigil.web.device;

import io.vigil.device.DeviceTokenRevoked;
import io.vigil.web.protocol.Closing;
import io.vigil.web.protocol.ConnectionMetrics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason.CloseCodes;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live connection of each device on this node: at most one, the newest
 * wins, here or (through the {@link ClusterRoute}) on another node. The
 * route for commands to a device.
 */
@ApplicationScoped
public class DeviceConnections {

    /** The gauge of this node's open device connections, registered when the application starts. */
    void started(@Observes @Initialized(ApplicationScoped.class) Object application, ConnectionMetrics metrics) {
        metrics.open("device", this, DeviceConnections::count);
    }

    private final Map<String, DeviceLink> links = new ConcurrentHashMap<>();

    @Inject
    ClusterRoute cluster;

    /** Makes {@code link} the device's connection and closes the one it replaces (1008), here or elsewhere. */
    void register(String deviceId, DeviceLink link) {
        DeviceLink older = links.put(deviceId, link);
        if (older != null && older != link) {
            Closing.close(older.session(), CloseCodes.VIOLATED_POLICY, "replaced by a newer connection");
        }
        cluster.connectedHere(deviceId, link.connectedAt());
    }

    /**
     * Another node took the device's connection at {@code connectedAt}:
     * this node's, when older, closes with 1008 as if replaced here (on a
     * tie the node named first keeps it).
     */
    public void connectedElsewhere(String deviceId, long connectedAt, boolean otherNodeWinsTies) {
        DeviceLink link = links.get(deviceId);
        if (link != null && (link.connectedAt() < connectedAt
                || link.connectedAt() == connectedAt && otherNodeWinsTies)) {
            Closing.close(link.session(), CloseCodes.VIOLATED_POLICY, "replaced by a newer connection");
        }
    }

    /** Forgets the connection; true when it was the device's current one. */
    boolean unregister(String deviceId, DeviceLink link) {
        return links.remove(deviceId, link);
    }

    /** Queues {@code message} on the device's live connection on this node; false when it has none here. */
    public boolean send(String deviceId, Object message) {
        DeviceLink link = links.get(deviceId);
        if (link == null || !link.session().isOpen()) {
            return false;
        }
        link.send(message);
        return true;
    }

    /** A revoked token ends the device's live connection (1008); the device must not reconnect with it. */
    public void tokenRevoked(@Observes DeviceTokenRevoked event) {
        DeviceLink link = links.get(event.deviceId());
        if (link != null) {
            Closing.close(link.session(), CloseCodes.VIOLATED_POLICY, "token revoked");
        }
    }

    public int count() {
        return links.size();
    }

    /** The devices whose connection this node holds now. */
    public Set<String> heldHere() {
        return Set.copyOf(links.keySet());
    }

    @PreDestroy
    void closeAll() {
        links.values().forEach(l -> Closing.close(l.session(), CloseCodes.GOING_AWAY, "server shutting down"));
    }
}
