package io.vigil.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Limits that keep one client from hurting the others: connections per
 * source address, monitor sessions, snapshot requests, and a bounded
 * snapshot. The test server runs with low limits ({@link VigilServer}).
 */
class ConnectionLimitsIT extends E2E {

    /** Opens monitor sockets until one is refused; returns the open ones and the refusal's status. */
    private static int openUntilRefused(VigilServer server, List<RawWebSocket> open, int atMost) throws Exception {
        for (int i = 0; i < atMost; i++) {
            RawWebSocket ws = RawWebSocket.open(server.httpUri(), "/ws/monitor", Map.of());
            RawWebSocket.Handshake answer = ws.readHandshake();
            if (answer.status() != 101) {
                ws.close();
                return answer.status();
            }
            open.add(ws);
        }
        return 101;
    }

    @Test
    void monitorSessionsPastTheCapAreRefusedWith503UntilOneLeaves() throws Exception {
        List<RawWebSocket> open = new ArrayList<>();
        try {
            int status = openUntilRefused(server, open, VigilServer.MAX_MONITORS + 5);
            assertEquals(503, status, "past " + VigilServer.MAX_MONITORS + " monitors");
            assertTrue(open.size() <= VigilServer.MAX_MONITORS);
            open.remove(0).close();
            awaitAccepted("/ws/monitor", Map.of());
        } finally {
            for (RawWebSocket ws : open) {
                ws.close();
            }
        }
    }

    @Test
    void oneAddressCannotHoldMoreThanItsShareOfConnections() throws Exception {
        List<RawWebSocket> open = new ArrayList<>();
        Api.Device device = api.register(Api.uniqueId("cap"));
        try {
            // Devices (each connection replaces the previous one of the same id, so use many ids) and monitors count together.
            int status = 101;
            for (int i = 0; i < VigilServer.MAX_CONNECTIONS_PER_ADDRESS + 10 && status == 101; i++) {
                Api.Device next = i == 0 ? device : api.register(Api.uniqueId("cap"));
                RawWebSocket ws = RawWebSocket.open(server.httpUri(), "/ws/devices/" + next.id(),
                        Map.of("Authorization", "Bearer " + next.token()));
                status = ws.readHandshake().status();
                if (status == 101) {
                    open.add(ws);
                } else {
                    ws.close();
                }
            }
            assertEquals(429, status, "past " + VigilServer.MAX_CONNECTIONS_PER_ADDRESS + " connections from one address");
            for (RawWebSocket ws : open) {
                ws.close();
            }
            open.clear();
            awaitAccepted("/ws/devices/" + device.id(), Map.of("Authorization", "Bearer " + device.token()));
        } finally {
            for (RawWebSocket ws : open) {
                ws.close();
            }
        }
    }

