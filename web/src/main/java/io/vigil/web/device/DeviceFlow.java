package io.vigil.web.device;

import io.vigil.config.Settings;
import io.vigil.telemetry.TelemetryIngest;
import io.vigil.web.protocol.ReceivePause;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One device connection's back-pressure, without blocking a thread: while the
 * device has {@code vigil.ingest.maxUnackedPerDevice} readings waiting for
 * storage, or the ingest backlog is full, the server stops reading its socket
 * ({@link ReceivePause}) and starts again when acks come back and there is
 * room. A device that still gets twice that many in (possible only where
 * pausing is not supported) is refused, and the endpoint closes it with 1008.
 */
final class DeviceFlow {

    private final TelemetryIngest ingest;
    private final ReceivePause receivePause;
    private final int maxUnacked = Math.max(500, Settings.ingestMaxUnackedPerDevice());
    private final AtomicInteger unacked = new AtomicInteger();
    private final AtomicBoolean paused = new AtomicBoolean();
    private final AtomicBoolean waitingForRoom = new AtomicBoolean();

    DeviceFlow(TelemetryIngest ingest, ReceivePause receivePause) {
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
            if (paused.compareAndSet(false, true)) {
                receivePause.pause();
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
        if (!paused.get()) {
            return;
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
        if (unacked.get() < maxUnacked && paused.compareAndSet(true, false)) {
            receivePause.resume();
        }
    }
}
