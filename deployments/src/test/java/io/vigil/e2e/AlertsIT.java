package io.vigil.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Rules raise and clear alerts that monitors see only once stored; operators acknowledge them (sections 6-7). */
class AlertsIT extends E2E {

    @Test
    void aRuleRaisesAndClearsAnAlertThatTheMonitorSeesAfterItIsStored() throws Exception {
        try (TestDevice device = newDevice("boiler"); MonitorClient monitor = newMonitor()) {
            long ruleId = createRule(device.deviceId(), "temperature", ">", 90, 85.0, 0, "CRITICAL");
            long ts = System.currentTimeMillis();
            device.sendTelemetry(1, ts, Map.of("temperature", 80));
            device.sendTelemetry(2, ts + 1, Map.of("temperature", 93.2));
            device.awaitAck(2, WAIT);

            JsonObject raised = monitor.await(alertOf(device.deviceId(), "ACTIVE"), WAIT).getJsonObject("alert");
            assertEquals(ruleId, raised.getJsonNumber("ruleId").longValue());
            assertEquals("temperature", raised.getString("metric"));
            assertEquals("CRITICAL", raised.getString("severity"));
            assertEquals(93.2, raised.getJsonNumber("value").doubleValue());
            assertTrue(raised.getString("message").startsWith("temperature > 90"), raised.getString("message"));
            JsonObject stored = findAlert(raised.getJsonNumber("id").longValue());
            assertNotNull(stored, "the alert the monitor saw is in the database");

            device.sendTelemetry(3, ts + 2, Map.of("temperature", 88));  // below 90 but above 85: hysteresis
            device.sendTelemetry(4, ts + 3, Map.of("temperature", 84));
            device.awaitAck(4, WAIT);
            JsonObject cleared = monitor.await(alertOf(device.deviceId(), "CLEARED"), WAIT).getJsonObject("alert");
            assertEquals(raised.getJsonNumber("id"), cleared.getJsonNumber("id"));
            assertFalse(cleared.getBoolean("acknowledged"), "cleared without anyone acknowledging it");
            assertEquals(1, monitor.messages().stream().filter(alertOf(device.deviceId(), "ACTIVE"))
                    .filter(m -> m.getJsonObject("alert").getJsonNumber("ruleId").longValue() == ruleId).count());
        }
    }

    @Test
    void oneOpenAlertPerDeviceAndRuleAndForSecondsWaitsForTheConditionToHold() throws Exception {
        try (TestDevice device = newDevice("tank")) {
            createRule(device.deviceId(), "level", "<", 10, null, 5, "WARNING");
            long ts = 1_000_000;
            device.sendTelemetry(1, ts, Map.of("level", 5));
            device.sendTelemetry(2, ts + 4_000, Map.of("level", 4));   // held 4 s: not yet
            device.awaitAck(2, WAIT);
            assertEquals(0, alertsOf(device.deviceId()).size());
            device.sendTelemetry(3, ts + 5_000, Map.of("level", 3));   // held 5 s: raised
            device.sendTelemetry(4, ts + 6_000, Map.of("level", 2));   // still holds: no second alert
            device.awaitAck(4, WAIT);
            assertEquals(1, alertsOf(device.deviceId()).size());
        }
    }

    @Test
    void anOperatorAcknowledgesAnAlertFromTheMonitor() throws Exception {
        try (TestDevice device = newDevice("press"); MonitorClient monitor = newMonitor()) {
            createRule(device.deviceId(), "pressure", ">=", 7, null, 0, "WARNING");
            device.sendTelemetry(1, System.currentTimeMillis(), Map.of("pressure", 7.5));
            device.awaitAck(1, WAIT);
            long alertId = monitor.await(alertOf(device.deviceId(), "ACTIVE"), WAIT)
                    .getJsonObject("alert").getJsonNumber("id").longValue();

            monitor.send(Json.createObjectBuilder().add("type", "ack_alert").add("alertId", alertId)
                    .add("note", "on it").build());
            JsonObject acked = monitor.await(alertOf(device.deviceId(), "ACKNOWLEDGED"), WAIT).getJsonObject("alert");
            assertEquals("on it", acked.getString("note"));
            assertTrue(acked.getBoolean("acknowledged"));
            assertFalse(acked.getString("acknowledgedBy").isBlank());
            assertEquals("ACKNOWLEDGED", findAlert(alertId).getString("state"));

            int mark = monitor.mark();
            monitor.send(Json.createObjectBuilder().add("type", "ack_alert").add("alertId", alertId).build());
            assertEquals("conflict", monitor.await(mark, MonitorClient.ofType("error"), WAIT).getString("code"));

            device.sendTelemetry(2, System.currentTimeMillis(), Map.of("pressure", 6));
            device.awaitAck(2, WAIT);
            JsonObject cleared = monitor.await(alertOf(device.deviceId(), "CLEARED"), WAIT).getJsonObject("alert");
            assertTrue(cleared.getBoolean("acknowledged"), "the acknowledgement is kept after clearing");
        }
    }

