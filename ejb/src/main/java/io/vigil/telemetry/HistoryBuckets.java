package io.vigil.telemetry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Folds a device's readings into time buckets per metric: for each bucket
 * the count, minimum, mean and maximum, so that a chart of any range gets a
 * bounded number of points whatever the reading rate. Buckets start at
 * multiples of the width since the epoch, so that live readings added by a
 * page fall into the same buckets as the history. Memory grows with the
 * number of buckets, never with the number of readings.
 */
public final class HistoryBuckets {

    /** One metric's buckets in columns, oldest first, ready for a chart. */
    public record Series(long[] t, long[] n, double[] min, double[] avg, double[] max) {
    }

    private final long widthMillis;
    private final Map<String, TreeMap<Long, double[]>> perMetric = new LinkedHashMap<>();

    public HistoryBuckets(long widthMillis) {
        if (widthMillis < 1) {
            throw new IllegalArgumentException("bucket width must be positive");
        }
        this.widthMillis = widthMillis;
    }

    /** Adds one reading's metrics (only those wanted, when {@code metric} is not null). */
    public void add(long ts, Map<String, Double> metrics, String metric) {
        metrics.forEach((name, value) -> {
            if (metric == null || metric.equals(name)) {
                add(ts, name, 1, value, value, value);
            }
        });
    }

    /**
     * Adds an aggregate of {@code n} values of one metric measured from
     * {@code ts} on (a roll-up, which lies wholly inside one bucket).
     */
    public void add(long ts, String metric, long n, double min, double sum, double max) {
        long start = Math.floorDiv(ts, widthMillis) * widthMillis;
        // count, min, sum, max
        double[] bucket = perMetric.computeIfAbsent(metric, m -> new TreeMap<>())
                .computeIfAbsent(start, s -> new double[] {0, Double.POSITIVE_INFINITY, 0, Double.NEGATIVE_INFINITY});
        bucket[0] += n;
        bucket[1] = Math.min(bucket[1], min);
        bucket[2] += sum;
        bucket[3] = Math.max(bucket[3], max);
    }

    /** Adds everything {@code other} (of the same width) holds, bucket by bucket. */
    public void addAll(HistoryBuckets other) {
        if (other.widthMillis != widthMillis) {
            throw new IllegalArgumentException("bucket widths differ: " + other.widthMillis + " and " + widthMillis);
        }
        other.perMetric.forEach((metric, buckets) -> buckets.forEach(
                (start, b) -> add(start, metric, (long) b[0], b[1], b[2], b[3])));
    }

    /** The names of the metrics added, sorted. */
    public List<String> metricNames() {
        return perMetric.keySet().stream().sorted().toList();
    }

    public long widthMillis() {
        return widthMillis;
    }

    /** Every metric seen, each as its buckets in columns. */
    public Map<String, Series> series() {
        Map<String, Series> all = new TreeMap<>();
        perMetric.forEach((name, buckets) -> {
            int size = buckets.size();
            long[] t = new long[size];
            long[] n = new long[size];
            double[] min = new double[size];
            double[] avg = new double[size];
            double[] max = new double[size];
            int i = 0;
            for (Map.Entry<Long, double[]> bucket : buckets.entrySet()) {
                double[] b = bucket.getValue();
                t[i] = bucket.getKey();
                n[i] = (long) b[0];
                min[i] = b[1];
                avg[i] = b[2] / b[0];
                max[i] = b[3];
                i++;
            }
            all.put(name, new Series(t, n, min, avg, max));
        });
        return all;
    }
}
