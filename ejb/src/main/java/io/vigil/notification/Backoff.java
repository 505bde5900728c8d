package io.vigil.notification;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The wait before the next attempt at a delivery: 1 s, doubling with each
 * attempt up to a ceiling, each drawn at random between half and all of it
 * (jitter), so that the channels that failed together do not retry together.
 */
final class Backoff {

    private Backoff() {
    }

    /** Milliseconds to wait after the {@code attempts}-th failed attempt (1 = the first). */
    static long delayMillis(int attempts, int maxSeconds) {
        long ceiling = Math.max(1, maxSeconds) * 1000L;
        long full = Math.min(ceiling, 1000L << Math.min(Math.max(attempts - 1, 0), 30));
        return full / 2 + ThreadLocalRandom.current().nextLong(full / 2 + 1);
    }
}
