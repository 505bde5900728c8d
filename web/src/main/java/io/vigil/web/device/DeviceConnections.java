package io.vigil.web.device;

import io.vigil.device.DeviceTokenRevoked;
import io.vigil.web.protocol.Closing;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.websocket.CloseReason.CloseCodes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The live connection of each device: at most one, the newest wins. The route for commands to a device. */
@ApplicationScoped
public class DeviceConnections {

    private final Map<String, DeviceLink> links = new ConcurrentHashMap<>();

    /** Makes {@code link} the device's connection and closes the one it replaces (1008). */
    void register(String deviceId, DeviceLink link) {
        DeviceLink older = links.put(deviceId, link);
        if (older != null && older != link) {
            Closing.close(older.session(), CloseCodes.VIOLATED_POLICY, "replaced by a newer connection");
        }
    }

    /** Forgets the connection; true when it was the device's current one. */
    boolean unregister(String deviceId, DeviceLink link) {
        return links.remove(deviceId, link);
    }

    /** Queues {@code message} on the device's live connection; false when it has none. */
    boolean send(String deviceId, Object message) {
        DeviceLink link = links.get(deviceId);
        if (link == null || !link.session().isOpen()) {
            return false;
        }
        link.send(message);
        return true;
    }

    /** A revoked token ends the device's live connection (1008); the device must not reconnect with it. */
    void tokenRevoked(@Observes DeviceTokenRevoked event) {
        DeviceLink link = links.get(event.deviceId());
        if (link != null) {
            Closing.close(link.session(), CloseCodes.VIOLATED_POLICY, "token revoked");
        }
    }

    public int count() {
        return links.size();
    }

    @PreDestroy
    void closeAll() {
        links.values().forEach(l -> Closing.close(l.session(), CloseCodes.GOING_AWAY, "server shutting down"));
    }
}
