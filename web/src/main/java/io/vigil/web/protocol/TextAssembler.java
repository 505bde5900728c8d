package io.vigil.web.protocol;

/**
 * Puts a text message together from the parts the container hands over as
 * they arrive, refusing it (1009) as soon as it passes the size limit.
 *
 * <p>Why the endpoints take parts instead of whole messages: Undertow 2.3.23
 * (WildFly 39), when it buffers a whole message for an endpoint, checks the
 * {@code maxMessageSize} only once the message is complete on the
 * asynchronous read path. A frame whose header announces 10 MB was thus read
 * to its end into the heap before any limit applied. Parts arrive a buffer
 * at a time, so here at most the limit plus one buffer is ever held.
 * Not thread-safe: the container delivers a session's messages one at a time.
 */
public final class TextAssembler {

    /** More parts than this for one message is abuse at any pace (5,000 one-byte fragments, say): 1008. */
    static final int MAX_PARTS = 1_000;

    private final int limit;
    private StringBuilder pending;
    private long bytes;
    private int parts;
    private boolean discarding;

    public TextAssembler(int limitBytes) {
        this.limit = limitBytes;
    }

    /**
     * Adds the next part; returns the complete message when {@code last},
     * else null.
     *
     * @throws ProtocolViolation 1009 as soon as the message is over the limit
     */
    public String add(String part, boolean last) throws ProtocolViolation {
        if (discarding) {
            discarding = !last;
            return null;
        }
        // Exact UTF-8 bytes of every part: a part's characters undercount it (up to 3 bytes each), and
        // summed over parts that let a message of 3-byte characters pass the limit.
        bytes += MessageSize.utf8Length(part);
        if (++parts > MAX_PARTS && !last) {
            reset();
            discarding = true;
            throw new ProtocolViolation(jakarta.websocket.CloseReason.CloseCodes.VIOLATED_POLICY,
                    "a message in more than " + MAX_PARTS + " fragments");
        }
        if (bytes > limit) {
            reset();
            discarding = !last;
            throw new ProtocolViolation(jakarta.websocket.CloseReason.CloseCodes.TOO_BIG,
                    "message over the size limit of " + limit + " bytes");
        }
        if (last && pending == null) {
            bytes = 0;
            parts = 0;
            return part;
        }
        if (pending == null) {
            pending = new StringBuilder(Math.min(limit, Math.max(16, part.length() * 2)));
        }
        pending.append(part);
        if (!last) {
            return null;
        }
        String message = pending.toString();
        reset();
        return message;
    }

    private void reset() {
        pending = null;
        bytes = 0;
        parts = 0;
    }
}
