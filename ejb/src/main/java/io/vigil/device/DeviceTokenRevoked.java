package io.vigil.device;

/** A device's token was revoked; published after the commit so that its live connection is closed (1008). */
public record DeviceTokenRevoked(String deviceId) {
}
