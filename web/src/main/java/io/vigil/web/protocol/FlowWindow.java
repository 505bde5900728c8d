package io.vigil.web.protocol;

/**
 * Flow control over a WebSocket with nothing but the standard ping: Undertow
 * reports an asynchronous send as done once it is buffered, not once the
 * peer has read it, so "send completed" says nothing about a slow peer. A pong
 * does: the peer answers a ping only after reading everything sent before it.
 *
 * <p>At most {@code windowBytes} may be sent beyond the last answered ping;
 * then sending pauses (and the caller conflates or queues) until the pong
 * comes. A ping that stays unanswered for too long marks the peer as stalled.
 * Thread-safe.
 */
public final class FlowWindow {

    private final long windowBytes;
    private long sentBytes;
    private long confirmedBytes;
    /** Bytes sent when the outstanding ping went out; -1 when no ping is outstanding. */
    private long pingMark = -1;
    private long pingSentAt;
    private long pingId;

    public FlowWindow(long windowBytes) {
        this.windowBytes = windowBytes;
    }

    public synchronized boolean hasRoom() {
        return sentBytes - confirmedBytes < windowBytes;
    }

    /** Counts a message as sent; its length in characters stands for its size. */
    public synchronized void sent(long bytes) {
        sentBytes += bytes;
    }

    /**
     * If a ping should go out now (none outstanding and there is unconfirmed
     * data), records it and returns its id; otherwise returns -1.
     */
    public synchronized long startPing(long now) {
        if (pingMark >= 0 || sentBytes == confirmedBytes) {
            return -1;
        }
        pingMark = sentBytes;
        pingSentAt = now;
        return ++pingId;
    }

    /** The peer answered ping {@code id}: everything sent before it has been read. */
    public synchronized void pong(long id) {
        if (pingMark >= 0 && id == pingId) {
            confirmedBytes = pingMark;
            pingMark = -1;
        }
    }

    /** How long the outstanding ping has waited for its pong, 0 when none is outstanding. */
    public synchronized long pingWaitMillis(long now) {
        return pingMark < 0 ? 0 : now - pingSentAt;
    }

    /** A quarter of the window is unconfirmed: worth asking now rather than at the next tick. */
    public synchronized boolean wantsPing() {
        return pingMark < 0 && sentBytes - confirmedBytes >= windowBytes / 4;
    }

    public synchronized long unconfirmedBytes() {
        return sentBytes - confirmedBytes;
    }
}
