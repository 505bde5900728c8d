package io.vigil.web.monitor;

import io.vigil.web.protocol.AsyncTextSender;
import io.vigil.web.protocol.Closing;
import io.vigil.web.protocol.FlowWindow;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Session;
import java.util.logging.Level;
import java.util.logging.Logger;

/** One connected monitor: its session, its outbox, the sender that drains it, and its snapshot budget. */
final class MonitorConnection {

    private static final Logger LOG = Logger.getLogger(MonitorConnection.class.getName());

    /**
     * Snapshots are the one costly thing a monitor can ask for: besides the
     * one it gets on joining, at most one per this interval. A {@code resume}
     * that needs one sooner gets it when the interval is over.
     */
    static final long SNAPSHOT_INTERVAL_MILLIS = 5_000;

    final Session session;
    final MonitorOutbox outbox;
    final AsyncTextSender sender;
    /** The eventId of the last snapshot this monitor was given: the one it joined with, or a fresh one. */
    private volatile long snapshotAt;
    private long lastFreshSnapshotAt = Long.MIN_VALUE / 2;
    private boolean snapshotOwed;

    MonitorConnection(Session session, int maxPendingEvents, long windowBytes, int sendsInFlight, long joinedAt) {
        this.session = session;
        this.outbox = new MonitorOutbox(maxPendingEvents, joinedAt);
        this.sender = new AsyncTextSender(session, outbox, this::sendFailed, new FlowWindow(windowBytes),
                sendsInFlight);
        this.snapshotAt = joinedAt;
    }

    long snapshotAt() {
        return snapshotAt;
    }

    void snapshotQueued(long eventId) {
        snapshotAt = eventId;
    }

    /** A fresh snapshot was asked for: true (and counted) when it may be built now, else it is owed. */
    synchronized boolean takeSnapshotTurn(long now) {
        if (now - lastFreshSnapshotAt < SNAPSHOT_INTERVAL_MILLIS) {
            snapshotOwed = true;
            return false;
        }
        lastFreshSnapshotAt = now;
        snapshotOwed = false;
        return true;
    }

    /** True (and counted) when a snapshot it was owed may be built now. */
    synchronized boolean owedSnapshotDue(long now) {
        return snapshotOwed && takeSnapshotTurn(now);
    }

    void tooSlow(String why) {
        LOG.info(() -> "Closing monitor " + session.getId() + ": " + why);
        Closing.close(session, CloseCodes.TRY_AGAIN_LATER, "monitor too slow to keep up; reconnect and resume");
    }

    private void sendFailed(Throwable error) {
        LOG.log(Level.FINE, "Sending to monitor " + session.getId() + " failed", error);
        Closing.close(session, CloseCodes.UNEXPECTED_CONDITION, "send failed");
    }
}
