package io.vigil.web.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DeviceOutboxTest {

    @Test
    void acksWaitingTogetherAreCoalescedIntoTheNewest() {
        DeviceOutbox outbox = new DeviceOutbox();
        outbox.ack(3);
        outbox.ack(7);
        outbox.ack(5);
        assertEquals("{\"seq\":7,\"type\":\"ack\"}", outbox.poll());
        assertNull(outbox.poll());
        assertTrue(outbox.isEmpty());
    }

    @Test
    void aRepeatedAckIsStillSentSoADuplicateGetsAnAnswer() {
        DeviceOutbox outbox = new DeviceOutbox();
        outbox.ack(10);
        outbox.poll();
        outbox.ack(4);
        assertEquals("{\"seq\":10,\"type\":\"ack\"}", outbox.poll(), "cumulative: never lower than what was acked");
    }

    @Test
    void otherMessagesGoFirstSoARejectionPrecedesTheAckThatCoversIt() {
        DeviceOutbox outbox = new DeviceOutbox();
        outbox.add(new DeviceReplies.Rejected(43, "invalid_metric", "bad"));
        outbox.ack(43);
        assertTrue(outbox.poll().contains("\"rejected\""));
        assertTrue(outbox.poll().contains("\"ack\""));
    }
}
