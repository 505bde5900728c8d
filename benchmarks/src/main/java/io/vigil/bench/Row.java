package io.vigil.bench;

/**
 * One line of the report. {@code rate} is readings (or, for the echo, round
 * trips) per second; {@code ratio} is the rate over the echo ceiling measured
 * the same way in the same run (null where it does not apply); latencies are
 * milliseconds (NaN where not measured); {@code lost} says what was lost or
 * duplicated, null when every acked reading was stored exactly once;
 * {@code goal} is the row's target and whether this run met it ({@link Goals}),
 * null where no target is set.
 */
record Row(String database, String scenario, int monitors, double rate, String unit, Double ratio,
           double ackP50, double ackP99, double pageP50, double pageP99, String note, String lost, String goal) {

    Row(String database, String scenario, int monitors, double rate, String unit, Double ratio, double ackP50,
        double ackP99, double pageP50, double pageP99, String note, String lost) {
        this(database, scenario, monitors, rate, unit, ratio, ackP50, ackP99, pageP50, pageP99, note, lost, null);
    }

    Row withGoal(String goal) {
        return new Row(database, scenario, monitors, rate, unit, ratio, ackP50, ackP99, pageP50, pageP99, note, lost,
                goal);
    }
}
