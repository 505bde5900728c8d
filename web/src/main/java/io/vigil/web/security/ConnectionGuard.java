package io.vigil.web.security;

import io.vigil.web.protocol.Closing;
import io.vigil.web.protocol.IdleReaper;
import io.vigil.web.protocol.MessageRate;
import io.vigil.web.protocol.ReceiveHolds;
import io.vigil.web.protocol.ReceivePause;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Session;
import java.util.concurrent.TimeUnit;

/**
 * What both WebSocket endpoints tell about each connection's life, so that
 * the per-address count ({@link ConnectionLimits}), the reaping of silent
 * peers ({@link IdleReaper}) and the holding back of peers that send too
 * fast ({@link ReceiveHolds}) see every connection the same way.
 */
@ApplicationScoped
public class ConnectionGuard {

    private static final String HOLDS = ConnectionGuard.class.getName() + ".holds";

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    ConnectionLimits limits;

    @Inject
    IdleReaper reaper;

    public void opened(Session session, boolean monitor) {
        limits.opened(session, monitor);
        reaper.watch(session);
    }

    /**
     * The peer sent a frame (a message part or a pong): a sign of life, and
     * one frame against its rate. Past the rate the peer is not refused but
     * slowed: its socket is not read until it is back within its rate, so TCP
     * holds it back and the frames it has already sent are still handled.
     * Only where the socket cannot be paused (not Undertow) is it closed
     * with 1008 instead, and false returned: the frame is not to be handled.
     */
    public boolean admit(Session session, MessageRate rate) {
        reaper.heard(session);
        long waitNanos = rate.take(System.nanoTime());
        if (waitNanos == 0) {
            return true;
        }
        ReceiveHolds holds = holds(session);
        if (holds == null) {
            Closing.close(session, CloseCodes.VIOLATED_POLICY, "rate limit: " + rate.describe());
            return false;
        }
        if (holds.hold(ReceiveHolds.Reason.RATE)) {
            scheduler.schedule(() -> holds.release(ReceiveHolds.Reason.RATE), waitNanos, TimeUnit.NANOSECONDS);
        }
        return true;
    }

    /**
     * The reasons this connection is not read now, shared by whoever pauses it
     * (the rate here, the device's unacked readings in its flow); null where
     * the container cannot pause a socket.
     */
    public ReceiveHolds holds(Session session) {
        Object known = session.getUserProperties().get(HOLDS);
        if (known instanceof ReceiveHolds holds) {
            return holds;
        }
        ReceivePause pause = new ReceivePause(session);
        if (!pause.supported()) {
            return null;
        }
        ReceiveHolds holds = new ReceiveHolds(pause, () -> reaper.hold(session), () -> reaper.release(session));
        session.getUserProperties().put(HOLDS, holds);
        return holds;
    }

    /**
     * How long the peer has been free to send, up to its own silence: a peer
     * the server holds back (or released a moment ago) has had no chance to
     * answer a ping, and is not to be judged for it.
     */
    public long readableForMillis(Session session, long now) {
        Object known = session.getUserProperties().get(HOLDS);
        return known instanceof ReceiveHolds holds ? holds.readableForMillis(now) : Long.MAX_VALUE;
    }

    public void closed(Session session) {
        reaper.forget(session);
        limits.closed(session);
    }
}
