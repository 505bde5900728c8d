package io.vigil.web.device;

import io.vigil.config.Settings;
import io.vigil.telemetry.TelemetryIngest;
import io.vigil.web.protocol.ReceiveControl;
import io.vigil.web.protocol.ReceivePause;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One device connection's back-pressure, without blocking a thread: while the
 * device has {@code vigil.ingest.maxUnackedPerDevice} readings waiting for
 * storage, or the ingest backlog is full, the server stops reading its socket
 * ({@link ReceivePause}) and starts again when acks come back and there is
 * room. The pause stops further socket reads; frames the container had read
 * ahead are still delivered, so a client that bursts far past its acks can
 * still get more in: past twice the limit it is refused, and the endpoint
 * closes it with 1008. That bounds what one connection can queue.
 */
final class DeviceFlow {

    private final TelemetryIngest ingest;
    private final ReceiveControl receivePause;
    private final int maxUnacked = Math.max(500, Settings.ingestMaxUnackedPerDevice());
    private final AtomicInteger unacked = new AtomicInteger();
    /** Guarded by this: the flag and the pause/resume call it stands for change together, so they stay in order. */
    private boolean paused;
    private final AtomicBoolean waitingForRoom = new AtomicBoolean();

    DeviceFlow(TelemetryIngest ingest, ReceiveControl receivePause) {
        this.ingest = ingest;
        this.receivePause = receivePause;
    }

    /** The most readings a device may have waiting before it is refused. */
    int hardLimit() {
        return 2 * maxUnacked;
    }

    /** Counts readings about to be submitted; false when that would pass the hard limit (nothing counted then). */
    boolean admit(int count) {
        int waiting = unacked.addAndGet(count);
        if (waiting > hardLimit()) {
            unacked.addAndGet(-count);
            return false;
        }
        if (waiting >= maxUnacked || ingest.isFull()) {
            synchronized (this) {
                if (!paused) {
                    paused = true;
                    receivePause.pause();
                }
            }
            resumeIfRoom();
        }
        return true;
    }

    /** Readings admitted earlier were stored or failed. */
    void done(int count) {
        unacked.addAndGet(-count);
        resumeIfRoom();
    }

    private void resumeIfRoom() {
        synchronized (this) {
            if (!paused) {
                return;
            }
        }
        if (ingest.isFull()) {
            if (waitingForRoom.compareAndSet(false, true)) {
                ingest.whenRoom(() -> {
                    waitingForRoom.set(false);
                    resumeIfRoom();
                });
            }
            return;
        }
        synchronized (this) {
            if (paused && unacked.get() < maxUnacked && !ingest.isFull()) {
                paused = false;
                receivePause.resume();
            }
        }
    }
}
