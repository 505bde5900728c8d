package io.vigil.client.sdk;

import java.time.Duration;
import java.util.function.LongUnaryOperator;

/**
 * Reconnect delays: exponential with full jitter, a uniformly random delay
 * between zero and {@code min(max, initial * 2^attempt)}. A fleet that lost
 * its server at the same moment thus spreads its reconnects over the whole
 * window instead of arriving in waves (the "full jitter" of the AWS
 * Architecture Blog's "Exponential Backoff And Jitter").
 */
final class Backoff {

    private final long initialMillis;
    private final long maxMillis;
    /** Given an exclusive bound, a random number in {@code [0, bound)}. */
    private final LongUnaryOperator random;
    private int attempt;

    Backoff(Duration initial, Duration max, LongUnaryOperator random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + " and " + max);
        }
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    /** The delay before the next attempt; each call widens the window until it reaches the maximum. */
    Duration next() {
        long ceiling = attempt >= 30 ? maxMillis : Math.min(maxMillis, initialMillis << attempt);
        attempt++;
        return Duration.ofMillis(random.applyAsLong(ceiling + 1));
    }

    /** The connection proved healthy: start again from the smallest window. */
    void reset() {
        attempt = 0;
    }
}
