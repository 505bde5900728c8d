package io.vigil.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    private final SignInThrottle throttle = new SignInThrottle();

    private void fail(String name, String address, int times, long now) {
        for (int i = 0; i < times; i++) {
            throttle.failed(name, address, now);
        }
    }

    @Test
    void aNameTriedWronglyFromOneAddressWaitsThereOnly() {
        fail("admin", "127.0.0.3", SignInThrottle.FREE_PER_PAIR, 0);
        assertEquals(0, throttle.waitMillis("admin", "127.0.0.3", 0), "the free tries");
        throttle.failed("admin", "127.0.0.3", 0);
        assertEquals(1_000, throttle.waitMillis("admin", "127.0.0.3", 0));
        assertEquals(0, throttle.waitMillis("admin", "127.0.0.2", 0), "the right password from elsewhere is checked");
        assertEquals(0, throttle.waitMillis("dana", "127.0.0.3", 0), "other names from the same address too");
        throttle.failed("admin", "127.0.0.3", 1_000);
        assertEquals(2_000, throttle.waitMillis("admin", "127.0.0.3", 1_000), "each failure doubles the wait");
    }

    @Test
    void theWaitIsBoundedAndFailuresAreForgotten() {
        fail("admin", "10.0.0.9", 100, 0);
        assertEquals(SignInThrottle.MAX_WAIT_MILLIS, throttle.waitMillis("admin", "10.0.0.9", 0));
        assertEquals(0, throttle.waitMillis("admin", "10.0.0.9", SignInThrottle.FORGET_AFTER_MILLIS));
    }

    @Test
    void aSignInClearsItsPair() {
        fail("admin", "127.0.0.3", 7, 0);
        throttle.succeeded("admin", "127.0.0.3", 10);
        assertEquals(0, throttle.waitMillis("admin", "127.0.0.3", 10));
    }

    @Test
    void anAddressTryingManyNamesWaitsForEveryNameItHasNotSignedInWith() {
        throttle.succeeded("dana", "127.0.0.4", 0);
        for (int i = 0; i <= SignInThrottle.FREE_PER_ADDRESS; i++) {
            throttle.failed("guess-" + i, "127.0.0.4", 1);
        }
        assertTrue(throttle.waitMillis("admin", "127.0.0.4", 1) >= 1_000, "password spraying is bounded");
        assertEquals(0, throttle.waitMillis("dana", "127.0.0.4", 1), "a name known to sign in there is not");
        assertEquals(0, throttle.waitMillis("admin", "127.0.0.5", 1));
        List<SignInThrottle.Throttled> waiting = throttle.throttled(1);
        assertEquals(1, waiting.size(), String.valueOf(waiting));
        assertEquals("127.0.0.4", waiting.get(0).address());
        assertNull(waiting.get(0).username());
    }

    @Test
    void memoryIsBounded() {
        for (int i = 0; i < SignInThrottle.MAX_ENTRIES * 2; i++) {
            throttle.failed("n" + i, "a" + i, 0);
        }
        fail("admin", "a0", 10, 0);
        assertTrue(throttle.throttled(0).size() <= 2 * SignInThrottle.MAX_ENTRIES);
        assertTrue(throttle.waitMillis("admin", "a0", 0) > 0, "the latest are kept");
    }
}
