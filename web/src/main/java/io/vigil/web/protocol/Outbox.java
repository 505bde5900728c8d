package io.vigil.web.protocol;

/** What an {@link AsyncTextSender} sends: it asks for the next message whenever the previous one is written. */
public interface Outbox {

    /** The next message to send, or null when there is nothing to send now. */
    String poll();

    boolean isEmpty();
}
