package io.vigil.client.sdk;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The device's side of the wire contract (PROTOCOL.md sections 2-4): the
 * messages it writes, the checks a reading must pass before it may enter the
 * outbox, and reading the server's messages. The same reading shape is the
 * outbox file's line format.
 */
final class WireFormat {

    static final int MAX_METRICS = 64;
    static final int MAX_BATCH = 500;
    /** JavaScript clients read {@code lastSeq} as a double: seqs stay exact up to 2^53 - 1. */
    static final long MAX_SEQ = (1L << 53) - 1;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private static final JsonProvider PROVIDER = JsonProvider.provider();
    private static final JsonBuilderFactory BUILDERS = PROVIDER.createBuilderFactory(Map.of());
    private static final JsonReaderFactory READERS = PROVIDER.createReaderFactory(Map.of());

    private WireFormat() {
    }

    /** Throws {@link IllegalArgumentException} for anything the server would quarantine or refuse. */
    static Map<String, Double> checkedMetrics(Map<String, ? extends Number> metrics) {
        if (metrics == null || metrics.isEmpty() || metrics.size() > MAX_METRICS) {
            throw new IllegalArgumentException("a reading needs 1-" + MAX_METRICS + " metrics, got "
                    + (metrics == null ? 0 : metrics.size()));
        }
        Map<String, Double> copy = new LinkedHashMap<>();
        metrics.forEach((name, value) -> {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("metric name must be 1-64 of [A-Za-z0-9_.-]: '" + name + "'");
            }
            if (value == null || !Double.isFinite(value.doubleValue())) {
                throw new IllegalArgumentException("metric " + name + " must be a finite number, got " + value);
            }
            copy.put(name, value.doubleValue());
        });
        return copy;
    }

    static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    static String telemetry(Reading reading) {
        return item(reading).add("type", "telemetry").build().toString();
    }

    static String batch(Collection<Reading> readings) {
        JsonArrayBuilder items = BUILDERS.createArrayBuilder();
        readings.forEach(r -> items.add(item(r)));
        return BUILDERS.createObjectBuilder().add("type", "batch").add("items", items).build().toString();
    }

    static String commandResult(String id, boolean ok, JsonObject result) {
        JsonObjectBuilder message = BUILDERS.createObjectBuilder()
                .add("type", "command_result").add("id", id).add("status", ok ? "ok" : "error");
        if (result != null) {
            message.add("result", result);
        }
        return message.build().toString();
    }

    static JsonObject error(String code, String message) {
        return BUILDERS.createObjectBuilder().add("error", code).add("message", message == null ? code : message).build();
    }

    /** A reading as one line of the outbox file (and one item of a batch). */
    static String line(Reading reading) {
        return item(reading).build().toString();
    }

    /** The reading on an outbox line; null when the line is not one (e.g. torn by a crash mid-write). */
    static Reading parseLine(String line) {
        try {
            JsonObject item = parse(line);
            Map<String, Double> metrics = new LinkedHashMap<>();
            item.getJsonObject("metrics").forEach((name, value) -> metrics.put(name, ((JsonNumber) value).doubleValue()));
            return new Reading(item.getJsonNumber("seq").longValueExact(), item.getJsonNumber("ts").longValueExact(), metrics);
        } catch (JsonException | ClassCastException | NullPointerException | ArithmeticException e) {
            return null;
        }
    }

    static JsonObject parse(String text) {
        try (JsonReader reader = READERS.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    static long longField(JsonObject message, String field) {
        JsonValue value = message.get(field);
        return value instanceof JsonNumber number ? number.longValue() : 0;
    }

    private static JsonObjectBuilder item(Reading reading) {
        JsonObjectBuilder values = BUILDERS.createObjectBuilder();
        reading.metrics().forEach(values::add);
        return BUILDERS.createObjectBuilder().add("seq", reading.seq()).add("ts", reading.ts()).add("metrics", values);
    }
}