    @Test
    void aMonitorCannotMakeTheServerBuildSnapshotsInALoopAndItsRequestsAreAnsweredLater() throws Exception {
        try (MonitorClient monitor = newMonitor()) {
            JsonObject resume = Json.createObjectBuilder().add("type", "resume").add("lastEventId", 1).build();
            int mark = monitor.mark();
            monitor.send(resume);
            monitor.await(mark, MonitorClient.ofType("snapshot"), WAIT);
            mark = monitor.mark();
            long asked = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                monitor.send(resume);
            }
            // The 20 are answered by one snapshot, once the 5 s since the last are over (owed, not refused).
            monitor.await(mark, MonitorClient.ofType("snapshot"), WAIT);
            long waitedMillis = (System.nanoTime() - asked) / 1_000_000;
            assertTrue(waitedMillis >= 3_000, "the next snapshot waited for the interval: " + waitedMillis + " ms");
            Thread.sleep(6_000);
            List<JsonObject> received = monitor.messages();
            long snapshots = received.subList(mark, received.size()).stream()
                    .filter(m -> "snapshot".equals(m.getString("type", ""))).count();
            assertEquals(1, snapshots, "one snapshot for the 20 requests");
            JsonObject first = monitor.messages().get(0);
            assertTrue(first.containsKey("devicesTotal") && first.containsKey("alertsTotal"),
                    "the snapshot says how many devices and alerts there are in all");
        }
    }

    /**
     * A device catching up after an outage sends 20,000 single readings as fast as it can, far past its
     * frame rate (default 1,000 a second, bursts of 2,000): it is slowed to that rate by not being read,
     * never closed, and every reading is stored and acked; a neighbour streaming beside it keeps its ack
     * latency.
     */
    @Test
    void aDeviceCatchingUpFarPastItsFrameRateIsSlowedNotClosedAndEveryReadingIsAcked() throws Exception {
        int readings = 20_000;
        try (TestDevice catchingUp = newDevice("catch-up"); TestDevice neighbour = newDevice("neighbour")) {
            long[] seq = {0};
            List<Long> before = ackMillis(neighbour, seq, 20);
            long started = System.nanoTime();
            Thread flood = new Thread(() -> {
                try {
                    long base = System.currentTimeMillis(); // recent: retention would delete readings of 1970 mid-test
                    for (int i = 1; i <= readings; i++) {
                        catchingUp.sendTelemetry(i, base + i, Map.of("v", i));
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            flood.start();
            List<Long> during = new java.util.ArrayList<>();
            while (flood.isAlive() || catchingUp.highestAck() < readings) {
                during.addAll(ackMillis(neighbour, seq, 1));
                if (!catchingUp.isOpen()) {
                    throw new AssertionError("the device catching up was closed at ack " + catchingUp.highestAck() + ": "
                            + catchingUp.awaitClose(Duration.ofSeconds(1)));
                }
                assertTrue(System.nanoTime() - started < Duration.ofSeconds(90).toNanos(), "took too long: acked "
                        + catchingUp.highestAck());
            }
            flood.join();
            catchingUp.awaitAck(readings, WAIT);
            double seconds = (System.nanoTime() - started) / 1e9;
            long medianBefore = median(before);
            long medianDuring = median(during);
            System.out.printf("ConnectionLimitsIT: %d single readings acked in %.1f s (%.0f/s); neighbour's ack median"
                    + " %d ms before, %d ms during (%d samples), max %d ms%n", readings, seconds, readings / seconds,
                    medianBefore, medianDuring, during.size(), during.stream().mapToLong(Long::longValue).max().orElse(0));
            assertTrue(medianDuring <= 2 * medianBefore + 5, "the neighbour's acks slowed from " + medianBefore
                    + " ms to " + medianDuring + " ms");
            Stored.exactlyOnceUpTo(api, catchingUp.deviceId(), readings);
        }
    }

    @Test
    void aMonitorSendingFramesFasterThanItsRateIsSlowedNotClosed() throws Exception {
        try (MonitorClient monitor = newMonitor()) {
            // Frames of some 2 KB (a subscription to 100 devices), so that what the server reads ahead in one
            // go is a few of them and the rest waits in the socket.
            jakarta.json.JsonArrayBuilder many = Json.createArrayBuilder();
            for (int i = 0; i < 100; i++) {
                many.add(String.format("watched-device-%04d", i));
            }
            many.add("*");
            JsonObject subscribe = Json.createObjectBuilder().add("type", "subscribe").add("devices", many).build();
            // 300 frames at once, 100 past the burst of 200: the socket is read more slowly, nothing is closed.
            long started = System.nanoTime();
            for (int i = 0; i < 300; i++) {
                monitor.send(subscribe);
            }
            int mark = monitor.mark();
            monitor.sendRaw("{\"type\":\"ack_alert\",\"alertId\":\"x\"}");
            monitor.await(mark, MonitorClient.ofType("error"), Duration.ofSeconds(30));
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(!monitor.isClosed(), "still open after 300 frames at once");
            System.out.printf("ConnectionLimitsIT: a monitor's 300 frames of 2 KB at once were answered after %d ms%n",
                    tookMillis);
        }
    }

    /** Sends {@code count} readings one at a time, each when the one before was acked; the ack times. */
    private static List<Long> ackMillis(TestDevice device, long[] seq, int count) throws Exception {
        List<Long> millis = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            long sent = System.nanoTime();
            device.sendTelemetry(++seq[0], System.currentTimeMillis(), Map.of("v", 1));
            device.awaitAck(seq[0], WAIT);
            millis.add((System.nanoTime() - sent) / 1_000_000);
            Thread.sleep(20);
        }
        return millis;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private void awaitAccepted(String path, Map<String, String> headers) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try (RawWebSocket ws = RawWebSocket.open(server.httpUri(), path, headers)) {
                if (ws.readHandshake().status() == 101) {
                    return;
                }
            }
            assertTrue(System.nanoTime() < deadline, "the server gave the count back when connections closed");
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }
}
