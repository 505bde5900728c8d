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

    /**
     * Buckets of whole minutes or hours come from the roll-ups, the ragged
     * ends of the range and the readings not rolled up yet from the readings:
     * whatever the width and ends, the figures are those of folding every
     * reading, including readings that arrive late into hours already rolled
     * up, both right after the acks and once the roll-ups caught up.
     */
    @Test
    void rollUpsAndRaggedEndsGiveTheFiguresOfEveryReading() throws Exception {
        long base = 1_700_002_800_000L; // a whole hour since the epoch
        java.util.List<long[]> sent = new java.util.ArrayList<>();  // ts, temperature*1000, pressure*1000 or -1
        try (TestDevice device = newDevice("histroll")) {
            long seq = 0;
            // Three batches (three transactions) over 3 h 11 min, then one of late readings back in the first hour.
            for (int batch = 0; batch < 4; batch++) {
                jakarta.json.JsonArrayBuilder items = jakarta.json.Json.createArrayBuilder();
                for (int i = 0; i < 500; i++) {
                    long k = batch * 500L + i;
                    long ts = batch < 3 ? base - 1_234 + k * 7_651 : base + 17 + i * 7_001;
                    long temperature = (k * 7_919) % 100_000 - 40_000;
                    long pressure = k % 3 == 0 ? 1_000 + k % 50 : -1;
                    jakarta.json.JsonObjectBuilder metrics = jakarta.json.Json.createObjectBuilder()
                            .add("temperature", temperature / 1000.0);
                    if (pressure >= 0) {
                        metrics.add("pressure", pressure / 1000.0);
                    }
                    items.add(jakarta.json.Json.createObjectBuilder().add("seq", ++seq).add("ts", ts).add("metrics", metrics));
                    sent.add(new long[] {ts, temperature, pressure});
                }
                device.sendText(jakarta.json.Json.createObjectBuilder().add("type", "batch").add("items", items).build()
                        .toString());
                device.awaitAck(seq, WAIT);
            }

            long acked = System.currentTimeMillis();
            // At once: the roll-ups are seconds behind, the chart adds the readings they do not hold yet.
            assertChartsFoldEveryReading(device.deviceId(), base, sent, "right after the acks");
            // Once a fold that started after the acks left nothing behind, the same figures from the roll-ups.
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (MetricsIT.scrape().value("vigil_rollups_complete_until") < acked) {
                assertTrue(System.nanoTime() < deadline, "the roll-ups did not catch up within " + WAIT);
                Thread.sleep(200);
            }
            assertChartsFoldEveryReading(device.deviceId(), base, sent, "once rolled up");
        }
    }

    private void assertChartsFoldEveryReading(String deviceId, long base, java.util.List<long[]> sent, String when) {
        long lastTs = sent.stream().mapToLong(r -> r[0]).max().orElseThrow();
        long[][] ranges = {{base - 1_234, lastTs}, {base + 123_456, base + 3 * 3_600_000L + 777},
                {base + 60_000, base + 2 * 3_600_000L - 1}, {base + 59_999, base + 61_000}};
        for (long[] range : ranges) {
            for (String bucket : new String[] {"1h", "2h", "5m", "1m", "90s", "10s"}) {
                long width = millis(bucket);
                JsonObject series = api.get("/api/devices/" + deviceId + "/history?from=" + range[0]
                        + "&to=" + range[1] + "&bucket=" + bucket).object().getJsonObject("series");
                String where = bucket + " over " + range[0] + ".." + range[1] + ", " + when;
                assertSeries(expected(sent, 1, range, width), series.getJsonObject("temperature"), where);
                assertSeries(expected(sent, 2, range, width), series.getJsonObject("pressure"), where);
            }
        }
    }

    private static long millis(String bucket) {
        long value = Long.parseLong(bucket.replaceAll("[a-z]", ""));
        return value * (bucket.endsWith("h") ? 3_600_000 : bucket.endsWith("m") ? 60_000 : 1_000);
    }

    /** Folds the sent readings' column {@code column} into buckets: start -> count, min, sum, max. */
    private static java.util.TreeMap<Long, double[]> expected(java.util.List<long[]> sent, int column, long[] range,
                                                              long width) {
        java.util.TreeMap<Long, double[]> buckets = new java.util.TreeMap<>();
        for (long[] reading : sent) {
            if (reading[0] < range[0] || reading[0] > range[1] || reading[column] < 0 && column == 2) {
                continue;
            }
            double v = reading[column] / 1000.0;
            double[] b = buckets.computeIfAbsent(Math.floorDiv(reading[0], width) * width,
                    s -> new double[] {0, Double.POSITIVE_INFINITY, 0, Double.NEGATIVE_INFINITY});
            b[0]++;
            b[1] = Math.min(b[1], v);
            b[2] += v;
            b[3] = Math.max(b[3], v);
        }
        return buckets;
    }

    private static void assertSeries(java.util.TreeMap<Long, double[]> expected, JsonObject actual, String where) {
        if (expected.isEmpty()) {
            assertEquals(null, actual, where);
            return;
        }
        assertEquals(java.util.List.copyOf(expected.keySet()), longs(actual.getJsonArray("t")), where + ": buckets");
        assertEquals(expected.values().stream().map(b -> (long) b[0]).toList(), longs(actual.getJsonArray("n")),
                where + ": counts");
        assertEquals(expected.values().stream().map(b -> b[1]).toList(), doubles(actual.getJsonArray("min")),
                where + ": minimums");
        assertEquals(expected.values().stream().map(b -> b[3]).toList(), doubles(actual.getJsonArray("max")),
                where + ": maximums");
        java.util.List<Double> avg = doubles(actual.getJsonArray("avg"));
        int i = 0;
        for (double[] b : expected.values()) {
            assertEquals(b[2] / b[0], avg.get(i++), 1e-9, where + ": means");
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
