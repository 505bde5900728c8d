package io.vigil.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.CloseReason;
import jakarta.websocket.WebSocketContainer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A device on a bad network, as the wire contract expects it to behave: it
 * numbers its readings itself, and every time it (re)connects it drops what
 * {@code welcome.lastSeq} says is stored and re-sends the rest, then goes on
 * streaming. It reconnects without waiting for its acks, so earlier readings
 * are still in flight on the old connection while the new one re-sends them.
 */
final class StormingDevice {

    private static final int READINGS_PER_ROUND = 50;
    private static final int BATCH_SIZE = 20;

    private final Api.Device device;
    private final URI server;
    private final WebSocketContainer container;
    private final List<TestDevice> replaced = new ArrayList<>();
    private long lastWelcome;
    /** The highest seq the device has produced. */
    private long produced;
    private TestDevice current;

    StormingDevice(Api.Device device, URI server, WebSocketContainer container) {
        this.device = device;
        this.server = server;
        this.container = container;
    }

    /** One connection's life: connect (replacing the last one), re-send from lastSeq, stream, and leave it running. */
    void round(Duration wait) throws Exception {
        TestDevice connection = TestDevice.open(container, server, device.id(), device.token());
        long lastSeq = connection.awaitWelcome(wait);
        assertTrue(lastSeq >= lastWelcome, device.id() + ": welcome.lastSeq went back from " + lastWelcome
                + " to " + lastSeq);
        assertTrue(lastSeq <= produced, device.id() + ": welcome.lastSeq " + lastSeq + " is beyond " + produced);
        lastWelcome = lastSeq;
        if (current != null) {
            replaced.add(current);
        }
        current = connection;
        resend(lastSeq + 1, produced);
        long now = System.currentTimeMillis();
        for (int i = 0; i < READINGS_PER_ROUND / 2; i++) {
            produced++;
            connection.sendTelemetry(produced, now, Map.of("v", produced));
        }
        resend(produced + 1, produced + READINGS_PER_ROUND / 2);
        produced += READINGS_PER_ROUND / 2;
    }

    private void resend(long from, long to) throws Exception {
        for (long seq = from; seq <= to; seq += BATCH_SIZE) {
            int count = (int) Math.min(BATCH_SIZE, to - seq + 1);
            current.sendBatch(seq, count, System.currentTimeMillis(), Map.of("v", seq));
        }
    }

    /** The last round: wait for the ack of everything, then check every replaced connection was closed for that. */
    long finish(Duration wait) throws Exception {
        current.awaitAck(produced, wait);
        for (TestDevice old : replaced) {
            CloseReason reason = old.awaitClose(wait);
            assertEquals(1008, reason.getCloseCode().getCode(), device.id() + ": an old connection was closed with "
                    + reason + " (a failed batch?)");
            old.close();
        }
        current.close();
        return produced;
    }

    String id() {
        return device.id();
    }
}
