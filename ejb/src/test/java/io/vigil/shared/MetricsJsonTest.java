package io.vigil.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stored form of metrics: written by hand on the ingest path, so it must read back exactly. */
class MetricsJsonTest {

    @Test
    void everyFiniteDoubleAndEveryAllowedNameRoundTripsExactly() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("temperature", 21.5);
        metrics.put("a.b-c_D9", -0.0);
        metrics.put("tiny", Double.MIN_VALUE);
        metrics.put("huge", -Double.MAX_VALUE);
        metrics.put("tenth", 0.1);
        metrics.put("exp", 1.0E10);
        metrics.put("whole", 42.0);
        String json = MetricsJson.write(metrics);
        assertEquals(metrics, MetricsJson.parse(json));
        assertEquals("{\"temperature\":21.5,\"a.b-c_D9\":-0.0,\"tiny\":4.9E-324,\"huge\":-1.7976931348623157E308,"
                + "\"tenth\":0.1,\"exp\":1.0E10,\"whole\":42.0}", json);
    }

    @Test
    void emptyAndMissingAreNoMetrics() {
        assertEquals("{}", MetricsJson.write(Map.of()));
        assertEquals(Map.of(), MetricsJson.parse("{}"));
        assertEquals(Map.of(), MetricsJson.parse(null));
        assertEquals(Map.of(), MetricsJson.parse(" "));
    }

    @Test
    void integersWrittenByOtherToolsReadAsDoubles() {
        assertEquals(Map.of("count", 7.0, "big", 12345678901234.0),
                MetricsJson.parse("{\"count\":7,\"big\":12345678901234}"));
    }
}
