package io.vigil.device;

/** The answer to a registration: the only time the device's token is shown. */
public record RegisteredDevice(String id, String name, String token) {
}
