package io.vigil.telemetry;

import io.vigil.config.Settings;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where every reading enters storage: a bounded queue shared by all devices,
 * drained by one writer that commits many readings per transaction (group
 * commit) and only then completes each submission's ack.
 *
 * <p>The bound is counted in readings. When it is reached, {@link #submit}
 * waits for room, which holds up the device's connection thread: the device is
 * slowed down (its acks come later), nothing is dropped.
 */
@ApplicationScoped
public class TelemetryIngest {

    private static final Logger LOG = Logger.getLogger(TelemetryIngest.class.getName());
    /** A batch message may carry this many readings, so the queue always has room for one. */
    private static final int MIN_CAPACITY = 500;
    private static final long RETRY_PAUSE_MILLIS = 250;

    private final LinkedBlockingQueue<Submission> queue = new LinkedBlockingQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final int maxBatch = Math.max(1, Settings.ingestMaxBatch());
    private final int enqueueTimeoutSeconds = Settings.ingestEnqueueTimeoutSeconds();
    private final Semaphore room = new Semaphore(Math.max(MIN_CAPACITY, Settings.ingestQueueCapacity()));

    @Inject
    TelemetryStore store;

    @Resource
    ManagedExecutorService executor;

    /**
     * Queues a device's readings. The returned stage completes after they are
     * committed, or fails with {@link IngestOverloadedException} or
     * {@link StorageUnavailableException}.
     */
    public CompletionStage<IngestResult> submit(String deviceId, List<IncomingReading> readings) {
        int permits = readings.size();
        try {
            if (!room.tryAcquire(permits, enqueueTimeoutSeconds, TimeUnit.SECONDS)) {
                return CompletableFuture.failedFuture(new IngestOverloadedException(
                        "ingest queue full for " + enqueueTimeoutSeconds + " s"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(new IngestOverloadedException("interrupted while waiting for room"));
        }
        Submission submission = new Submission(deviceId, readings);
        queue.add(submission);
        startDrainIfIdle();
        return submission.result();
    }

    /** Readings queued and not yet committed. */
    public int backlog() {
        return queue.stream().mapToInt(s -> s.readings().size()).sum();
    }

    private void startDrainIfIdle() {
        if (draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        try {
            List<Submission> batch;
            while (!(batch = nextBatch()).isEmpty()) {
                write(batch);
            }
        } finally {
            draining.set(false);
            if (!queue.isEmpty()) {
                startDrainIfIdle();
            }
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

    private void write(List<Submission> batch) {
        int permits = batch.stream().mapToInt(s -> s.readings().size()).sum();
        List<IngestResult> results;
        try {
            results = storeWithOneRetry(batch);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Could not store a batch of " + permits + " readings; devices will re-send", e);
            StorageUnavailableException failure = new StorageUnavailableException("storage unavailable", e);
            batch.forEach(s -> s.result().completeExceptionally(failure));
            return;
        } finally {
            room.release(permits);
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result().complete(results.get(i));
        }
    }

    /** A failed transaction was rolled back whole, so trying once more after a lock or connection hiccup is safe. */
    private List<IngestResult> storeWithOneRetry(List<Submission> batch) {
        try {
            return store.store(batch, System.currentTimeMillis());
        } catch (RuntimeException first) {
            LOG.log(Level.WARNING, "Storing a batch failed; trying once more", first);
            try {
                Thread.sleep(RETRY_PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw first;
            }
            return store.store(batch, System.currentTimeMillis());
        }
    }
}
