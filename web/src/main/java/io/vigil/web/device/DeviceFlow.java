package io.vigil.web.device;

import io.vigil.config.Settings;
import io.vigil.telemetry.TelemetryIngest;
import io.vigil.web.protocol.ReceiveControl;
import io.vigil.web.protocol.ReceivePause;
import java.util.ArrayDeque;

/**
 * One device connection's back-pressure, without blocking a thread: while the
 * device has {@code vigil.ingest.maxUnackedPerDevice} readings waiting for
 * storage, or the ingest backlog is full, the server stops reading its socket
 * ({@link ReceivePause}) and starts again when acks come back and there is
 * room. The pause stops further socket reads, but Undertow hands over what it
 * had already read (it parses frames on its I/O thread ahead of the worker
 * that handles them): a device sending as fast as it can, say catching up
 * after an outage, can get thousands of readings in past the limit. Those
 * are not refused: past twice the limit they wait here, in order, and go to
 * storage as acks make room, while the socket stays paused. Only a client
 * that the pause does not hold back at all (more than
 * {@code vigil.ingest.maxParkedPerDevice} readings waiting here) is refused,
 * and the endpoint closes it with 1008. Thread-safe.
 */
final class DeviceFlow {

    private record Parked(int count, Runnable submit) {
    }

    private final TelemetryIngest ingest;
    private final ReceiveControl receivePause;
    private final int maxUnacked = Math.max(500, Settings.ingestMaxUnackedPerDevice());
    private final int maxParked = Math.max(hardLimit(), Settings.ingestMaxParkedPerDevice());
    /** Submitted and not yet stored or failed. */
    private int unacked;
    /** Waiting here for room, oldest first. */
    private final ArrayDeque<Parked> parked = new ArrayDeque<>();
    private int parkedReadings;
    private boolean paused;
    private boolean waitingForRoom;

    DeviceFlow(TelemetryIngest ingest, ReceiveControl receivePause) {
        this.ingest = ingest;
        this.receivePause = receivePause;
    }

    /** The most readings a device may have submitted to storage at once; more wait here. */
    int hardLimit() {
        return 2 * maxUnacked;
    }

    /** The most readings that may wait here before the connection is refused. */
    int maxParked() {
        return maxParked;
    }

    /**
     * Readings arrived: {@code submit} hands them to storage, now when there
     * is room and nothing older waits, else later, in arrival order. False
     * (and nothing kept) when more than {@link #maxParked()} would wait.
     */
    boolean offer(int count, Runnable submit) {
        boolean taken = true;
        boolean waitForRoom;
        synchronized (this) {
            if (parked.isEmpty() && unacked + count <= hardLimit()) {
                unacked += count;
                submit.run();
            } else if (parkedReadings + count > maxParked) {
                taken = false;
            } else {
                parked.addLast(new Parked(count, submit));
                parkedReadings += count;
            }
            waitForRoom = settle();
        }
        askForRoom(waitForRoom);
        return taken;
    }

    /** Readings submitted earlier were stored or failed: waiting ones go on, and reading may resume. */
    void done(int count) {
        boolean waitForRoom;
        synchronized (this) {
            unacked -= count;
            while (!parked.isEmpty() && unacked + parked.peekFirst().count() <= hardLimit()) {
                Parked next = parked.pollFirst();
                parkedReadings -= next.count();
                unacked += next.count();
                next.submit().run();
            }
            waitForRoom = settle();
        }
        askForRoom(waitForRoom);
    }

    synchronized int waiting() {
        return unacked + parkedReadings;
    }

    /**
     * Pauses or resumes the socket for what waits now; true when it stays
     * paused for the ingest backlog and must be told when there is room
     * (asked outside the lock: the ingest runs other connections' waiters on
     * the asking thread).
     */
    private boolean settle() {
        int waiting = unacked + parkedReadings;
        boolean full = ingest.isFull();
        if (!paused && (waiting >= maxUnacked || full)) {
            paused = true;
            receivePause.pause();
        } else if (paused && waiting < maxUnacked && !full) {
            paused = false;
            receivePause.resume();
        }
        if (paused && full && !waitingForRoom) {
            waitingForRoom = true;
            return true;
        }
        return false;
    }

    private void askForRoom(boolean needed) {
        if (needed) {
            ingest.whenRoom(this::roomMade);
        }
    }

    private void roomMade() {
        boolean waitForRoom;
        synchronized (this) {
            waitingForRoom = false;
            waitForRoom = settle();
        }
        askForRoom(waitForRoom);
    }
}
