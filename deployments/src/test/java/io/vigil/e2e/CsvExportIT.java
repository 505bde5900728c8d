package io.vigil.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /api/devices/{id}/readings.csv}: the readings as RFC 4180 CSV, the same as the JSON history. */
class CsvExportIT extends E2E {

    /** Two days ago, on a whole second: well inside the retention of 30 days, which deletes older readings. */
    private static final long T0 = (System.currentTimeMillis() - 2 * 86_400_000L) / 1_000 * 1_000;
    private static final int READINGS = 100_000;

    private HttpResponse<String> csv(String query) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.httpUri().resolve(query))
                .header("Authorization", Operator.ADMIN.basic()).timeout(Duration.ofSeconds(60)).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aHundredThousandReadingsExportAsCsvThatMatchesTheJsonHistory() throws Exception {
        String id;
        try (TestDevice device = newDevice("csv")) {
            id = device.deviceId();
            // Readings a second apart: two metrics in batches of 500, and every 1,000th alone with a third one.
            for (long seq = 1; seq <= READINGS; seq += 500) {
                device.sendBatch(seq, 500, T0 + (seq - 1) * 1_000, Map.of("flow", seq * 0.25, "pressure", 2.5));
            }
            device.sendTelemetry(READINGS + 1, T0 + READINGS * 1_000L, Map.of("level", -1.5));
            device.awaitAck(READINGS + 1, Duration.ofSeconds(120));
        }
        String range = "?from=" + T0 + "&to=" + (T0 + READINGS * 1_000L);
        csv("/api/devices/" + id + "/readings.csv" + range); // warm
        long started = System.nanoTime();
        HttpResponse<String> answer = csv("/api/devices/" + id + "/readings.csv" + range);
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(200, answer.statusCode(), answer.body());
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertTrue(answer.headers().firstValue("Content-Disposition").orElse("").contains(id + "-readings.csv"));
        String[] lines = answer.body().split("\r\n", -1);
        assertEquals("ts,seq,flow,level,pressure", lines[0], "every metric of the range, sorted");
        assertEquals("", lines[lines.length - 1], "each line ends with CRLF");
        assertEquals(READINGS + 2, lines.length - 1, "the header and one line a reading");
        System.out.printf("CsvExportIT: %d readings as CSV (%d bytes) in %d ms%n", READINGS + 1, answer.body().length(), millis);
        assertTrue(millis < 1_500, "100,000 rows took " + millis + " ms");

        // The same readings as the JSON history gives, value for value.
        List<JsonObject> json = api.get("/api/devices/" + id + "/readings" + range + "&limit=100000").body().asJsonArray()
                .stream().map(JsonValue::asJsonObject).toList();
        for (int i = 0; i < json.size(); i += 997) {
            JsonObject reading = json.get(i);
            String[] fields = lines[i + 1].split(",", -1);
            assertEquals(Instant.ofEpochMilli(reading.getJsonNumber("ts").longValue()).toString(), fields[0]);
            assertEquals(reading.getJsonNumber("seq").longValue(), Long.parseLong(fields[1]));
            JsonObject metrics = reading.getJsonObject("metrics");
            assertEquals(metrics.getJsonNumber("flow").doubleValue(), Double.parseDouble(fields[2]));
            assertEquals("", fields[3], "no level in this reading");
            assertEquals(metrics.getJsonNumber("pressure").doubleValue(), Double.parseDouble(fields[4]));
        }
        assertEquals(Instant.ofEpochMilli(T0 + READINGS * 1_000L) + "," + (READINGS + 1) + ",,-1.5,", lines[READINGS + 1]);

        // Chosen metrics, in the order asked; readings without any of them are left out.
        String[] level = csv("/api/devices/" + id + "/readings.csv" + range + "&metrics=level").body().split("\r\n");
        assertEquals(List.of("ts,seq,level", Instant.ofEpochMilli(T0 + READINGS * 1_000L) + "," + (READINGS + 1) + ",-1.5"),
                List.of(level));
        String[] two = csv("/api/devices/" + id + "/readings.csv" + range + "&metrics=pressure,flow").body().split("\r\n");
        assertEquals("ts,seq,pressure,flow", two[0]);
        assertEquals(Instant.ofEpochMilli(T0) + ",1,2.5,0.25", two[1]);
        assertEquals(READINGS + 1, two.length);
    }

    @Test
    void badRequestsGetClearAnswers() throws Exception {
        Api.Device device = api.register(Api.uniqueId("csv-bad"));
        assertEquals(400, csv("/api/devices/" + device.id() + "/readings.csv?metrics=a%20b").statusCode());
        assertEquals(400, csv("/api/devices/" + device.id() + "/readings.csv?from=10&to=5").statusCode());
        assertEquals(400, csv("/api/devices/" + device.id() + "/readings.csv?from=yesterday").statusCode());
        assertEquals(404, csv("/api/devices/nobody-" + device.id() + "/readings.csv").statusCode());
        HttpResponse<String> empty = csv("/api/devices/" + device.id() + "/readings.csv");
        assertEquals(200, empty.statusCode());
        assertEquals("ts,seq\r\n", empty.body(), "a device with no readings: the header alone");
        URI none = server.httpUri().resolve("/api/devices/" + device.id() + "/readings.csv");
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(none).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
    }
}
