package io.vigil.web.protocol;

import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Sends a session's messages asynchronously, one at a time, in order, taking
 * them from an {@link Outbox}. Nobody ever blocks on a slow peer: producers
 * only add to the outbox and call {@link #wake()}; the next send starts when
 * the previous one completes. With a {@link FlowWindow}, sending also pauses
 * while the peer has not confirmed (by answering a ping) what it was sent;
 * call {@link #pong} when it answers.
 */
public final class AsyncTextSender {

    private final Session session;
    private final Outbox outbox;
    private final Consumer<Throwable> onFailure;
    private final FlowWindow window;
    private final AtomicBoolean busy = new AtomicBoolean();
    /** When the send in flight started (epoch ms), 0 when none is. */
    private final AtomicLong inFlightSince = new AtomicLong();

    public AsyncTextSender(Session session, Outbox outbox, Consumer<Throwable> onFailure) {
        this(session, outbox, onFailure, null);
    }

    public AsyncTextSender(Session session, Outbox outbox, Consumer<Throwable> onFailure, FlowWindow window) {
        this.session = session;
        this.outbox = outbox;
        this.onFailure = onFailure;
        this.window = window;
    }

    /** The peer answered ping {@code pingId}; sending may go on. */
    public void pong(long pingId) {
        if (window != null) {
            window.pong(pingId);
            wake();
        }
    }

    /** Sends a ping when the window has unconfirmed data and none is outstanding. */
    public void pingIfDue() {
        if (window == null || !session.isOpen()) {
            return;
        }
        long id = window.startPing(System.currentTimeMillis());
        if (id < 0) {
            return;
        }
        try {
            session.getAsyncRemote().sendPing(java.nio.ByteBuffer.allocate(Long.BYTES).putLong(0, id));
        } catch (java.io.IOException | RuntimeException e) {
            onFailure.accept(e);
        }
    }

    /** How long the peer has left a ping unanswered, 0 when none is outstanding. */
    public long pingWaitMillis(long now) {
        return window == null ? 0 : window.pingWaitMillis(now);
    }

    /** Starts sending if nothing is in flight. Safe to call from any thread, any number of times. */
    public void wake() {
        if (busy.compareAndSet(false, true)) {
            pump();
        }
    }

    /** How long the current send has been waiting for the peer, 0 when none is in flight. */
    public long inFlightMillis(long now) {
        long since = inFlightSince.get();
        return since == 0 ? 0 : now - since;
    }

    private void pump() {
        while (true) {
            if (!session.isOpen()) {
                return; // stays busy: nothing will be sent on a closed session
            }
            String text = window == null || window.hasRoom() ? outbox.poll() : null;
            if (text == null) {
                busy.set(false);
                boolean canGoOn = !outbox.isEmpty() && (window == null || window.hasRoom());
                if (!canGoOn || !busy.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            // Whoever of this thread and the completion callback comes second carries on sending,
            // so sends that complete at once do not recurse.
            AtomicBoolean handoff = new AtomicBoolean();
            inFlightSince.set(System.currentTimeMillis());
            if (window != null) {
                window.sent(text.length());
            }
            try {
                session.getAsyncRemote().sendText(text, result -> completed(result, handoff));
            } catch (RuntimeException e) {
                inFlightSince.set(0);
                onFailure.accept(e);
                return;
            }
            if (window != null && window.wantsPing()) {
                pingIfDue();
            }
            if (handoff.compareAndSet(false, true)) {
                return;
            }
        }
    }

    private void completed(SendResult result, AtomicBoolean handoff) {
        inFlightSince.set(0);
        if (!result.isOK()) {
            onFailure.accept(result.getException());
            return;
        }
        if (!handoff.compareAndSet(false, true)) {
            pump();
        }
    }
}
