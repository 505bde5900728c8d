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

    @Test
    void rollUpsFoldIntoTheBucketTheyStartInWithReadingsBeside() {
        HistoryBuckets buckets = new HistoryBuckets(3_600_000);
        buckets.add(0, "t", 60, -2, 120, 9);            // the first five minutes: 60 values
        buckets.add(3_300_000, "t", 30, 1, 90, 4);     // the last five minutes
        buckets.add(3_599_999, Map.of("t", 10.0), null); // a reading at the end of the hour
        buckets.add(3_600_000, "t", 1, 5, 5, 5);       // the next hour

        HistoryBuckets.Series t = buckets.series().get("t");
        assertArrayEquals(new long[] {0, 3_600_000}, t.t());
        assertArrayEquals(new long[] {91, 1}, t.n());
        assertArrayEquals(new double[] {-2, 5}, t.min());
        assertArrayEquals(new double[] {220.0 / 91, 5}, t.avg());
        assertArrayEquals(new double[] {10, 5}, t.max());
    }

    @Test
    void tiersAreTheRollUpsThatFitWholeIntoABucket() {
        assertEquals(java.util.List.of(ReadingRollups.FIVE_MINUTES), ReadingRollups.tiersFor(3 * 3_600_000L));
        assertEquals(java.util.List.of(ReadingRollups.FIVE_MINUTES), ReadingRollups.tiersFor(900_000));
        assertEquals(java.util.List.of(), ReadingRollups.tiersFor(120_000));
        assertEquals(java.util.List.of(), ReadingRollups.tiersFor(90_000));
        assertEquals(java.util.List.of(), ReadingRollups.tiersFor(10_000));
    }

    @Test
    void addingAllOfAnotherGivesTheFiguresOfAddingEachReadingToOne() {
        HistoryBuckets one = new HistoryBuckets(60_000);
        HistoryBuckets first = new HistoryBuckets(60_000);
        HistoryBuckets second = new HistoryBuckets(60_000);
        long[] ts = {1_000, 59_999, 60_000, 61_500, 185_000};
        double[] values = {4.5, -2, 7, 1.25, 3};
        for (int i = 0; i < ts.length; i++) {
            one.add(ts[i], Map.of("t", values[i]), null);
            (i % 2 == 0 ? first : second).add(ts[i], Map.of("t", values[i]), null);
        }
        first.addAll(second);
        HistoryBuckets.Series expected = one.series().get("t");
        HistoryBuckets.Series merged = first.series().get("t");
        assertArrayEquals(expected.t(), merged.t());
        assertArrayEquals(expected.n(), merged.n());
        assertArrayEquals(expected.min(), merged.min());
        assertArrayEquals(expected.avg(), merged.avg());
        assertArrayEquals(expected.max(), merged.max());
    }
}
