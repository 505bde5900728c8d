package io.vigil.web.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vigil.web.protocol.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reading message is written by hand for speed; it must say exactly what JSON-B would. */
class MonitorMessagesTest {

    private static JsonObject parse(String json) {
        return jakarta.json.Json.createReader(new StringReader(json)).readObject();
    }

    @Test
    void theHandWrittenReadingIsTheSameJsonAsJsonBWrites() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("temperature", 21.5);
        metrics.put("a.b-c_9", -1.0E-7);
        metrics.put("count", 3.0);
        MonitorMessages.Reading reading = new MonitorMessages.Reading(1763719200999L, "pump-7.a_B-9", 42,
                1763719200123L, metrics);
        assertEquals(parse(Json.write(reading)), parse(reading.toJson()));
    }
}
