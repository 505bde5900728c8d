package io.vigil.web.device;

import io.vigil.web.protocol.Json;
import io.vigil.web.protocol.Outbox;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A device connection's outgoing messages: other messages in order, and acks
 * coalesced, so that while one ack is being written only the newest waits.
 * Every {@link #ack} call leads to an ack being sent (a re-sent duplicate is
 * acked even when the ack's seq does not move), but several calls may share one.
 */
final class DeviceOutbox implements Outbox {

    private final Queue<String> messages = new ConcurrentLinkedQueue<>();
    private final AtomicLong pendingAck = new AtomicLong();
    private final AtomicBoolean ackDue = new AtomicBoolean();

    void add(Object message) {
        messages.add(Json.write(message));
    }

    void ack(long seq) {
        pendingAck.accumulateAndGet(seq, Math::max);
        ackDue.set(true);
    }

    @Override
    public String poll() {
        String message = messages.poll();
        if (message != null) {
            return message;
        }
        return ackDue.getAndSet(false) ? Json.write(new DeviceReplies.Ack(pendingAck.get())) : null;
    }

    @Override
    public boolean isEmpty() {
        return messages.isEmpty() && !ackDue.get();
    }
}
