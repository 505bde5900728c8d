package io.vigil.bench;

/**
 * One line of the report. {@code rate} is readings (or, for the echo, round
 * trips) per second; {@code ratio} is the rate over the echo ceiling measured
 * the same way in the same run (null where it does not apply); latencies are
 * milliseconds (NaN where not measured); {@code lost} says what was lost or
 * duplicated, null when every acked reading was stored exactly once.
 */
record Row(String database, String scenario, int monitors, double rate, String unit, Double ratio,
           double ackP50, double ackP99, double pageP50, double pageP99, String note, String lost) {
}
