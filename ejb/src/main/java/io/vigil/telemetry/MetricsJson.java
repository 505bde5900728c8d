package io.vigil.telemetry;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;

/** A device's latest metrics are kept as one JSON object column; this reads and writes it. */
public final class MetricsJson {

    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final Type MAP_TYPE = new LinkedHashMap<String, Double>() { }.getClass().getGenericSuperclass();

    private MetricsJson() {
    }

    public static Map<String, Double> parse(String json) {
        if (json == null || json.isBlank()) {
            return new LinkedHashMap<>();
        }
        return JSONB.fromJson(json, MAP_TYPE);
    }

    public static String write(Map<String, Double> metrics) {
        return JSONB.toJson(metrics);
    }
}
