package io.vigil.web.monitor;

import io.vigil.device.DeviceIds;
import io.vigil.web.protocol.JsonText;
import io.vigil.web.protocol.ProtocolViolation;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Turns a monitor's text frame into a {@link MonitorRequest}. Not JSON or no
 * known type: 1007. A known type with bad fields: {@link MonitorRequest.Malformed},
 * answered with an {@code error} message.
 */
public final class MonitorRequestDecoder {

    private MonitorRequestDecoder() {
    }

    public static MonitorRequest decode(String text) throws ProtocolViolation {
        JsonObject message = JsonText.parseObject(text);
        String type = message.get("type") instanceof JsonString s ? s.getString() : null;
        if (type == null) {
            throw ProtocolViolation.invalidPayload("message has no type");
        }
        return switch (type) {
            case "subscribe" -> subscribe(message);
            case "resume" -> positive(message, "lastEventId", true)
                    .<MonitorRequest>map(MonitorRequest.Resume::new)
                    .orElse(new MonitorRequest.Malformed(type, "lastEventId must be an integer >= 0"));
            case "ack_alert" -> positive(message, "alertId", false)
                    .<MonitorRequest>map(id -> new MonitorRequest.AckAlert(id, string(message, "note")))
                    .orElse(new MonitorRequest.Malformed(type, "alertId must be an integer >= 1"));
            case "command" -> command(message);
            default -> throw ProtocolViolation.invalidPayload("unknown message type '"
                    + (type.length() > 40 ? type.substring(0, 40) + "..." : type) + "'");
        };
    }

    private static MonitorRequest subscribe(JsonObject message) {
        JsonValue devices = message.get("devices");
        if (devices == null || devices.getValueType() != JsonValue.ValueType.ARRAY) {
            return new MonitorRequest.Malformed("subscribe", "devices must be an array of device ids or [\"*\"]");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (JsonValue device : devices.asJsonArray()) {
            if (!(device instanceof JsonString s) || !("*".equals(s.getString()) || DeviceIds.isValid(s.getString()))) {
                return new MonitorRequest.Malformed("subscribe", "devices must be an array of device ids or [\"*\"]");
            }
            ids.add(s.getString());
        }
        return new MonitorRequest.Subscribe(ids);
    }

    private static MonitorRequest command(JsonObject message) {
        String deviceId = string(message, "deviceId");
        String name = string(message, "name");
        JsonValue args = message.get("args");
        String requestId = string(message, "requestId");
        if (!DeviceIds.isValid(deviceId)) {
            return new MonitorRequest.Malformed("command", "deviceId must be a device id");
        }
        if (!DeviceIds.isValid(name)) {
            return new MonitorRequest.Malformed("command", "name must be 1-64 characters of [A-Za-z0-9_.-]");
        }
        if (args != null && args.getValueType() != JsonValue.ValueType.OBJECT) {
            return new MonitorRequest.Malformed("command", "args must be a JSON object");
        }
        if (requestId != null && requestId.length() > 64) {
            return new MonitorRequest.Malformed("command", "requestId must be at most 64 characters");
        }
        return new MonitorRequest.Command(deviceId, name, args == null ? JsonValue.EMPTY_JSON_OBJECT : args.asJsonObject(),
                requestId);
    }

    private static java.util.Optional<Long> positive(JsonObject message, String field, boolean zeroAllowed) {
        if (!(message.get(field) instanceof JsonNumber number)) {
            return java.util.Optional.empty();
        }
        try {
            long value = number.bigDecimalValue().longValueExact();
            return value > 0 || (zeroAllowed && value == 0) ? java.util.Optional.of(value) : java.util.Optional.empty();
        } catch (ArithmeticException e) {
            return java.util.Optional.empty();
        }
    }

    private static String string(JsonObject message, String field) {
        return message.get(field) instanceof JsonString s ? s.getString() : null;
    }
}