    @Test
    void acknowledgingOverRestWorksOnceAndRefusesClearedAlerts() throws Exception {
        try (TestDevice device = newDevice("rest-ack")) {
            createRule(device.deviceId(), "v", ">", 1, null, 0, "INFO");
            device.sendTelemetry(1, 1, Map.of("v", 2));
            device.sendTelemetry(2, 2, Map.of("v", 0));
            device.sendTelemetry(3, 3, Map.of("v", 5));
            device.awaitAck(3, WAIT);
            var alerts = alertsOf(device.deviceId());
            assertEquals(2, alerts.size());
            long open = alerts.stream().filter(a -> a.getString("state").equals("ACTIVE")).findFirst().orElseThrow()
                    .getJsonNumber("id").longValue();
            long cleared = alerts.stream().filter(a -> a.getString("state").equals("CLEARED")).findFirst().orElseThrow()
                    .getJsonNumber("id").longValue();
            Api.Reply ack = api.post("/api/alerts/" + open + "/ack", Json.createObjectBuilder().add("note", "seen").build());
            assertEquals(200, ack.status());
            assertEquals("ACKNOWLEDGED", ack.object().getString("state"));
            assertEquals(409, api.post("/api/alerts/" + open + "/ack", JsonValue.EMPTY_JSON_OBJECT).status());
            Api.Reply refused = api.post("/api/alerts/" + cleared + "/ack", JsonValue.EMPTY_JSON_OBJECT);
            assertEquals(409, refused.status());
            assertEquals("conflict", refused.object().getString("error"));
            assertEquals(404, api.post("/api/alerts/987654321/ack", JsonValue.EMPTY_JSON_OBJECT).status());
        }
    }

    @Test
    void aSilentDeviceRaisesTheOfflineAlertAndClearsItWhenHeardFromAgain() throws Exception {
        Api.Device registered = api.register(Api.uniqueId("quiet"));
        try (MonitorClient monitor = newMonitor()) {
            try (TestDevice device = connect(registered)) {
                device.sendTelemetry(1, System.currentTimeMillis(), Map.of("x", 1));
                device.awaitAck(1, WAIT);
            }
            JsonObject offline = monitor.await(m -> alertOf(registered.id(), "ACTIVE").test(m)
                    && "offline".equals(m.getJsonObject("alert").getString("kind")), WAIT).getJsonObject("alert");
            assertTrue(offline.isNull("ruleId"));
            try (TestDevice device = connect(registered)) {
                JsonObject cleared = monitor.await(alertOf(registered.id(), "CLEARED"), WAIT).getJsonObject("alert");
                assertEquals(offline.getJsonNumber("id"), cleared.getJsonNumber("id"));
                assertTrue(device.isOpen());
            }
        }
    }

    static Predicate<JsonObject> alertOf(String deviceId, String state) {
        return m -> "alert".equals(m.getString("type", ""))
                && deviceId.equals(m.getJsonObject("alert").getString("deviceId"))
                && state.equals(m.getJsonObject("alert").getString("state"));
    }

    long createRule(String deviceId, String metric, String op, double threshold, Double clear, int forSeconds,
                    String severity) {
        var rule = Json.createObjectBuilder().add("metric", metric).add("op", op).add("threshold", threshold)
                .add("forSeconds", forSeconds).add("severity", severity).add("deviceId", deviceId);
        if (clear != null) {
            rule.add("clearThreshold", clear);
        }
        Api.Reply reply = api.post("/api/rules", rule.build());
        assertEquals(201, reply.status(), String.valueOf(reply.body()));
        return reply.object().getJsonNumber("id").longValue();
    }

    java.util.List<JsonObject> alertsOf(String deviceId) {
        return api.get("/api/alerts").body().asJsonArray().stream().map(JsonValue::asJsonObject)
                .filter(a -> deviceId.equals(a.getString("deviceId"))).toList();
    }

    JsonObject findAlert(long id) {
        return api.get("/api/alerts").body().asJsonArray().stream().map(JsonValue::asJsonObject)
                .filter(a -> a.getJsonNumber("id").longValue() == id).findFirst().orElse(null);
    }
}
