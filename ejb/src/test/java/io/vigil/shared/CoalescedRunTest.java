package io.vigil.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The drain mechanism the ingest writers, the commit lane and the monitor fan-out share. */
class CoalescedRunTest {

    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    @AfterEach
    void tearDown() {
        threads.shutdownNow();
    }

    @Test
    void itemsAddedFromManyThreadsWhileItRunsAreAllDrainedAndNeverByTwoRunsAtOnce() throws Exception {
        ConcurrentLinkedQueue<Integer> queue = new ConcurrentLinkedQueue<>();
        AtomicInteger drained = new AtomicInteger();
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        CoalescedRun drain = new CoalescedRun(threads, () -> {
            maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            while (queue.poll() != null) {
                drained.incrementAndGet();
            }
            concurrent.decrementAndGet();
        });
        ExecutorService producers = Executors.newFixedThreadPool(4);
        CountDownLatch done = new CountDownLatch(4);
        for (int p = 0; p < 4; p++) {
            producers.execute(() -> {
                for (int i = 0; i < 25_000; i++) {
                    queue.add(i);
                    drain.request();
                }
                done.countDown();
            });
        }
        assertTrue(done.await(20, TimeUnit.SECONDS));
        producers.shutdown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (drained.get() < 100_000 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        assertEquals(100_000, drained.get(), "no request is lost");
        assertEquals(1, maxConcurrent.get(), "never two runs at once");
    }

    @Test
    void anActionThatThrowsRunsAgainOnTheNextRequest() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch second = new CountDownLatch(2);
        CoalescedRun drain = new CoalescedRun(threads, () -> {
            runs.incrementAndGet();
            second.countDown();
            throw new IllegalStateException("boom");
        });
        drain.request();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (runs.get() < 1 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
        drain.request();
        assertTrue(second.await(5, TimeUnit.SECONDS));
    }
}
