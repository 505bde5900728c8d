package io.vigil.web.protocol;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MessageRateTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstIsAdmittedThenTheRateHolds() {
        MessageRate rate = new MessageRate(10, 50, 0);
        for (int i = 0; i < 50; i++) {
            assertTrue(rate.admit(0), "frame " + i + " of the burst");
        }
        assertFalse(rate.admit(0), "past the burst at once");
        assertTrue(rate.admit(SECOND / 10), "a tenth of a second later one more");
        assertFalse(rate.admit(SECOND / 10));
    }

    @Test
    void aSteadyClientAtItsRateIsNeverRefused() {
        MessageRate rate = new MessageRate(100, 10, 0);
        for (int i = 1; i <= 10_000; i++) {
            assertTrue(rate.admit(i * (SECOND / 100)));
        }
    }

    @Test
    void zeroTurnsTheLimitOff() {
        MessageRate rate = new MessageRate(0, 0, 0);
        for (int i = 0; i < 100_000; i++) {
            assertTrue(rate.admit(0));
        }
    }
}
