package io.vigil.web.device;

import io.vigil.web.protocol.Closing;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Session;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The live connection of each device: at most one, the newest wins. */
@ApplicationScoped
public class DeviceConnections {

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    /** Makes {@code session} the device's connection and closes the one it replaces (1008). */
    public void register(String deviceId, Session session) {
        Session older = sessions.put(deviceId, session);
        if (older != null && older != session) {
            Closing.close(older, CloseCodes.VIOLATED_POLICY, "replaced by a newer connection");
        }
    }

    /** Forgets the session; true when it was the device's current connection. */
    public boolean unregister(String deviceId, Session session) {
        return sessions.remove(deviceId, session);
    }

    public int count() {
        return sessions.size();
    }

    @PreDestroy
    void closeAll() {
        sessions.values().forEach(s -> Closing.close(s, CloseCodes.GOING_AWAY, "server shutting down"));
    }
}
