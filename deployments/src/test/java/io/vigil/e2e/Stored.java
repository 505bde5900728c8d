package io.vigil.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The invariants every ingest test ends with, checked over the REST API: seqs
 * 1..n stored, each exactly once, and the roll-ups that charts read agree with
 * the stored readings.
 */
final class Stored {

    private Stored() {
    }

    static List<Long> seqs(Api api, String deviceId) {
        Api.Reply reply = api.get("/api/devices/" + deviceId + "/readings?limit=100000");
        assertEquals(200, reply.status(), "history of " + deviceId);
        return reply.body().asJsonArray().stream()
                .map(JsonValue::asJsonObject)
                .map(r -> r.getJsonNumber("seq").longValue())
                .toList();
    }

    /** Every seq from 1 to {@code acked} is stored exactly once (more may be stored: sent, not yet acked). */
    static void exactlyOnceUpTo(Api api, String deviceId, long acked) {
        List<Long> seqs = seqs(api, deviceId);
        long distinct = seqs.stream().distinct().count();
        assertEquals(seqs.size(), distinct, deviceId + ": a reading is stored twice");
        for (long seq = 1; seq <= acked; seq++) {
            if (!seqs.contains(seq)) {
                fail(deviceId + ": seq " + seq + " was acked (ack " + acked + ") but is not stored; "
                        + seqs.size() + " readings are");
            }
        }
    }

    /**
     * Waits until a fold that started after {@code since} left nothing behind
     * ({@code vigil_rollups_complete_until} on whichever of the servers at
     * {@code managements} holds the timer lease; one that does not answer, a
     * killed node, counts as 0), so that the history API answers whole hours
     * from the roll-up table alone and {@link #rollUpsAgree} checks that.
     */
    static void awaitRolledUp(List<java.net.URI> managements, long since) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (true) {
            double until = 0;
            for (java.net.URI management : managements) {
                try {
                    until = Math.max(until, MetricsIT.scrape(management).value("vigil_rollups_complete_until"));
                } catch (Exception | AssertionError unreachable) {
                    // a node that is down holds no lease
                }
            }
            if (until >= since) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, "the roll-ups did not catch up with " + since + " within 60 s");
            Thread.sleep(200);
        }
    }

    /**
     * The device's hour roll-ups (read through the history API with buckets
     * of whole hours, so no reading is folded on the way) hold exactly the
     * stored readings: per metric the same count, minimum and maximum. Call it
     * when nothing is being written for the device. Answers the readings checked.
     */
    static long rollUpsAgree(Api api, String deviceId) {
        Api.Reply reply = api.get("/api/devices/" + deviceId + "/readings?limit=100000");
        assertEquals(200, reply.status(), "readings of " + deviceId);
        Map<String, double[]> expected = new TreeMap<>();  // count, min, max
        long minTs = Long.MAX_VALUE;
        long maxTs = Long.MIN_VALUE;
        for (JsonValue value : reply.body().asJsonArray()) {
            JsonObject reading = value.asJsonObject();
            long ts = reading.getJsonNumber("ts").longValue();
            minTs = Math.min(minTs, ts);
            maxTs = Math.max(maxTs, ts);
            reading.getJsonObject("metrics").forEach((metric, number) -> {
                double v = ((JsonNumber) number).doubleValue();
                double[] e = expected.computeIfAbsent(metric, m -> new double[] {0, v, v});
                e[0]++;
                e[1] = Math.min(e[1], v);
                e[2] = Math.max(e[2], v);
            });
        }
        if (expected.isEmpty()) {
            return 0;
        }
        long hour = 3_600_000;
        long from = Math.floorDiv(minTs, hour) * hour;
        long to = (Math.floorDiv(maxTs, hour) + 1) * hour - 1;
        JsonObject series = api.get("/api/devices/" + deviceId + "/history?from=" + from + "&to=" + to
                + "&bucket=" + ((to + 1 - from) / hour) + "h").object().getJsonObject("series");
        Map<String, double[]> rolledUp = new TreeMap<>();
        series.forEach((metric, s) -> {
            JsonObject columns = s.asJsonObject();
            double[] r = {sum(columns.getJsonArray("n")), fold(columns.getJsonArray("min"), Math::min),
                    fold(columns.getJsonArray("max"), Math::max)};
            rolledUp.put(metric, r);
        });
        assertEquals(describe(expected), describe(rolledUp), deviceId + ": roll-ups (count, min, max per metric)"
                + " differ from the stored readings");
        return reply.body().asJsonArray().size();
    }

    private static double sum(JsonArray values) {
        return values.getValuesAs(JsonNumber.class).stream().mapToDouble(JsonNumber::doubleValue).sum();
    }

    private static double fold(JsonArray values, java.util.function.DoubleBinaryOperator op) {
        return values.getValuesAs(JsonNumber.class).stream().mapToDouble(JsonNumber::doubleValue).reduce(op)
                .orElse(Double.NaN);
    }

    private static String describe(Map<String, double[]> figures) {
        StringBuilder text = new StringBuilder();
        figures.forEach((metric, f) -> text.append(metric).append('=').append((long) f[0]).append('/').append(f[1])
                .append('/').append(f[2]).append(' '));
        return text.toString();
    }
}
