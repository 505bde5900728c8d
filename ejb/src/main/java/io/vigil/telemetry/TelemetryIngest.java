package io.vigil.telemetry;

import io.vigil.config.Settings;
import io.vigil.shared.CoalescedRun;
import io.vigil.shared.CommitLane;
import io.vigil.shared.StorageHealth;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where every reading enters storage. Submissions are queued per writer (a
 * device always goes to the same one, so its order is kept) and each writer
 * commits everything waiting in one transaction (group commit): at once when
 * idle, in bigger batches under load. The writer does nothing but storage;
 * acks are completed on the {@link CommitLane}, after the commit, in order.
 *
 * <p>Nothing here blocks the caller. Past {@code vigil.ingest.queueCapacity}
 * readings waiting, {@link #isFull()} says so and endpoints stop reading from
 * their devices until {@link #whenRoom} calls them back; a device that keeps
 * sending regardless is refused past twice that.
 *
 * <p>A batch the database refuses is split until the submission that causes it
 * is found; it is failed, every other one is stored and acked. Once a
 * submission of an {@link IngestChannel} failed, its later ones fail too.
 */
@ApplicationScoped
public class TelemetryIngest {

    private static final Logger LOG = Logger.getLogger(TelemetryIngest.class.getName());
    /** A batch message may carry this many readings, so the queue always has room for one. */
    private static final int MIN_CAPACITY = 500;
    private static final long RETRY_PAUSE_MILLIS = 250;

    private final int maxBatch = Math.max(1, Settings.ingestMaxBatch());
    private final int capacity = Math.max(MIN_CAPACITY, Settings.ingestQueueCapacity());
    private final int hardLimit = 2 * capacity;
    private final AtomicInteger backlog = new AtomicInteger();
    /** When the writers last finished a batch, or the backlog last rose from empty (liveness). */
    private volatile long lastProgressAt = System.currentTimeMillis();
    private final Queue<Runnable> roomWaiters = new ConcurrentLinkedQueue<>();
    private volatile Writer[] writers;

    @Inject
    TelemetryStore store;

    @Inject
    CommitLane lane;

    @Inject
    StorageHealth health;

    @Inject
    IngestMetrics metrics;

    @Resource
    ManagedExecutorService executor;

    /** Registers the backlog gauge when the application starts, before the first reading. */
    void started(@Observes @Initialized(ApplicationScoped.class) Object application) {
        metrics.backlog(backlog);
    }

    /** Queues readings that belong to no connection in particular (tests, tools). */
    public CompletionStage<IngestResult> submit(String deviceId, List<IncomingReading> readings) {
        return submit(new IngestChannel(deviceId), readings);
    }

    /**
     * Queues a device's readings. The returned stage completes after they are
     * committed, or fails with {@link IngestOverloadedException},
     * {@link StorageUnavailableException} or {@link StorageRefusedException}.
     */
    public CompletionStage<IngestResult> submit(IngestChannel channel, List<IncomingReading> readings) {
        int count = readings.size();
        int waiting = backlog.addAndGet(count);
        if (waiting == count) {
            lastProgressAt = System.currentTimeMillis();
        }
        if (waiting > hardLimit) {
            backlog.addAndGet(-count);
            metrics.rejected("overloaded", count);
            return CompletableFuture.failedFuture(new IngestOverloadedException(
                    "more than " + hardLimit + " readings are waiting for the database"));
        }
        Submission submission = new Submission(channel, readings);
        writerFor(channel.deviceId()).add(submission);
        return submission.result();
    }

    /** Whether devices should stop sending until {@link #whenRoom} calls back. */
    public boolean isFull() {
        return backlog.get() >= capacity;
    }

    /** Runs {@code action} once the backlog is below capacity (at once if it is). */
    public void whenRoom(Runnable action) {
        roomWaiters.add(action);
        if (!isFull()) {
            releaseWaiters();
        }
    }

    /** Readings queued and not yet committed. */
    public int backlog() {
        return backlog.get();
    }

    /** The backlog past which devices are held back ({@code vigil.ingest.queueCapacity}). */
    public int capacity() {
        return capacity;
    }

    /** How long readings have waited with no batch finished (stored or failed); 0 while nothing waits. */
    public long millisWithoutProgress() {
        return backlog.get() == 0 ? 0 : Math.max(0, System.currentTimeMillis() - lastProgressAt);
    }

    private Writer writerFor(String deviceId) {
        Writer[] all = writers;
        if (all == null) {
            synchronized (this) {
                if (writers == null) {
                    Writer[] created = new Writer[Math.max(1, Settings.ingestWriters())];
                    for (int i = 0; i < created.length; i++) {
                        created[i] = new Writer();
                    }
                    writers = created;
                }
                all = writers;
            }
        }
        return all[Math.floorMod(deviceId.hashCode(), all.length)];
    }

    private void releaseWaiters() {
        Runnable waiter;
        while (!isFull() && (waiter = roomWaiters.poll()) != null) {
            try {
                waiter.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "A device waiting for room could not be resumed", e);
            }
        }
    }

    /** One writer: a queue and at most one managed thread draining it. */
    private final class Writer {
        private final Queue<Submission> queue = new ConcurrentLinkedQueue<>();
        private final CoalescedRun drain = new CoalescedRun(executor, this::writeAll);

        void add(Submission submission) {
            queue.add(submission);
            drain.request();
        }

        private void writeAll() {
            List<Submission> batch;
            while (!(batch = nextBatch()).isEmpty()) {
                write(batch);
            }
        }

        private List<Submission> nextBatch() {
            List<Submission> batch = new ArrayList<>();
            int readings = 0;
            Submission next;
            while (readings < maxBatch && (next = queue.poll()) != null) {
                batch.add(next);
                readings += next.readings().size();
            }
            return batch;
        }
    }

    private void write(List<Submission> batch) {
        Map<Submission, Object> outcomes = new IdentityHashMap<>();
        try {
            storeIsolating(batch, outcomes);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Unexpected failure while storing a batch; its devices will re-send", e);
            StorageUnavailableException failure = new StorageUnavailableException("storage failed unexpectedly", e);
            batch.forEach(s -> outcomes.putIfAbsent(s, failure));
        }
        backlog.addAndGet(-batch.stream().mapToInt(s -> s.readings().size()).sum());
        lastProgressAt = System.currentTimeMillis();
        count(outcomes);
        lane.run(() -> batch.forEach(s -> complete(s, outcomes.get(s))));
        releaseWaiters();
    }

    private static void complete(Submission submission, Object outcome) {
        if (outcome instanceof IngestResult result) {
            submission.result().complete(result);
        } else {
            submission.result().completeExceptionally((Throwable) outcome);
        }
    }

    /**
     * Stores what it can of {@code batch}. A transaction the database refuses
     * is rolled back whole, so trying again, or trying halves, is safe.
     */
    private void storeIsolating(List<Submission> batch, Map<Submission, Object> outcomes) {
        List<Submission> live = new ArrayList<>(batch.size());
        for (Submission submission : batch) {
            Throwable earlier = submission.channel().failure();
            if (earlier != null) {
                outcomes.put(submission, earlier);
            } else {
                live.add(submission);
            }
        }
        if (live.isEmpty()) {
            return;
        }
        RuntimeException first;
        try {
            record(live, metrics.timeCommit(() -> store.store(live, System.currentTimeMillis())), outcomes);
            return;
        } catch (RuntimeException e) {
            first = e;
        }
        if (live.size() > 1 && !StorageErrors.isTransient(first) && health.reachable()) {
            LOG.fine(() -> "A batch of " + live.size() + " submissions was refused (" + StorageErrors.describe(first)
                    + "); storing it in halves");
            int half = live.size() / 2;
            storeIsolating(live.subList(0, half), outcomes);
            storeIsolating(live.subList(half, live.size()), outcomes);
            return;
        }
        pauseBeforeRetry();
        try {
            record(live, metrics.timeCommit(() -> store.store(live, System.currentTimeMillis())), outcomes);
        } catch (RuntimeException second) {
            RuntimeException failure = classify(live, second);
            LOG.warning(() -> failure.getMessage() + " (" + live.size() + " submission(s)): "
                    + StorageErrors.describe(second));
            for (Submission submission : live) {
                submission.channel().fail(failure);
                outcomes.put(submission, failure);
            }
        }
    }

    private RuntimeException classify(List<Submission> live, RuntimeException error) {
        if (live.size() == 1 && !StorageErrors.isTransient(error) && health.reachable()) {
            Submission submission = live.get(0);
            return new StorageRefusedException("the database refused readings " + submission.readings().get(0).seq()
                    + "-" + submission.readings().get(submission.readings().size() - 1).seq() + " of device "
                    + submission.deviceId(), error);
        }
        return new StorageUnavailableException("storage unavailable", error);
    }

    /** Quarantined readings by their code, and readings refused unstored by why. */
    private void count(Map<Submission, Object> outcomes) {
        outcomes.forEach((submission, outcome) -> {
            if (outcome instanceof IngestResult result) {
                result.rejected().forEach(r -> metrics.quarantined(r.code()));
            } else {
                metrics.rejected(outcome instanceof StorageRefusedException ? "storage_refused" : "storage_unavailable",
                        submission.readings().size());
            }
        });
    }

    private static void record(List<Submission> live, List<IngestResult> results, Map<Submission, Object> outcomes) {
        for (int i = 0; i < live.size(); i++) {
            outcomes.put(live.get(i), results.get(i));
        }
    }

    private static void pauseBeforeRetry() {
        try {
            Thread.sleep(RETRY_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
