package io.vigil.device;

import io.vigil.shared.NumberedEvent;

/** Fired when a device connects or goes away; the monitor hub turns it into a {@code device} event. */
public record DeviceStatusChanged(String deviceId, boolean online, Long lastSeen, long eventId)
        implements NumberedEvent {

    /** The event before its transaction commits and gives it its id ({@link io.vigil.shared.AfterCommit}). */
    public static DeviceStatusChanged of(String deviceId, boolean online, Long lastSeen) {
        return new DeviceStatusChanged(deviceId, online, lastSeen, 0);
    }

    @Override
    public int eventIds() {
        return 1;
    }

    @Override
    public DeviceStatusChanged numbered(long firstEventId) {
        return new DeviceStatusChanged(deviceId, online, lastSeen, firstEventId);
    }
}
