package io.vigil.telemetry;

import java.util.Map;

/** A reading that is committed to the database. */
public record StoredReading(String deviceId, long seq, long ts, Map<String, Double> metrics) {
}
