package io.vigil.web.protocol;

import java.util.EnumSet;
import java.util.Set;

/**
 * The reasons the server is not reading one peer's socket now, so that each
 * may hold it back without undoing another's: the device's unacked readings
 * ({@link Reason#FLOW}) and its frame rate ({@link Reason#RATE}). The socket
 * is paused while any reason holds and read again when none does; the
 * callbacks tell the idle reaper, so a peer held back by the server is not
 * closed for the silence the server caused. Thread-safe.
 */
public final class ReceiveHolds {

    /** Why a peer is held back. */
    public enum Reason {
        /** Its readings wait for storage. */
        FLOW,
        /** It sent frames faster than its rate; read again once it is back within it. */
        RATE
    }

    private final ReceiveControl socket;
    private final Runnable onHold;
    private final Runnable onRelease;
    private final Set<Reason> held = EnumSet.noneOf(Reason.class);
    /** When the socket was last read again (epoch ms), 0 if never held. */
    private long releasedAt;

    public ReceiveHolds(ReceiveControl socket, Runnable onHold, Runnable onRelease) {
        this.socket = socket;
        this.onHold = onHold;
        this.onRelease = onRelease;
    }

    /** Holds the peer back for {@code reason}; true when that reason did not hold it already. */
    public synchronized boolean hold(Reason reason) {
        boolean first = held.isEmpty();
        boolean added = held.add(reason);
        if (first && added) {
            onHold.run();
            socket.pause();
        }
        return added;
    }

    public synchronized void release(Reason reason) {
        if (held.remove(reason) && held.isEmpty()) {
            releasedAt = System.currentTimeMillis();
            socket.resume();
            onRelease.run();
        }
    }

    public synchronized boolean holds(Reason reason) {
        return held.contains(reason);
    }

    /**
     * How long, up to {@code now}, the peer has been free to answer: the time
     * since the server last read it again, or 0 while it holds it back. A
     * peer the server does not read cannot answer a ping.
     */
    public synchronized long readableForMillis(long now) {
        return !held.isEmpty() ? 0 : releasedAt == 0 ? Long.MAX_VALUE : now - releasedAt;
    }

    /** Pausing and resuming for one reason, as a {@link ReceiveControl}. */
    public ReceiveControl control(Reason reason) {
        return new ReceiveControl() {
            @Override
            public void pause() {
                hold(reason);
            }

            @Override
            public void resume() {
                release(reason);
            }
        };
    }
}
