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

    MonitorConnection(Session session, int maxPendingEvents, long windowBytes, long joinedAt) {
        this.session = session;
        this.outbox = new MonitorOutbox(maxPendingEvents);
        this.sender = new AsyncTextSender(session, outbox, this::sendFailed, new FlowWindow(windowBytes));
        this.joinedAt = joinedAt;
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
