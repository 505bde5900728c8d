package io.vigil.shared;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KeepRunningTest {

    @Test
    void aPeriodicTaskThatThrowsRunsAgainAtItsNextPeriod() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch thirdRun = new CountDownLatch(3);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            scheduler.scheduleWithFixedDelay(KeepRunning.guard("a failing task", () -> {
                runs.incrementAndGet();
                thirdRun.countDown();
                throw new IllegalStateException("fails every time");
            }), 0, 10, TimeUnit.MILLISECONDS);
            assertTrue(thirdRun.await(5, TimeUnit.SECONDS), "ran " + runs.get() + " time(s), not 3");
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void anOutOfMemoryErrorIsNotSwallowed() {
        assertThrows(OutOfMemoryError.class, () -> KeepRunning.guard("a task", () -> {
            throw new OutOfMemoryError("test");
        }).run());
    }
}
