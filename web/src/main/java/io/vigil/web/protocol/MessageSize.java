package io.vigil.web.protocol;

import io.vigil.config.Settings;
import jakarta.websocket.CloseReason;

/**
 * The message size limit of both endpoints ({@code vigil.ws.maxMessageBytes},
 * default 64 KiB). Undertow buffers a text message up to the hard ceiling of
 * the {@code @OnMessage(maxMessageSize)} annotation and closes with 1009 above
 * it; below the ceiling the configured limit is checked here.
 */
public final class MessageSize {

    /** The most any deployment may configure; what the container itself enforces. */
    public static final long HARD_CEILING_BYTES = 1024 * 1024;

    private MessageSize() {
    }

    public static int limitBytes() {
        return (int) Math.min(HARD_CEILING_BYTES, Settings.maxMessageBytes());
    }

    /** Throws a 1009 violation when the text's UTF-8 encoding is over the limit. */
    public static void check(String text) throws ProtocolViolation {
        int limit = limitBytes();
        if (text.length() <= limit / 3) {
            return;
        }
        if (text.length() > limit || utf8Length(text) > limit) {
            throw new ProtocolViolation(CloseReason.CloseCodes.TOO_BIG,
                    "message over the size limit of " + limit + " bytes");
        }
    }

    static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
