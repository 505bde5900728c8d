package io.vigil.web.security;

import io.vigil.web.protocol.Closing;
import io.vigil.web.protocol.IdleReaper;
import io.vigil.web.protocol.MessageRate;
import io.vigil.web.protocol.ReceiveControl;
import io.vigil.web.protocol.ReceivePause;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Session;

/**
 * What both WebSocket endpoints tell about each connection's life, so that
 * the per-address count ({@link ConnectionLimits}) and the reaping of silent
 * peers ({@link IdleReaper}) see every connection the same way.
 */
@ApplicationScoped
public class ConnectionGuard {

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
     * one frame against its rate. Past the rate the connection is closed with
     * 1008 and false is returned: the frame is not to be handled.
     */
    public boolean admit(Session session, MessageRate rate) {
        reaper.heard(session);
        if (rate.admit(System.nanoTime())) {
            return true;
        }
        Closing.close(session, CloseCodes.VIOLATED_POLICY, "rate limit: " + rate.describe());
        return false;
    }

    /**
     * Pausing and resuming reads of this connection ({@link ReceivePause}),
     * with the reaper told, so that a peer held back by the server is not
     * closed for the silence the server caused.
     */
    public ReceiveControl receiveControl(Session session) {
        ReceivePause pause = new ReceivePause(session);
        return new ReceiveControl() {
            @Override
            public void pause() {
                reaper.hold(session);
                pause.pause();
            }

            @Override
            public void resume() {
                pause.resume();
                reaper.release(session);
            }
        };
    }

    public void closed(Session session) {
        reaper.forget(session);
        limits.closed(session);
    }
}
