package io.vigil.device;

import java.util.Map;

/** A device as the REST API and the monitor snapshot show it; {@code tags} extends the contract. */
public record DeviceView(String id, String name, boolean online, Long lastSeen, long lastSeq,
                         Map<String, Double> metrics, Map<String, String> tags) {
}
