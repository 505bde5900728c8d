package io.vigil.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.shared.Lanes;
import io.vigil.shared.StorageHealth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
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

/** The writer's group commit, back-pressure, failure isolation and ordering, with the database replaced by a fake. */
class TelemetryIngestTest {

    /** A store that records each batch it commits, and can be held up or made to refuse. */
    static final class FakeStore extends TelemetryStore {
        final List<List<Submission>> batches = new CopyOnWriteArrayList<>();
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch firstCallStarted = new CountDownLatch(1);
        final AtomicInteger failuresLeft = new AtomicInteger();
        final Set<String> refusedDevices = ConcurrentHashMap.newKeySet();
        final List<String> threads = new CopyOnWriteArrayList<>();
        volatile boolean holdFirstCall;

        @Override
        public List<IngestResult> store(List<Submission> batch, long now) {
            threads.add(Thread.currentThread().getName());
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
            if (batch.stream().anyMatch(s -> refusedDevices.contains(s.deviceId()))) {
                throw new IllegalStateException("constraint violated");
            }
            batches.add(List.copyOf(batch));
            List<IngestResult> results = new ArrayList<>();
            for (Submission submission : batch) {
                long last = submission.readings().get(submission.readings().size() - 1).seq();
                results.add(new IngestResult(last, List.of()));
            }
            return results;
        }

        long stored(String deviceId) {
            return batches.stream().flatMap(List::stream).filter(s -> s.deviceId().equals(deviceId))
                    .mapToLong(s -> s.readings().size()).sum();
        }
    }

    /** A database that answers or not, as the test says. */
    static final class FakeHealth extends StorageHealth {
        volatile boolean up = true;

        @Override
        public boolean reachable() {
            return up;
        }
    }

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private FakeStore store;
    private FakeHealth health;
    private TelemetryIngest ingest;

    @BeforeEach
    void setUp() {
        System.setProperty("vigil.ingest.queueCapacity", "500");
        store = new FakeStore();
        health = new FakeHealth();
        ingest = new TelemetryIngest();
        ingest.store = store;
        ingest.health = health;
        ingest.metrics = new IngestMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        ingest.executor = Lanes.managed(threads);
        ingest.lane = Lanes.commitLane(threads);
    }

    @AfterEach
    void tearDown() {
        System.clearProperty("vigil.ingest.queueCapacity");
        threads.shutdownNow();
    }

