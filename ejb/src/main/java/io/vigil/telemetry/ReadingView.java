package io.vigil.telemetry;

import java.util.Map;

/** A stored reading as the REST API shows it. */
public record ReadingView(long seq, long ts, Map<String, Double> metrics) {
}
