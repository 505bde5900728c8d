package io.vigil.client.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void windowDoublesUpToTheMaximum() {
        List<Long> bounds = new ArrayList<>();
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), bound -> {
            bounds.add(bound);
            return bound - 1;
        });
        for (int i = 0; i < 6; i++) {
            backoff.next();
        }
        assertEquals(List.of(101L, 201L, 401L, 801L, 1001L, 1001L), bounds);
        backoff.reset();
        assertEquals(Duration.ofMillis(100), backoff.next());
    }

    @Test
    void fullJitterSpreadsAFleetOverTheWholeWindow() {
        Random random = new Random(7);
        int[] buckets = new int[10];
        for (int device = 0; device < 10_000; device++) {
            Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8), random::nextLong);
            backoff.next();
            backoff.next();
            backoff.next();
            long delay = backoff.next().toMillis();
            assertTrue(delay >= 0 && delay <= 8000, "delay " + delay);
            buckets[(int) Math.min(9, delay / 800)]++;
        }
        for (int count : buckets) {
            assertTrue(count > 800 && count < 1200, "uneven spread: " + java.util.Arrays.toString(buckets));
        }
    }
}
