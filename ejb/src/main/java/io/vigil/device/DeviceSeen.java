package io.vigil.device;

/**
 * Fired (synchronously, in the caller's transaction) when a device is heard
 * from outside ingest, such as when it connects: whoever keeps state about
 * silent devices (their offline alerts) observes it.
 */
public record DeviceSeen(String deviceId, long at) {
}
