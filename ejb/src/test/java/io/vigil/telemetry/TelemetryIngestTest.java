package io.vigil.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ingest queue's group commit and back-pressure, with the database replaced by a controllable store. */
class TelemetryIngestTest {

    /** A store that records each batch it is given and can be held up or made to fail. */
    static final class FakeStore extends TelemetryStore {
        final List<List<Submission>> batches = new CopyOnWriteArrayList<>();
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch firstCallStarted = new CountDownLatch(1);
        final AtomicInteger failuresLeft = new AtomicInteger();
        volatile boolean holdFirstCall;

        @Override
        public List<IngestResult> store(List<Submission> batch, long now) {
            firstCallStarted.countDown();
            if (holdFirstCall && batches.isEmpty()) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("database unavailable");
            }
            batches.add(List.copyOf(batch));
            List<IngestResult> results = new ArrayList<>();
            for (Submission submission : batch) {
                long last = submission.readings().get(submission.readings().size() - 1).seq();
                results.add(new IngestResult(last, List.of()));
            }
            return results;
        }
    }

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private FakeStore store;
    private TelemetryIngest ingest;

    @BeforeEach
    void setUp() {
        System.setProperty("vigil.ingest.queueCapacity", "500");
        System.setProperty("vigil.ingest.enqueueTimeoutSeconds", "1");
        store = new FakeStore();
        ingest = new TelemetryIngest();
        ingest.store = store;
        ingest.executor = (ManagedExecutorService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ManagedExecutorService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("execute")) {
                        threads.execute((Runnable) args[0]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @AfterEach
    void tearDown() {
        System.clearProperty("vigil.ingest.queueCapacity");
        System.clearProperty("vigil.ingest.enqueueTimeoutSeconds");
        threads.shutdownNow();
    }

    private static List<IncomingReading> readings(long firstSeq, int count) {
        List<IncomingReading> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(new IncomingReading.Valid(firstSeq + i, 1, Map.of("v", 1.0)));
        }
        return list;
    }

    @Test
    void readingsThatArriveDuringAWriteAreCommittedTogetherInTheNextOne() throws Exception {
        store.holdFirstCall = true;
        List<CompletableFuture<IngestResult>> acks = new ArrayList<>();
        acks.add(ingest.submit("d0", readings(1, 1)).toCompletableFuture());
        assertTrue(store.firstCallStarted.await(5, TimeUnit.SECONDS));
        for (int device = 1; device <= 50; device++) {
            acks.add(ingest.submit("d" + device, readings(1, 3)).toCompletableFuture());
        }
        assertFalse(acks.get(1).isDone(), "no ack before the commit");
        store.release.countDown();
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertEquals(2, store.batches.size(), "50 submissions, one transaction");
        assertEquals(50, store.batches.get(1).size());
        assertEquals(3, acks.get(50).get().ackSeq());
    }

    @Test
    void aFullQueueMakesDevicesWaitAndDropsNothing() throws Exception {
        store.holdFirstCall = true;
        CompletableFuture<IngestResult> first = ingest.submit("a", readings(1, 1)).toCompletableFuture();
        assertTrue(store.firstCallStarted.await(5, TimeUnit.SECONDS));
        CompletableFuture<IngestResult> fills = ingest.submit("a", readings(2, 499)).toCompletableFuture();
        CountDownLatch submitted = new CountDownLatch(1);
        CompletableFuture<CompletableFuture<IngestResult>> waiting = CompletableFuture.supplyAsync(() -> {
            CompletableFuture<IngestResult> ack = ingest.submit("b", readings(1, 10)).toCompletableFuture();
            submitted.countDown();
            return ack;
        }, threads);
        assertFalse(submitted.await(300, TimeUnit.MILLISECONDS), "the queue is full: the device waits");
        store.release.countDown();
        assertEquals(10, waiting.get(5, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS).ackSeq());
        assertEquals(1, first.get().ackSeq());
        assertEquals(500, fills.get().ackSeq());
    }

    @Test
    void aDeviceThatWaitsTooLongForRoomIsToldTheServerIsOverloaded() throws Exception {
        store.holdFirstCall = true;
        ingest.submit("a", readings(1, 1));
        assertTrue(store.firstCallStarted.await(5, TimeUnit.SECONDS));
        ingest.submit("a", readings(2, 499));  // the queue is now full
        ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> ingest.submit("b", readings(1, 1)).toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertInstanceOf(IngestOverloadedException.class, failure.getCause());
        store.release.countDown();
    }

    @Test
    void aFailedWriteIsTriedOnceMoreBeforeTheDevicesAreTold() throws Exception {
        store.failuresLeft.set(1);
        assertEquals(5, ingest.submit("a", readings(1, 5)).toCompletableFuture().get(5, TimeUnit.SECONDS).ackSeq());

        store.failuresLeft.set(2);
        ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> ingest.submit("a", readings(6, 1)).toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertInstanceOf(StorageUnavailableException.class, failure.getCause());
        assertEquals(1, store.batches.size(), "nothing of the failed batch was stored");
        assertEquals(0, ingest.backlog());
    }
}
