package io.vigil.web.protocol;

import io.vigil.config.Settings;

/**
 * The message size limit of both endpoints ({@code vigil.ws.maxMessageBytes},
 * default 64 KiB, at most 1 MiB), applied by {@link TextAssembler} as the
 * parts of a message arrive.
 */
public final class MessageSize {

    /** The most any deployment may configure. */
    public static final long HARD_CEILING_BYTES = 1024 * 1024;

    private MessageSize() {
    }

    public static int limitBytes() {
        return (int) Math.min(HARD_CEILING_BYTES, Settings.maxMessageBytes());
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
