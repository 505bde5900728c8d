package io.vigil.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GoalsTest {

    private static Row row(int monitors, double rate, Double ratio, double ackP99, double pageP99) {
        return new Row("H2", "x", monitors, rate, "readings/s", ratio, 1, ackP99, 1, pageP99, null, null);
    }

    @Test
    void singleMessagesNeedHalfTheEcho() {
        assertEquals("≥ 50% of echo: met", Goals.single(row(1, 30_000, 0.5, 1, 1)).goal());
        assertEquals("≥ 50% of echo: **not met**", Goals.single(row(1, 29_000, 0.49, 1, 1)).goal());
    }

    @Test
    void theOpenLoopIsJudgedWithTwentyMonitorsOnly() {
        assertNull(Goals.openLoop(row(1, 5_000, null, 500, 500)).goal());
        assertEquals("ack p99 ≤ 50 ms: met", Goals.openLoop(row(20, 5_000, null, 50, 500)).goal());
        assertEquals("ack p99 ≤ 50 ms: **not met**", Goals.openLoop(row(20, 5_000, null, 51, 5)).goal());
    }

    @Test
    void aFleetRowNamesEveryBoundItMissed() {
        assertEquals("offered rate, ack p99 ≤ 100 ms, page p99 ≤ 150 ms: met",
                Goals.fleet(row(1, 4_950, null, 100, 150), 5_000).goal());
        assertEquals("offered rate, ack p99 ≤ 100 ms, page p99 ≤ 250 ms: **not met** (rate, ack p99)",
                Goals.fleet(row(20, 4_000, null, 101, 250), 5_000).goal());
        assertEquals("offered rate, ack p99 ≤ 100 ms, page p99 ≤ 150 ms: **not met** (page p99)",
                Goals.fleet(row(1, 5_000, null, 10, Double.NaN), 5_000).goal(), "not measured is not met");
    }

    @Test
    void theSoakStopsGrowingWhenItsLastTenMinutesAverageNoMoreThanTheTenBefore() {
        long[] steady = new long[35];
        for (int i = 0; i < steady.length; i++) {
            steady[i] = i < 15 ? 100L * i : 1_500 - (i % 10) * 50;  // grows, then retention cuts it back each run
        }
        assertTrue(Scenarios.stoppedGrowing(steady));
        long[] growing = new long[35];
        Arrays.setAll(growing, i -> 100L * i);
        assertFalse(Scenarios.stoppedGrowing(growing));
        assertFalse(Scenarios.stoppedGrowing(new long[20]), "too short to tell");
        // The 35-minute H2 soak of 2026-12-06 (MB a minute, from minute 16): peaks 520 and 559 at retention
        // runs, troughs 341 and 347 after them; means 403 and 410.
        long[] measured = {120, 134, 152, 172, 188, 210, 241, 265, 284, 305, 341, 358, 375, 415, 588, 455, 431, 408,
            341, 341, 348, 371, 396, 418, 520, 457, 446, 393, 357, 357, 347, 373, 394, 412, 559};
        assertTrue(Scenarios.stoppedGrowing(measured));
    }
}
