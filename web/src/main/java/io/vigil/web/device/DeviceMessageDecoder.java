package io.vigil.web.device;

import io.vigil.device.DeviceIds;
import io.vigil.telemetry.IncomingReading;
import io.vigil.web.protocol.JsonText;
import io.vigil.web.protocol.ProtocolViolation;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a device's text frame into a {@link DeviceMessage}.
 *
 * <p>Two kinds of bad input, as the contract has it: a frame that cannot be
 * understood as a message (not JSON, no known {@code type}, a reading without
 * a usable {@code seq}, a malformed batch) is a {@link ProtocolViolation}
 * and closes the connection with 1007; a reading that is understood but
 * invalid (bad timestamp, bad metric name or value, too many metrics) becomes
 * an {@link IncomingReading.Invalid} to be quarantined and answered with
 * {@code rejected}.
 */
public final class DeviceMessageDecoder {

    public static final int MAX_METRICS = 64;
    public static final int MAX_BATCH = 500;
    /**
     * The highest seq: 2^53 - 1, the largest integer a JavaScript client (the
     * admin page, Node scripts) reads exactly. A seq near 2^63 would also
     * leave the device no room to go on.
     */
    public static final long MAX_SEQ = (1L << 53) - 1;

    private DeviceMessageDecoder() {
    }

    public static DeviceMessage decode(String text) throws ProtocolViolation {
        JsonObject message = JsonText.parseObject(text);
        String type = message.get("type") instanceof JsonString s ? s.getString() : null;
        if (type == null) {
            throw ProtocolViolation.invalidPayload("message has no type");
        }
        return switch (type) {
            case "telemetry" -> new DeviceMessage.Readings(List.of(reading(message)));
            case "batch" -> new DeviceMessage.Readings(batch(message));
            case "command_result" -> commandResult(message);
            default -> throw ProtocolViolation.invalidPayload("unknown message type '" + abbreviate(type) + "'");
        };
    }

    private static List<IncomingReading> batch(JsonObject message) throws ProtocolViolation {
        JsonValue items = message.get("items");
        if (items == null || items.getValueType() != JsonValue.ValueType.ARRAY) {
            throw ProtocolViolation.invalidPayload("batch needs an items array");
        }
        int size = items.asJsonArray().size();
        if (size < 1 || size > MAX_BATCH) {
            throw ProtocolViolation.invalidPayload("batch needs 1-" + MAX_BATCH + " items, got " + size);
        }
        List<IncomingReading> readings = new ArrayList<>(size);
        long previousSeq = 0;
        for (JsonValue item : items.asJsonArray()) {
            if (item.getValueType() != JsonValue.ValueType.OBJECT) {
                throw ProtocolViolation.invalidPayload("batch items must be objects");
            }
            IncomingReading reading = reading(item.asJsonObject());
            if (reading.seq() <= previousSeq) {
                throw ProtocolViolation.invalidPayload("batch items must be in increasing seq order");
            }
            previousSeq = reading.seq();
            readings.add(reading);
        }
        return readings;
    }

    static IncomingReading reading(JsonObject item) throws ProtocolViolation {
        long seq = seq(item.get("seq"));
        String payload = item.toString().replace("\\u0000non-finite:", "");

        Long ts = integer(item.get("ts"));
        if (ts == null || ts < 0) {
            return new IncomingReading.Invalid(seq, "invalid_ts", "ts must be epoch milliseconds (an integer >= 0)",
                    payload);
        }
        JsonValue metricsValue = item.get("metrics");
        if (metricsValue == null || metricsValue.getValueType() != JsonValue.ValueType.OBJECT) {
            return new IncomingReading.Invalid(seq, "invalid_metrics", "metrics must be a JSON object", payload);
        }
        JsonObject metrics = metricsValue.asJsonObject();
        if (metrics.isEmpty()) {
            return new IncomingReading.Invalid(seq, "no_metrics", "metrics must hold at least one entry", payload);
        }
        if (metrics.size() > MAX_METRICS) {
            return new IncomingReading.Invalid(seq, "too_many_metrics",
                    "metrics may hold at most " + MAX_METRICS + " entries, got " + metrics.size(), payload);
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> metric : metrics.entrySet()) {
            String name = metric.getKey();
            if (!DeviceIds.isValid(name)) {
                return new IncomingReading.Invalid(seq, "invalid_metric",
                        "metric name '" + abbreviate(name) + "' must be 1-64 characters of [A-Za-z0-9_.-]", payload);
            }
            String problem = valueProblem(metric.getValue());
            if (problem != null) {
                return new IncomingReading.Invalid(seq, "invalid_metric", "metric '" + name + "' " + problem, payload);
            }
            values.put(name, ((JsonNumber) metric.getValue()).doubleValue());
        }
        return new IncomingReading.Valid(seq, ts, values);
    }

    private static String valueProblem(JsonValue value) {
        if (value instanceof JsonString s && s.getString().startsWith(JsonText.NON_FINITE_PREFIX)) {
            return "is " + s.getString().substring(JsonText.NON_FINITE_PREFIX.length()) + ", not a finite number";
        }
        if (!(value instanceof JsonNumber number)) {
            return "must be a number, got " + value.getValueType().name().toLowerCase(java.util.Locale.ROOT);
        }
        if (!Double.isFinite(number.doubleValue())) {
            return "is out of the range of a finite number";
        }
        return null;
    }

    private static long seq(JsonValue value) throws ProtocolViolation {
        Long seq = integer(value);
        if (seq == null || seq < 1 || seq > MAX_SEQ) {
            throw ProtocolViolation.invalidPayload("a reading needs seq, an integer from 1 to 2^53-1");
        }
        return seq;
    }

    /** The value as a long if it is an integral JSON number that fits, else null. */
    private static Long integer(JsonValue value) {
        if (!(value instanceof JsonNumber number)) {
            return null;
        }
        try {
            return number.bigDecimalValue().longValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    private static DeviceMessage commandResult(JsonObject message) throws ProtocolViolation {
        String id = message.get("id") instanceof JsonString s ? s.getString() : null;
        String status = message.get("status") instanceof JsonString s ? s.getString() : null;
        if (id == null || !("ok".equals(status) || "error".equals(status))) {
            throw ProtocolViolation.invalidPayload("command_result needs an id and status ok or error");
        }
        JsonValue result = message.get("result");
        JsonObject resultObject = result != null && result.getValueType() == JsonValue.ValueType.OBJECT
                ? result.asJsonObject() : null;
        return new DeviceMessage.CommandResult(id, status, resultObject);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
