package io.vigil.bench;

import java.util.Arrays;

/** Latency samples in microseconds, with percentiles; thread-safe, bounded. */
final class Latencies {

    private static final int MAX_SAMPLES = 4_000_000;
    private long[] samples = new long[1 << 16];
    private int count;

    synchronized void add(long micros) {
        if (count == MAX_SAMPLES) {
            return;
        }
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, Math.min(MAX_SAMPLES, samples.length * 2));
        }
        samples[count++] = micros;
    }

    synchronized int count() {
        return count;
    }

    /** The p-th percentile in milliseconds (p in 0..100), NaN without samples. */
    synchronized double percentileMillis(double p) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        int index = (int) Math.min(count - 1, Math.max(0, Math.ceil(p / 100.0 * count) - 1));
        return sorted[index] / 1000.0;
    }
}
