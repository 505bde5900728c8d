package io.vigil.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Readings in over the device endpoint, acked after commit, stored exactly once (PROTOCOL.md sections 2-4). */
class TelemetryIT extends E2E {

    @Test
    void welcomeCarriesLastSeqZeroAndTheServerSelectsTheSubprotocol() throws Exception {
        try (TestDevice device = newDevice("fresh")) {
            JsonObject welcome = device.welcomeMessage(WAIT);
            assertEquals("welcome", welcome.getString("type"));
            assertEquals(device.deviceId(), welcome.getString("deviceId"));
            assertEquals(0, welcome.getJsonNumber("lastSeq").longValue());
            long skew = Math.abs(System.currentTimeMillis() - welcome.getJsonNumber("serverTime").longValue());
            assertTrue(skew < 60_000, "serverTime is epoch milliseconds");
            assertEquals("vigil.v1", device.negotiatedSubprotocol());
        }
    }

    @Test
    void thousandReadingsAreAllAckedAndStoredExactlyOnce() throws Exception {
        try (TestDevice device = newDevice("stream")) {
            long ts = System.currentTimeMillis();
            for (int seq = 1; seq <= 500; seq++) {
                device.sendTelemetry(seq, ts + seq, Map.of("temperature", 20 + seq % 10, "humidity", 40.5));
            }
            device.sendBatch(501, 500, ts + 501, Map.of("temperature", 21.25));
            device.awaitAck(1000, WAIT);

            JsonArray readings = api.get("/api/devices/" + device.deviceId() + "/readings?limit=5000").body().asJsonArray();
            assertEquals(1000, readings.size());
            Set<Long> seqs = new HashSet<>();
            for (JsonValue reading : readings) {
                seqs.add(reading.asJsonObject().getJsonNumber("seq").longValue());
            }
            assertEquals(1000, seqs.size(), "every seq stored once");
            assertEquals(1000, device.highestAck());
            assertTrue(device.rejected().isEmpty());
        }
    }

    @Test
    void duplicateSeqIsAckedButNotStoredTwice() throws Exception {
        Api.Device registered = api.register(Api.uniqueId("dup"));
        long ts = System.currentTimeMillis();
        try (TestDevice device = connect(registered)) {
            device.sendBatch(1, 5, ts, Map.of("level", 1));
            device.awaitAck(5, WAIT);
        }
        try (TestDevice device = connect(registered)) {
            assertEquals(5, device.awaitWelcome(WAIT));
            device.sendTelemetry(3, ts, Map.of("level", 99));  // a re-send of something already stored
            device.sendTelemetry(6, ts + 6, Map.of("level", 6));
            device.awaitAck(6, WAIT);
        }
        JsonArray readings = api.get("/api/devices/" + registered.id() + "/readings").body().asJsonArray();
        assertEquals(6, readings.size());
        JsonObject third = readings.get(2).asJsonObject();
        assertEquals(3, third.getJsonNumber("seq").longValue());
        assertEquals(1.0, third.getJsonObject("metrics").getJsonNumber("level").doubleValue(), "the first copy stays");
    }

    @Test
    void aDuplicateAloneIsAckedAtOnce() throws Exception {
        try (TestDevice device = newDevice("dup-only")) {
            device.sendTelemetry(10, System.currentTimeMillis(), Map.of("x", 1));
            awaitType(device, "ack", 1);
            device.sendTelemetry(4, System.currentTimeMillis(), Map.of("x", 2));
            JsonObject ack = awaitType(device, "ack", 1);
            assertEquals(10, ack.getJsonNumber("seq").longValue(), "the duplicate is answered with the cumulative ack");
        }
    }

