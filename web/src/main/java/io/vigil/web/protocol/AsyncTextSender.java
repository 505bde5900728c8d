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
 * the previous one completes.
 */
public final class AsyncTextSender {

    private final Session session;
    private final Outbox outbox;
    private final Consumer<Throwable> onFailure;
    private final AtomicBoolean busy = new AtomicBoolean();
    /** When the send in flight started (epoch ms), 0 when none is. */
    private final AtomicLong inFlightSince = new AtomicLong();

    public AsyncTextSender(Session session, Outbox outbox, Consumer<Throwable> onFailure) {
        this.session = session;
        this.outbox = outbox;
        this.onFailure = onFailure;
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
            String text = outbox.poll();
            if (text == null) {
                busy.set(false);
                if (outbox.isEmpty() || !busy.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            // Whoever of this thread and the completion callback comes second carries on sending,
            // so sends that complete at once do not recurse.
            AtomicBoolean handoff = new AtomicBoolean();
            inFlightSince.set(System.currentTimeMillis());
            try {
                session.getAsyncRemote().sendText(text, result -> completed(result, handoff));
            } catch (RuntimeException e) {
                inFlightSince.set(0);
                onFailure.accept(e);
                return;
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
