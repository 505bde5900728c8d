package io.vigil.web.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MessageRateTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstGoesThroughThenTheClientIsToldToWaitForItsNextToken() {
        MessageRate rate = new MessageRate(10, 50, 0);
        for (int i = 0; i < 50; i++) {
            assertEquals(0, rate.take(0), "frame " + i + " of the burst");
        }
        assertEquals(SECOND / 10, rate.take(0), 2, "past the burst: a tenth of a second for the next token");
        assertEquals(2 * SECOND / 10, rate.take(0), 2, "one more frame read ahead: two tenths");
        assertEquals(2 * SECOND / 10, rate.take(SECOND / 10), 2, "a tenth later, one more frame: time paid a tenth back");
    }

    @Test
    void aSteadyClientAtItsRateNeverWaits() {
        MessageRate rate = new MessageRate(100, 10, 0);
        for (int i = 1; i <= 10_000; i++) {
            assertEquals(0, rate.take(i * (SECOND / 100)));
        }
    }

    @Test
    void aClientHeldToItsRateGetsThroughAtThatRate() {
        MessageRate rate = new MessageRate(200, 1_000, 0);
        long now = 0;
        int frames = 0;
        while (frames < 20_000) {
            long wait = rate.take(now);
            frames++;
            now += wait; // the server reads again only after the wait
        }
        double seconds = now / (double) SECOND;
        assertTrue(seconds > 94 && seconds < 96, "20,000 frames at 200/s after a burst of 1,000: " + seconds + " s");
    }

    @Test
    void zeroTurnsTheLimitOff() {
        MessageRate rate = new MessageRate(0, 0, 0);
        for (int i = 0; i < 100_000; i++) {
            assertEquals(0, rate.take(0));
        }
    }
}