    @Test
    void invalidReadingsAreRejectedQuarantinedAndCoveredByTheNextAck() throws Exception {
        try (TestDevice device = newDevice("bad")) {
            long ts = System.currentTimeMillis();
            device.sendTelemetry(1, ts, Map.of("ok", 1));
            device.sendText("{\"type\":\"telemetry\",\"seq\":2,\"ts\":" + ts + ",\"metrics\":{\"bad name!\":1}}");
            device.sendText("{\"type\":\"telemetry\",\"seq\":3,\"ts\":" + ts + ",\"metrics\":{\"t\":NaN}}");
            device.sendText("{\"type\":\"telemetry\",\"seq\":4,\"ts\":" + ts + ",\"metrics\":{\"t\":\"hot\"}}");
            device.sendText("{\"type\":\"telemetry\",\"seq\":5,\"ts\":" + ts + ",\"metrics\":{}}");
            device.sendText("{\"type\":\"telemetry\",\"seq\":6,\"ts\":\"yesterday\",\"metrics\":{\"t\":1}}");
            device.sendText("{\"type\":\"telemetry\",\"seq\":7,\"ts\":" + ts + ",\"metrics\":" + manyMetrics(65) + "}");
            device.sendText("{\"type\":\"telemetry\",\"seq\":8,\"ts\":" + ts + ",\"metrics\":{\"t\":1e999}}");
            device.sendTelemetry(9, ts, Map.of("ok", 9));
            device.awaitAck(9, WAIT);

            Map<Long, String> codes = new java.util.TreeMap<>();
            device.rejected().forEach(r -> codes.put(r.getJsonNumber("seq").longValue(), r.getString("code")));
            assertEquals(Map.of(2L, "invalid_metric", 3L, "invalid_metric", 4L, "invalid_metric", 5L, "no_metrics",
                    6L, "invalid_ts", 7L, "too_many_metrics", 8L, "invalid_metric"), codes);
            device.rejected().forEach(r -> assertTrue(!r.getString("message").isBlank()));
            assertTrue(device.isOpen(), "bad readings do not end the stream");

            JsonArray stored = api.get("/api/devices/" + device.deviceId() + "/readings").body().asJsonArray();
            assertEquals(2, stored.size());
            JsonArray quarantine = api.get("/api/quarantine?deviceId=" + device.deviceId()).body().asJsonArray();
            assertEquals(7, quarantine.size());
            JsonObject nan = quarantine.stream().map(JsonValue::asJsonObject)
                    .filter(q -> q.getJsonNumber("seq").longValue() == 3).findFirst().orElseThrow();
            assertTrue(nan.getString("message").contains("NaN"), nan.toString());
            assertTrue(nan.getString("payload").contains("\"seq\":3"), nan.toString());
        }
    }

    @Test
    void theStoredReadingsCanBeFilteredByMetricAndTime() throws Exception {
        try (TestDevice device = newDevice("query")) {
            device.sendTelemetry(1, 1_000, Map.of("temperature", 10, "humidity", 50));
            device.sendTelemetry(2, 2_000, Map.of("humidity", 51));
            device.sendTelemetry(3, 3_000, Map.of("temperature", 30));
            device.awaitAck(3, WAIT);
            String base = "/api/devices/" + device.deviceId() + "/readings";
            JsonArray temperature = api.get(base + "?metric=temperature").body().asJsonArray();
            assertEquals(2, temperature.size());
            assertEquals(Set.of("temperature"), temperature.get(1).asJsonObject().getJsonObject("metrics").keySet());
            assertEquals(1, api.get(base + "?from=1500&to=2500").body().asJsonArray().size());
            assertEquals(1, api.get(base + "?limit=1").body().asJsonArray().size());
            assertEquals(400, api.get(base + "?limit=0").status());
            assertEquals(400, api.get(base + "?limit=100001").status());
            assertEquals(404, api.get("/api/devices/no-such-device/readings").status());
        }
    }

    private static String manyMetrics(int count) {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "" : ",").append("\"m").append(i).append("\":").append(i);
        }
        return json.append('}').toString();
    }

    private static JsonObject awaitType(TestDevice device, String type, int nth) throws Exception {
        int seen = 0;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject message = device.nextMessage(Duration.ofMillis(500));
            if (message != null && type.equals(message.getString("type")) && ++seen == nth) {
                return message;
            }
        }
        throw new AssertionError("no " + type + " number " + nth);
    }
}
