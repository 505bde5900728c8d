package io.vigil.web.device;

import io.vigil.web.protocol.AsyncTextSender;
import jakarta.websocket.Session;

/**
 * A device's live connection as others reach it: its session, the queue its
 * messages leave by (in order), and when it opened (the newest connection of
 * a device wins, on this node or another).
 */
record DeviceLink(Session session, DeviceOutbox outbox, AsyncTextSender sender, long connectedAt) {

    /** Queues a message for the device behind whatever is already waiting. */
    void send(Object message) {
        outbox.add(message);
        sender.wake();
    }
}
