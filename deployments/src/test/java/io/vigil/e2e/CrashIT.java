package io.vigil.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * An ack means committed: the server killed with SIGKILL in the middle of a
 * stream loses none of what it acked (PROTOCOL.md section 4).
 */
class CrashIT extends E2E {

    private static final int DEVICES = 20;
    private static final long PERIOD_MILLIS = 20;  // 50 readings/s per device

    @Test
    void everyReadingAckedBeforeASigkillIsStoredAfterTheRestart() throws Exception {
        List<Api.Device> registered = new ArrayList<>();
        List<TestDevice> connections = new ArrayList<>();
        List<AtomicLong> sent = new ArrayList<>();
        for (int i = 0; i < DEVICES; i++) {
            Api.Device device = api.register(Api.uniqueId("crash" + i));
            registered.add(device);
            connections.add(connect(device));
            sent.add(new AtomicLong());
        }
        ScheduledExecutorService streams = Executors.newScheduledThreadPool(4);
        try {
            for (int i = 0; i < DEVICES; i++) {
                TestDevice connection = connections.get(i);
                AtomicLong seq = sent.get(i);
                streams.scheduleAtFixedRate(() -> {
                    if (connection.isOpen()) {
                        try {
                            long next = seq.get() + 1;
                            connection.sendTelemetry(next, System.currentTimeMillis(), Map.of("v", next));
                            seq.set(next);
                        } catch (IOException | RuntimeException e) {
                            // the server died under it: that is the test
                        }
                    }
                }, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
            }
            // Stream until every device has had a good part of its readings acked, then kill mid-stream.
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (connections.stream().anyMatch(c -> c.highestAck() < 100) && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
            server.kill();
        } finally {
            streams.shutdownNow();
            streams.awaitTermination(10, TimeUnit.SECONDS);
        }
        long[] acked = connections.stream().mapToLong(TestDevice::highestAck).toArray();
        for (TestDevice connection : connections) {
            connection.close();
        }
        long total = 0;
        for (long a : acked) {
            total += a;
        }
        assertTrue(total >= DEVICES * 100L, "the devices streamed before the kill; acked " + total);

        server.start();
        for (int i = 0; i < DEVICES; i++) {
            Api.Device device = registered.get(i);
            Stored.exactlyOnceUpTo(api, device.id(), acked[i]);
            try (TestDevice again = connect(device)) {
                long lastSeq = again.awaitWelcome(WAIT);
                assertTrue(lastSeq >= acked[i], device.id() + ": welcome.lastSeq " + lastSeq + " < acked " + acked[i]);
                assertTrue(lastSeq <= sent.get(i).get(), device.id() + ": lastSeq beyond what was sent");
            }
        }
    }
}
