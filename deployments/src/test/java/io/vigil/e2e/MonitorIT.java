package io.vigil.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The monitor endpoint: snapshot, live events, subscribe, resume (PROTOCOL.md section 6). */
class MonitorIT extends E2E {

    @Test
    void theSnapshotShowsDevicesWithTheirLatestMetricsAndOpenAlerts() throws Exception {
        try (TestDevice device = newDevice("snap")) {
            device.sendTelemetry(1, 1, Map.of("temperature", 21.5));
            device.sendTelemetry(2, 2, Map.of("humidity", 40.1));
            device.awaitAck(2, WAIT);
            try (MonitorClient monitor = newMonitor()) {
                JsonObject snapshot = monitor.await(MonitorClient.ofType("snapshot"), WAIT);
                assertTrue(snapshot.getJsonNumber("eventId").longValue() > 0);
                JsonObject mine = snapshot.getJsonArray("devices").stream().map(JsonValue::asJsonObject)
                        .filter(d -> d.getString("id").equals(device.deviceId())).findFirst().orElseThrow();
                assertTrue(mine.getBoolean("online"));
                assertEquals(21.5, mine.getJsonObject("metrics").getJsonNumber("temperature").doubleValue());
                assertEquals(40.1, mine.getJsonObject("metrics").getJsonNumber("humidity").doubleValue());
                assertTrue(mine.getJsonNumber("lastSeen").longValue() > 0);
                assertTrue(snapshot.containsKey("alerts"));
            }
        }
    }

    @Test
    void liveEventsCarryIncreasingEventIds() throws Exception {
        try (MonitorClient monitor = newMonitor(); TestDevice device = newDevice("live")) {
            for (int seq = 1; seq <= 20; seq++) {
                device.sendTelemetry(seq, seq, Map.of("v", seq));
            }
            device.awaitAck(20, WAIT);
            monitor.await(m -> "reading".equals(m.getString("type")) && device.deviceId().equals(m.getString("deviceId"))
                    && m.getJsonNumber("seq").longValue() == 20, WAIT);
            monitor.await(m -> "device".equals(m.getString("type")) && device.deviceId().equals(m.getString("deviceId"))
                    && m.getBoolean("online"), WAIT);
            long previous = 0;
            for (JsonObject message : monitor.messages()) {
                long eventId = message.getJsonNumber("eventId").longValue();
                assertTrue(eventId > previous, "eventIds increase: " + message);
                previous = eventId;
            }
        }
    }

    @Test
    void subscribeLimitsReadingsButNotDeviceEvents() throws Exception {
        try (MonitorClient monitor = newMonitor();
             TestDevice watched = newDevice("watched");
             TestDevice other = newDevice("other")) {
            monitor.send(Json.createObjectBuilder().add("type", "subscribe")
                    .add("devices", Json.createArrayBuilder().add(watched.deviceId())).build());
            int mark = monitor.mark();
            // A round trip through the same monitor queue makes sure the subscription is in force.
            monitor.sendRaw("{\"type\":\"resume\",\"lastEventId\":-1}");
            monitor.await(mark, MonitorClient.ofType("error"), WAIT);
            other.sendTelemetry(1, 1, Map.of("v", 1));
            other.awaitAck(1, WAIT);
            watched.sendTelemetry(1, 1, Map.of("v", 1));
            watched.awaitAck(1, WAIT);
            monitor.await(mark, m -> "reading".equals(m.getString("type"))
                    && watched.deviceId().equals(m.getString("deviceId")), WAIT);
            other.close();
            monitor.await(mark, m -> "device".equals(m.getString("type"))
                    && other.deviceId().equals(m.getString("deviceId")) && !m.getBoolean("online"), WAIT);
            assertFalse(monitor.messages().subList(mark, monitor.mark()).stream().anyMatch(
                    m -> "reading".equals(m.getString("type")) && other.deviceId().equals(m.getString("deviceId"))));
        }
    }

    @Test
    void resumeAfterReconnectSendsExactlyTheMissedAlertEvents() throws Exception {
        AlertsIT rules = new AlertsIT();
        try (TestDevice device = newDevice("resume"); MonitorClient witness = newMonitor()) {
            rules.createRule(device.deviceId(), "t", ">", 50, null, 0, "CRITICAL");
            long lastEventId;
            try (MonitorClient first = newMonitor()) {
                device.sendTelemetry(1, 1, Map.of("t", 60));
                device.awaitAck(1, WAIT);
                first.await(AlertsIT.alertOf(device.deviceId(), "ACTIVE"), WAIT);
                lastEventId = first.messages().stream().mapToLong(m -> m.getJsonNumber("eventId").longValue()).max()
                        .orElseThrow();
            }
            // While no monitor of ours is connected: clear, then raise a new alert.
            device.sendTelemetry(2, 2, Map.of("t", 40));
            device.sendTelemetry(3, 3, Map.of("t", 70));
            device.awaitAck(3, WAIT);
            witness.await(AlertsIT.alertOf(device.deviceId(), "CLEARED"), WAIT);
            witness.await(m -> AlertsIT.alertOf(device.deviceId(), "ACTIVE").test(m)
                    && m.getJsonObject("alert").getJsonNumber("value").doubleValue() == 70, WAIT);

            try (MonitorClient again = newMonitor()) {
                long joinedAt = again.await(MonitorClient.ofType("snapshot"), WAIT).getJsonNumber("eventId").longValue();
                List<JsonObject> replayed = again.resume(lastEventId, joinedAt, WAIT);
                List<JsonObject> missed = witness.eventsBetween(lastEventId, joinedAt);
                List<JsonObject> replayedEvents = replayed.stream()
                        .filter(m -> !"reading".equals(m.getString("type"))).toList();
                assertEquals(missed, replayedEvents, "exactly the alert and device events missed, in order");
                List<String> mine = replayedEvents.stream()
                        .filter(m -> "alert".equals(m.getString("type"))
                                && device.deviceId().equals(m.getJsonObject("alert").getString("deviceId")))
                        .map(m -> m.getJsonObject("alert").getString("state")).toList();
                assertEquals(List.of("CLEARED", "ACTIVE"), mine);
                assertTrue(replayed.stream().anyMatch(m -> "reading".equals(m.getString("type"))
                        && device.deviceId().equals(m.getString("deviceId")) && m.getJsonNumber("seq").longValue() == 3),
                        "the newest reading of the device is re-sent");
            }
        }
    }

    @Test
    void resumeFromAnUnknownEventIdGetsAFreshSnapshot() throws Exception {
        try (MonitorClient monitor = newMonitor()) {
            long joinedAt = monitor.await(MonitorClient.ofType("snapshot"), WAIT).getJsonNumber("eventId").longValue();
            int mark = monitor.mark();
            monitor.send(Json.createObjectBuilder().add("type", "resume").add("lastEventId", 1).build());
            JsonObject snapshot = monitor.await(mark, MonitorClient.ofType("snapshot"), Duration.ofSeconds(10));
            assertTrue(snapshot.containsKey("devices"));
            // The fresh snapshot is numbered as of now (it was once numbered with the unknown id it answered).
            assertTrue(snapshot.getJsonNumber("eventId").longValue() >= joinedAt, snapshot.toString());
        }
    }
}
