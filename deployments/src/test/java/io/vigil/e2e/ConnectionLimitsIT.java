package io.vigil.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
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
    void aMonitorCannotMakeTheServerBuildSnapshotsInALoop() throws Exception {
        try (MonitorClient monitor = newMonitor()) {
            JsonObject resume = Json.createObjectBuilder().add("type", "resume").add("lastEventId", 1).build();
            int mark = monitor.mark();
            monitor.send(resume);
            monitor.await(mark, MonitorClient.ofType("snapshot"), WAIT);
            mark = monitor.mark();
            for (int i = 0; i < 20; i++) {
                monitor.send(resume);
            }
            JsonObject refused = monitor.await(mark, MonitorClient.ofType("error"), WAIT);
            assertEquals("rate_limited", refused.getString("code"));
            List<JsonObject> received = monitor.messages();
            long snapshots = received.subList(mark, received.size()).stream()
                    .filter(m -> "snapshot".equals(m.getString("type", ""))).count();
            assertEquals(0, snapshots, "no snapshot within the interval");
            JsonObject first = monitor.messages().get(0);
            assertTrue(first.containsKey("devicesTotal") && first.containsKey("alertsTotal"),
                    "the snapshot says how many devices and alerts there are in all");
        }
    }

    @Test
    void aDeviceSendingFramesFasterThanItsRateIsClosedWith1008() throws Exception {
        try (TestDevice flooder = newDevice("flood"); TestDevice neighbour = newDevice("neighbour")) {
            String frame = "{\"type\":\"command_result\",\"id\":\"c-none\",\"status\":\"ok\"}";
            for (int i = 0; i < 3_000 && flooder.isOpen(); i++) {
                try {
                    flooder.sendText(frame);
                } catch (java.io.IOException e) {
                    break; // closed under us
                }
            }
            jakarta.websocket.CloseReason close = flooder.awaitClose(WAIT);
            assertEquals(1008, close.getCloseCode().getCode());
            assertTrue(close.getReasonPhrase().startsWith("rate limit"), close.getReasonPhrase());
            neighbour.sendTelemetry(1, 1, Map.of("v", 1));
            neighbour.awaitAck(1, WAIT);
        }
    }

    @Test
    void aMonitorSendingFramesFasterThanItsRateIsClosedWith1008() throws Exception {
        try (MonitorClient monitor = newMonitor()) {
            JsonObject subscribe = Json.createObjectBuilder().add("type", "subscribe")
                    .add("devices", Json.createArrayBuilder().add("*")).build();
            for (int i = 0; i < 1_000 && !monitor.isClosed(); i++) {
                try {
                    monitor.send(subscribe);
                } catch (RuntimeException e) {
                    break;
                }
            }
            MonitorClient.Close close = monitor.awaitClose(WAIT);
            assertEquals(1008, close.code());
            assertTrue(close.reason().startsWith("rate limit"), close.reason());
        }
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
