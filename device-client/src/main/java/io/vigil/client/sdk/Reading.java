package io.vigil.client.sdk;

import java.util.Map;

/**
 * One measurement as the device produced it: its {@code seq} (the next
 * number of this device's life), the device clock's time and the values.
 *
 * @param seq     1, 2, 3, ... for the whole life of the device (across restarts)
 * @param ts      epoch milliseconds when it was measured
 * @param metrics metric name to finite value, 1-64 entries
 */
public record Reading(long seq, long ts, Map<String, Double> metrics) {

    public Reading {
        metrics = Map.copyOf(metrics);
    }

    Reading withSeq(long newSeq) {
        return new Reading(newSeq, ts, metrics);
    }
}
