package io.vigil.device;

import io.vigil.shared.AfterCommit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which devices hold a live connection right now. The device endpoint reports
 * connects and disconnects here; everything that shows "online" reads it.
 */
@ApplicationScoped
public class DevicePresence {

    private final Set<String> online = ConcurrentHashMap.newKeySet();

    @Inject
    DeviceService devices;

    @Inject
    AfterCommit afterCommit;

    public void connected(String deviceId) {
        online.add(deviceId);
        long seen = devices.markSeen(deviceId, System.currentTimeMillis());
        afterCommit.publish(new DeviceStatusChanged(deviceId, true, seen));
    }

    public void disconnected(String deviceId) {
        online.remove(deviceId);
        afterCommit.publish(new DeviceStatusChanged(deviceId, false, devices.lastSeen(deviceId)));
    }

    public boolean isOnline(String deviceId) {
        return online.contains(deviceId);
    }
}