    private static List<IncomingReading> readings(long firstSeq, int count) {
        List<IncomingReading> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(new IncomingReading.Valid(firstSeq + i, 1, Map.of("v", 1.0)));
        }
        return list;
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    private static Throwable failureOf(CompletableFuture<?> future) {
        return assertThrows(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS)).getCause();
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
        await(CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)));
        assertEquals(2, store.batches.size(), "50 submissions, one transaction");
        assertEquals(50, store.batches.get(1).size());
        assertEquals(3, acks.get(50).get().ackSeq());
    }

    @Test
    void aFullBacklogIsReportedWithoutBlockingTheCallerAndRoomIsAnnounced() throws Exception {
        store.holdFirstCall = true;
        CompletableFuture<IngestResult> first = ingest.submit("a", readings(1, 1)).toCompletableFuture();
        assertTrue(store.firstCallStarted.await(5, TimeUnit.SECONDS));
        long before = System.nanoTime();
        CompletableFuture<IngestResult> fills = ingest.submit("a", readings(2, 499)).toCompletableFuture();
        CompletableFuture<IngestResult> beyond = ingest.submit("b", readings(1, 10)).toCompletableFuture();
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before) < 1_000, "submit never waits");
        assertTrue(ingest.isFull());
        CountDownLatch room = new CountDownLatch(1);
        ingest.whenRoom(room::countDown);
        assertFalse(room.await(200, TimeUnit.MILLISECONDS), "no room while the writer is held");

        store.release.countDown();
        assertTrue(room.await(10, TimeUnit.SECONDS), "room is announced once the backlog is written");
        assertEquals(1, await(first).ackSeq());
        assertEquals(500, await(fills).ackSeq());
        assertEquals(10, await(beyond).ackSeq(), "nothing was dropped");
        assertFalse(ingest.isFull());
    }

    @Test
    void pastTwiceTheCapacityASubmissionIsRefusedAndNothingOfItIsQueued() throws Exception {
        store.holdFirstCall = true;
        ingest.submit("a", readings(1, 1));
        assertTrue(store.firstCallStarted.await(5, TimeUnit.SECONDS));
        ingest.submit("a", readings(2, 500));
        ingest.submit("b", readings(1, 499));
        assertEquals(1000, ingest.backlog());
        Throwable refused = failureOf(ingest.submit("c", readings(1, 1)).toCompletableFuture());
        assertInstanceOf(IngestOverloadedException.class, refused);
        assertEquals(1000, ingest.backlog());
        store.release.countDown();
        assertEquals(0, store.stored("c"));
    }

    @Test
    void aFailedWriteIsTriedOnceMoreAndAnUnreachableDatabaseIsReportedAsUnavailable() throws Exception {
        store.failuresLeft.set(1);
        assertEquals(5, await(ingest.submit("a", readings(1, 5)).toCompletableFuture()).ackSeq());

        health.up = false;
        store.failuresLeft.set(2);
        Throwable failure = failureOf(ingest.submit("a", readings(6, 1)).toCompletableFuture());
        assertInstanceOf(StorageUnavailableException.class, failure);
        assertEquals(1, store.batches.size(), "nothing of the failed batch was stored");
        assertEquals(0, ingest.backlog());
    }

    @Test
    void oneDevicesRefusedRowsFailOnlyThatDeviceWhileEveryOtherSubmissionIsStoredAndAcked() throws Exception {
        store.refusedDevices.add("bad");
        store.holdFirstCall = true;
        ingest.submit("warm-up", readings(1, 1));
        assertTrue(store.firstCallStarted.await(5, TimeUnit.SECONDS));
        List<CompletableFuture<IngestResult>> good = new ArrayList<>();
        CompletableFuture<IngestResult> bad = null;
        for (int device = 0; device < 16; device++) {
            if (device == 11) {
                bad = ingest.submit("bad", readings(1, 3)).toCompletableFuture();
            }
            good.add(ingest.submit("good-" + device, readings(1, 2)).toCompletableFuture());
        }
        store.release.countDown();
        for (CompletableFuture<IngestResult> ack : good) {
            assertEquals(2, await(ack).ackSeq());
        }
        Throwable failure = failureOf(bad);
        assertInstanceOf(StorageRefusedException.class, failure);
        assertTrue(failure.getMessage().contains("readings 1-3 of device bad"), failure.getMessage());
        assertEquals(0, store.stored("bad"));
        for (int device = 0; device < 16; device++) {
            assertEquals(2, store.stored("good-" + device), "stored exactly once");
        }
    }

    @Test
    void afterASubmissionFailedNoLaterOneOfTheSameChannelIsStoredSoNoAckCanSkipIt() throws Exception {
        IngestChannel channel = new IngestChannel("flaky");
        store.refusedDevices.add("flaky");
        store.holdFirstCall = true;
        ingest.submit("warm-up", readings(1, 1));
        assertTrue(store.firstCallStarted.await(5, TimeUnit.SECONDS));
        CompletableFuture<IngestResult> first = ingest.submit(channel, readings(1, 5)).toCompletableFuture();
        store.release.countDown();
        assertInstanceOf(StorageRefusedException.class, failureOf(first));

        store.refusedDevices.clear();  // the database would take the next one: it must not be offered
        CompletableFuture<IngestResult> later = ingest.submit(channel, readings(6, 5)).toCompletableFuture();
        assertInstanceOf(StorageRefusedException.class, failureOf(later));
        assertEquals(0, store.stored("flaky"));

        IngestChannel reconnected = new IngestChannel("flaky");
        assertEquals(5, await(ingest.submit(reconnected, readings(1, 5)).toCompletableFuture()).ackSeq(),
                "a new connection re-sends from lastSeq and is stored");
    }

    @Test
    void withSeveralWritersEachDeviceKeepsItsOrderAndEverythingIsStoredOnce() throws Exception {
        System.setProperty("vigil.ingest.writers", "3");
        try {
            ingest = new TelemetryIngest();
            ingest.store = store;
            ingest.health = health;
            ingest.metrics = new IngestMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        ingest.metrics = new IngestMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
            ingest.executor = Lanes.managed(threads);
            ingest.lane = Lanes.commitLane(threads);
            List<CompletableFuture<IngestResult>> all = new ArrayList<>();
            for (int seq = 1; seq <= 100; seq++) {
                for (int device = 0; device < 12; device++) {
                    all.add(ingest.submit("w" + device, readings(seq, 1)).toCompletableFuture());
                }
                if (seq % 20 == 0) {
                    // like devices with a window: at most 240 readings in flight, well below the test's capacity
                    await(CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)));
                }
            }
            await(CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)));
            for (int device = 0; device < 12; device++) {
                String id = "w" + device;
                assertEquals(100, store.stored(id), id + " stored once each");
                List<Long> order = store.batches.stream().flatMap(List::stream).filter(s -> s.deviceId().equals(id))
                        .map(s -> s.readings().get(0).seq()).toList();
                List<Long> sorted = new ArrayList<>(order);
                sorted.sort(Long::compare);
                assertEquals(sorted, order, id + " was written in seq order");
            }
        } finally {
            System.clearProperty("vigil.ingest.writers");
        }
    }

    @Test
    void acksAreCompletedOffTheWriterThreadAndInCommitOrderPerDevice() throws Exception {
        List<Long> acked = new CopyOnWriteArrayList<>();
        List<String> ackThreads = new CopyOnWriteArrayList<>();
        List<CompletableFuture<IngestResult>> all = new ArrayList<>();
        for (int seq = 1; seq <= 300; seq++) {
            all.add(ingest.submit("ordered", readings(seq, 1)).toCompletableFuture().whenComplete((r, e) -> {
                acked.add(r.ackSeq());
                ackThreads.add(Thread.currentThread().getName());
            }));
        }
        await(CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)));
        List<Long> sorted = new ArrayList<>(acked);
        sorted.sort(Long::compare);
        assertEquals(sorted, acked, "acks complete in commit order");
        assertEquals(300, acked.size());
        Set<String> writerThreads = Set.copyOf(store.threads);
        assertTrue(ackThreads.stream().noneMatch(writerThreads::contains) || writerThreads.size() > 1,
                "acks are completed on the commit lane, not by the writer");
        assertNotEquals(0, store.batches.size());
    }
}
