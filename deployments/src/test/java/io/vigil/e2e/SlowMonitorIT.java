package io.vigil.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A monitor that stops reading slows nobody down and is closed with 1013 (PROTOCOL.md section 6).
 * The device streams wide readings until the kernel's socket buffers towards the stalled monitor
 * are full and the server gives up on it; every round of readings must still be acked quickly.
 */
class SlowMonitorIT extends E2E {

    private static final int READINGS_PER_BATCH = 10;
    private static final int MAX_READINGS = 20_000;
    private static final Duration MAX_STREAMING = Duration.ofSeconds(40);

    @Test
    void aMonitorThatStopsReadingDoesNotSlowAcksAndIsClosedWith1013() throws Exception {
        Map<String, Double> wide = new LinkedHashMap<>();
        for (int i = 0; i < 64; i++) {
            wide.put(String.format("metric_%02d_with_a_name_long_enough_to_make_readings_heavy", i), i * 1.5);
        }
        int monitorsBefore = monitorsConnected();
        try (RawWebSocket slow = RawWebSocket.open(server.httpUri(), "/ws/monitor", Map.of(), 32 * 1024);
             TestDevice device = newDevice("firehose")) {
            assertEquals(101, slow.readHandshake().status()); // from here on the socket is left unread
            long worstRoundMillis = 0;
            long seq = 0;
            long deadline = System.nanoTime() + MAX_STREAMING.toNanos();
            boolean dropped = false;
            while (!dropped && seq < MAX_READINGS && System.nanoTime() < deadline) {
                long started = System.nanoTime();
                for (int i = 0; i < 10; i++) {
                    device.sendBatch(seq + 1, READINGS_PER_BATCH, System.currentTimeMillis(), wide);
                    seq += READINGS_PER_BATCH;
                }
                device.awaitAck(seq, Duration.ofSeconds(10));
                worstRoundMillis = Math.max(worstRoundMillis, (System.nanoTime() - started) / 1_000_000);
                dropped = monitorsConnected() <= monitorsBefore;
            }
            assertTrue(dropped, "the server closed the stalled monitor within " + MAX_STREAMING + " (" + seq + " readings)");
            assertTrue(worstRoundMillis < 3_000,
                    "acks kept coming; the slowest round of 100 readings took " + worstRoundMillis + " ms");

            assertEquals(1013, slow.readUntilClose().closeCode(), "read what the kernel buffered, then the close frame");
        }
    }

    private int monitorsConnected() {
        return api.get("/api/health").object().getInt("monitorsConnected");
    }
}
