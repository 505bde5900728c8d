package io.vigil.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The targets the fleet work set (README "Performance", fleet rows), judged
 * for each row of one run, so the report shows every figure next to its goal.
 */
final class Goals {

    /** Single messages: Vigil's rate over the echo ceiling of the same generator. */
    static final double SINGLE_VS_ECHO = 0.5;
    /** The open loop of 1,000 devices x 5/s with 20 monitors. */
    static final double OPEN_LOOP_ACK_P99_MILLIS = 50;
    /** A fleet row: its ack p99, and its page p99 with 1 and with 20 monitors. */
    static final double FLEET_ACK_P99_MILLIS = 100;
    static final double FLEET_PAGE_P99_MILLIS_ONE = 150;
    static final double FLEET_PAGE_P99_MILLIS_MANY = 250;
    /** A fleet row keeps up when it acks at least this share of what it is offered. */
    static final double KEEPS_UP = 0.98;

    private Goals() {
    }

    static Row single(Row row) {
        boolean met = row.ratio() != null && row.ratio() >= SINGLE_VS_ECHO;
        return row.withGoal(String.format(Locale.ROOT, "≥ %.0f%% of echo: %s", SINGLE_VS_ECHO * 100, verdict(met)));
    }

    static Row openLoop(Row row) {
        if (row.monitors() < 20) {
            return row;  // the target is set for 20 monitors
        }
        boolean met = row.ackP99() <= OPEN_LOOP_ACK_P99_MILLIS;
        return row.withGoal(String.format(Locale.ROOT, "ack p99 ≤ %.0f ms: %s", OPEN_LOOP_ACK_P99_MILLIS,
                verdict(met)));
    }

    static Row fleet(Row row, double offeredPerSecond) {
        double pageBound = row.monitors() > 1 ? FLEET_PAGE_P99_MILLIS_MANY : FLEET_PAGE_P99_MILLIS_ONE;
        List<String> missed = new ArrayList<>();
        if (row.rate() < offeredPerSecond * KEEPS_UP) {
            missed.add("rate");
        }
        if (!(row.ackP99() <= FLEET_ACK_P99_MILLIS)) {
            missed.add("ack p99");
        }
        if (!(row.pageP99() <= pageBound)) {
            missed.add("page p99");
        }
        return row.withGoal(String.format(Locale.ROOT, "offered rate, ack p99 ≤ %.0f ms, page p99 ≤ %.0f ms: %s",
                FLEET_ACK_P99_MILLIS, pageBound, missed.isEmpty() ? verdict(true)
                        : verdict(false) + " (" + String.join(", ", missed) + ")"));
    }

    /** The soak: once retention deletes what arrives, the database stops growing. */
    static Row soak(Row row, boolean stoppedGrowing) {
        return row.withGoal("stops growing once retention deletes what arrives: " + verdict(stoppedGrowing));
    }

    private static String verdict(boolean met) {
        return met ? "met" : "**not met**";
    }
}
