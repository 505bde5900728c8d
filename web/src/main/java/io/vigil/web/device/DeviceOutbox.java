package io.vigil.web.device;

import io.vigil.web.protocol.Json;
import io.vigil.web.protocol.Outbox;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A device connection's outgoing messages: other messages in order, and acks
 * coalesced, so that while one ack is being written only the newest waits.
 */
final class DeviceOutbox implements Outbox {

    private final Queue<String> messages = new ConcurrentLinkedQueue<>();
    private final AtomicLong pendingAck = new AtomicLong();
    private final AtomicLong sentAck = new AtomicLong();

    void add(Object message) {
        messages.add(Json.write(message));
    }

    void ack(long seq) {
        pendingAck.accumulateAndGet(seq, Math::max);
    }

    @Override
    public String poll() {
        String message = messages.poll();
        if (message != null) {
            return message;
        }
        long ack = pendingAck.get();
        long sent = sentAck.get();
        if (ack > sent && sentAck.compareAndSet(sent, ack)) {
            return Json.write(new DeviceReplies.Ack(ack));
        }
        return null;
    }

    @Override
    public boolean isEmpty() {
        return messages.isEmpty() && pendingAck.get() <= sentAck.get();
    }
}
