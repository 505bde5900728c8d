package io.vigil.device;

/** Fired when a device connects or goes away; the monitor hub turns it into a {@code device} event. */
public record DeviceStatusChanged(String deviceId, boolean online, Long lastSeen) {
}
