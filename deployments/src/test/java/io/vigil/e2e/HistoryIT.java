package io.vigil.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/devices/{id}/history}: stored readings folded into buckets
 * (count, min, mean, max per metric) with at most 2,000 points a series, as
 * the page's charts load them.
 */
class HistoryIT extends E2E {

    @Test
    void readingsComeBackAsBucketsWithCountMinMeanAndMax() throws Exception {
        long base = 1_700_000_040_000L; // a whole minute since the epoch
        try (TestDevice device = newDevice("hist")) {
            // Minute 0: 10, 20, 30 (and pressure 1); minute 1: 5; minute 3: 40, 50.
            device.sendTelemetry(1, base, Map.of("temperature", 10, "pressure", 1));
            device.sendTelemetry(2, base + 20_000, Map.of("temperature", 20));
            device.sendTelemetry(3, base + 59_999, Map.of("temperature", 30));
            device.sendTelemetry(4, base + 60_000, Map.of("temperature", 5));
            device.sendTelemetry(5, base + 180_000, Map.of("temperature", 40));
            device.sendTelemetry(6, base + 200_000, Map.of("temperature", 50));
            device.awaitAck(6, WAIT);

            String path = "/api/devices/" + device.deviceId() + "/history?from=" + base + "&to=" + (base + 300_000);
            JsonObject history = api.get(path + "&bucket=1m").object();
            assertEquals(60_000, history.getJsonNumber("bucket").longValue());
            JsonObject temperature = history.getJsonObject("series").getJsonObject("temperature");
            assertEquals(longs(base, base + 60_000, base + 180_000), longs(temperature.getJsonArray("t")));
            assertEquals(longs(3, 1, 2), longs(temperature.getJsonArray("n")));
            assertEquals(doubles(10, 5, 40), doubles(temperature.getJsonArray("min")));
            assertEquals(doubles(20, 5, 45), doubles(temperature.getJsonArray("avg")));
            assertEquals(doubles(30, 5, 50), doubles(temperature.getJsonArray("max")));
            assertEquals(longs(1), longs(history.getJsonObject("series").getJsonObject("pressure").getJsonArray("n")));

            JsonObject onlyPressure = api.get(path + "&bucket=5m&metric=pressure").object().getJsonObject("series");
            assertEquals(1, onlyPressure.size());

            // No bucket: a round width with at most 1,000 points (5 minutes: 1 s buckets).
            JsonObject auto = api.get(path).object();
            assertEquals(1_000, auto.getJsonNumber("bucket").longValue());
            assertEquals(6, auto.getJsonObject("series").getJsonObject("temperature").getJsonArray("t").size());

            // A viewer may read it too.
            Operator viewer = new Operator(Api.uniqueId("histviewer"), "viewer-password");
            api.post("/api/operators", jakarta.json.Json.createObjectBuilder().add("username", viewer.username())
                    .add("password", viewer.password()).add("role", "viewer").build());
            assertEquals(200, new Api(server.httpUri(), viewer).get(path + "&bucket=1m").status());
        }
    }

    @Test
    void aRangeOfNinetyDaysIsServedInAtMostTwoThousandPoints() {
        Api.Device device = api.register(Api.uniqueId("histrange"));
        long to = System.currentTimeMillis();
        long from = to - 90L * 86_400_000;
        JsonObject auto = api.get("/api/devices/" + device.id() + "/history?from=" + from + "&to=" + to).object();
        assertEquals(10_800_000, auto.getJsonNumber("bucket").longValue(), "3 h buckets: 720 points");

        Api.Reply tooFine = api.get("/api/devices/" + device.id() + "/history?from=" + from + "&to=" + to + "&bucket=1m");
        assertEquals(400, tooFine.status());
        assertTrue(tooFine.object().getString("message").contains("at most 2000"), tooFine.object().toString());
    }

    @Test
    void badParametersAre400AndAnUnknownDevice404() {
        Api.Device device = api.register(Api.uniqueId("histbad"));
        String path = "/api/devices/" + device.id() + "/history";
        for (String query : new String[] {"?bucket=60", "?bucket=1.5h", "?bucket=0s", "?from=abc", "?to=1e9",
                "?from=2000&to=1000", "?from=0&to=" + 401L * 86_400_000}) {
            Api.Reply reply = api.get(path + query);
            assertEquals(400, reply.status(), query + " " + reply.body());
            assertEquals("invalid_request", reply.object().getString("error"), query);
        }
        assertEquals(404, api.get("/api/devices/" + Api.uniqueId("nobody") + "/history").status());
    }

    private static java.util.List<Long> longs(long... values) {
        return java.util.Arrays.stream(values).boxed().toList();
    }

    private static java.util.List<Long> longs(JsonArray array) {
        return array.getValuesAs(jakarta.json.JsonNumber.class).stream().map(jakarta.json.JsonNumber::longValue).toList();
    }

    private static java.util.List<Double> doubles(double... values) {
        return java.util.Arrays.stream(values).boxed().toList();
    }

    private static java.util.List<Double> doubles(JsonArray array) {
        return array.getValuesAs(jakarta.json.JsonNumber.class).stream().map(jakarta.json.JsonNumber::doubleValue).toList();
    }
}
