package io.vigil.web.device;

import io.vigil.web.protocol.AsyncTextSender;
import jakarta.websocket.Session;

/** A device's live connection as others reach it: its session and the queue its messages leave by, in order. */
record DeviceLink(Session session, DeviceOutbox outbox, AsyncTextSender sender) {

    /** Queues a message for the device behind whatever is already waiting. */
    void send(Object message) {
        outbox.add(message);
        sender.wake();
    }
}
