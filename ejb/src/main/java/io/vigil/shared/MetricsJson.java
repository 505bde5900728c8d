package io.vigil.shared;

import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Metrics as they are stored: one flat JSON object of name → number, in a
 * reading's {@code metrics} column and in a device's {@code latest_metrics}.
 * Written by hand because it is on the ingest path for every reading: names
 * are restricted to {@code [A-Za-z0-9_.-]} (nothing to escape) and values are
 * finite doubles, whose {@code Double.toString} form is valid JSON.
 */
public final class MetricsJson {

    /** Made once: {@code Json.createParser} does a service-loader look-up on every call. */
    private static final JsonParserFactory PARSERS = JsonProvider.provider().createParserFactory(Map.of());

    private MetricsJson() {
    }

    public static Map<String, Double> parse(String json) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (json == null || json.isBlank()) {
            return metrics;
        }
        try (JsonParser parser = PARSERS.createParser(new StringReader(json))) {
            String name = null;
            while (parser.hasNext()) {
                switch (parser.next()) {
                    case KEY_NAME -> name = parser.getString();
                    case VALUE_NUMBER -> metrics.put(name, Double.parseDouble(parser.getString()));
                    default -> { }
                }
            }
        }
        return metrics;
    }

    public static String write(Map<String, Double> metrics) {
        StringBuilder json = new StringBuilder(16 + metrics.size() * 24).append('{');
        for (Map.Entry<String, Double> metric : metrics.entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(metric.getKey()).append("\":").append(metric.getValue().doubleValue());
        }
        return json.append('}').toString();
    }
}
