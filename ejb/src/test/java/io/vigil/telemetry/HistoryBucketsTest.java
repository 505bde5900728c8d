package io.vigil.telemetry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryBucketsTest {

    @Test
    void readingsFoldIntoEpochAlignedBucketsWithCountMinMeanAndMax() {
        HistoryBuckets buckets = new HistoryBuckets(60_000);
        buckets.add(120_000, Map.of("t", 10.0, "p", 1.0), null);
        buckets.add(150_000, Map.of("t", 20.0), null);
        buckets.add(179_999, Map.of("t", 30.0), null);
        buckets.add(180_000, Map.of("t", -5.0), null);
        buckets.add(-1, Map.of("t", 7.0), null);

        HistoryBuckets.Series t = buckets.series().get("t");
        assertArrayEquals(new long[] {-60_000, 120_000, 180_000}, t.t());
        assertArrayEquals(new long[] {1, 3, 1}, t.n());
        assertArrayEquals(new double[] {7, 10, -5}, t.min());
        assertArrayEquals(new double[] {7, 20, -5}, t.avg());
        assertArrayEquals(new double[] {7, 30, -5}, t.max());
        assertArrayEquals(new long[] {120_000}, buckets.series().get("p").t());
    }

    @Test
    void oneMetricOnlyWhenAsked() {
        HistoryBuckets buckets = new HistoryBuckets(1_000);
        buckets.add(5, Map.of("t", 1.0, "p", 2.0), "p");
        assertEquals(1, buckets.series().size());
        assertArrayEquals(new double[] {2}, buckets.series().get("p").avg());
    }
}
