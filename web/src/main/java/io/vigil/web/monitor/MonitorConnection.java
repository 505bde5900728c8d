package io.vigil.web.monitor;

import io.vigil.web.protocol.AsyncTextSender;
import io.vigil.web.protocol.Closing;
import io.vigil.web.protocol.FlowWindow;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Session;
import java.util.logging.Level;
import java.util.logging.Logger;

/** One connected monitor: its session, its outbox and the sender that drains it. */
final class MonitorConnection {

    private static final Logger LOG = Logger.getLogger(MonitorConnection.class.getName());

    final Session session;
    final MonitorOutbox outbox;
    final AsyncTextSender sender;
    /** The last event id this monitor had when it joined: later events reach it live. */
    final long joinedAt;
    /**
     * Snapshots are the one costly thing a monitor can ask for: besides the
     * one it gets on joining, at most one per this interval (a {@code resume}
     * that cannot be replayed asks for one).
     */
    static final long SNAPSHOT_INTERVAL_MILLIS = 5_000;
    private long lastSnapshotAt;

    MonitorConnection(Session session, int maxPendingEvents, long windowBytes, long joinedAt) {
        this.session = session;
        this.outbox = new MonitorOutbox(maxPendingEvents);
        this.sender = new AsyncTextSender(session, outbox, this::sendFailed, new FlowWindow(windowBytes));
        this.joinedAt = joinedAt;
    }

    /** True (and counted) when a fresh snapshot may be built for this monitor now. */
    synchronized boolean mayHaveSnapshot(long now) {
        if (now - lastSnapshotAt < SNAPSHOT_INTERVAL_MILLIS) {
            return false;
        }
        lastSnapshotAt = now;
        return true;
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
