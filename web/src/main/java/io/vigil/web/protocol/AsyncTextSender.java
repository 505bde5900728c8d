package io.vigil.web.protocol;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Sends a session's messages asynchronously, in order, taking them from an
 * {@link Outbox}. Nobody ever blocks on a slow peer: producers only add to the
 * outbox and call {@link #wake()}. Up to {@code maxInFlight} sends may be
 * outstanding at once. More than one lets the frames waiting in the outbox go
 * out together: they are queued with the standard API's batching on and
 * flushed once, and Undertow writes every frame queued on a channel in one
 * gathering write, in the order they were queued; one at a time costs a
 * write, and a hop to the I/O thread and back, per frame. One at a time is
 * right where the outbox coalesces what waits (a device's acks: the newer
 * ack replaces the waiting one), and it is the monitors' default (README
 * "Performance": no gain from more measured). The bound keeps what a peer
 * that reads nothing can hold in the server's queue; the outbox, which
 * conflates or refuses past its own bound, holds the rest. With a {@link FlowWindow}, sending also pauses while the
 * peer has not confirmed (by answering a ping) what it was sent; call
 * {@link #pong} when it answers.
 */
public final class AsyncTextSender {

    private final Session session;
    private final Outbox outbox;
    private final Consumer<Throwable> onFailure;
    private final FlowWindow window;
    private final int maxInFlight;
    /** Held by the one thread that takes messages from the outbox and sends them, so they go out in order. */
    private final AtomicBoolean pumping = new AtomicBoolean();
    /** Sends started and not yet completed; guarded by {@code this}, as is {@link #waitingSince}. */
    private int inFlight;
    /** Since when (epoch ms) sends have been outstanding without one completing, 0 when none is. */
    private long waitingSince;

    /** One send at a time, no flow window. */
    public AsyncTextSender(Session session, Outbox outbox, Consumer<Throwable> onFailure) {
        this(session, outbox, onFailure, null, 1);
    }

    public AsyncTextSender(Session session, Outbox outbox, Consumer<Throwable> onFailure, FlowWindow window,
                           int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1: " + maxInFlight);
        }
        this.session = session;
        this.outbox = outbox;
        this.onFailure = onFailure;
        this.window = window;
        this.maxInFlight = maxInFlight;
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

    /** Sends what the outbox holds, as far as the limits allow. Safe from any thread, any number of times. */
    public void wake() {
        // Whoever finds the pump free takes it; a wake while it is taken is seen by its holder's re-check.
        while (canSend() && pumping.compareAndSet(false, true)) {
            try {
                pump();
            } finally {
                pumping.set(false);
            }
        }
    }

    /** How long sends have been waiting for the peer without one completing, 0 when none is outstanding. */
    public synchronized long inFlightMillis(long now) {
        return waitingSince == 0 ? 0 : now - waitingSince;
    }

    private boolean canSend() {
        return session.isOpen() && roomInFlight() && !outbox.isEmpty() && (window == null || window.hasRoom());
    }

    private synchronized boolean roomInFlight() {
        return inFlight < maxInFlight;
    }

    private synchronized void started() {
        if (inFlight++ == 0) {
            waitingSince = System.currentTimeMillis();
        }
    }

    /** A completion is progress: if sends are still outstanding, the wait starts again from now. */
    private synchronized void finished() {
        inFlight--;
        waitingSince = inFlight == 0 ? 0 : System.currentTimeMillis();
    }

    /**
     * Sends what the limits allow. With more than one send allowed in flight,
     * the frames are queued with batching on and flushed once at the end, so
     * Undertow writes them together after one hop to the connection's I/O
     * thread instead of scheduling a flush per frame. Any frame queued on the
     * channel meanwhile (a ping, Undertow's own pong or close) goes out with
     * that flush.
     */
    private void pump() {
        if (maxInFlight == 1) {
            sendWhatFits();
            return;
        }
        RemoteEndpoint.Async remote = session.getAsyncRemote();
        try {
            remote.setBatchingAllowed(true);
            try {
                sendWhatFits();
            } finally {
                remote.setBatchingAllowed(false);
                remote.flushBatch();
            }
        } catch (IOException e) {
            onFailure.accept(e);
        }
    }

    private void sendWhatFits() {
        while (session.isOpen() && roomInFlight()) {
            String text = window == null || window.hasRoom() ? outbox.poll() : null;
            if (text == null) {
                return;
            }
            started();
            if (window != null) {
                window.sent(text.length());
            }
            try {
                session.getAsyncRemote().sendText(text, this::completed);
            } catch (RuntimeException e) {
                finished();
                onFailure.accept(e);
                return;
            }
            if (window != null && window.wantsPing()) {
                pingIfDue();
            }
        }
    }

    private void completed(SendResult result) {
        finished();
        if (!result.isOK()) {
            onFailure.accept(result.getException());
            return;
        }
        wake();
    }
}
