package io.vigil.device;

import io.vigil.shared.InvalidInputException;
import io.vigil.shared.JsonObjects;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Free-form {@code key=value} labels: a device's tags ({@code site=north},
 * {@code type=pump}), and the selectors that rules, routes and silences use to
 * pick devices by them. A selector picks a device when the device carries every
 * one of its labels with the same value; the empty selector picks every device.
 * Keys follow the contract's name rule (1-64 of {@code [A-Za-z0-9_.-]}); values
 * are 1-200 characters without control characters.
 */
public record Tags(SortedMap<String, String> labels) {

    public static final int MAX_TAGS = 32;
    public static final int MAX_VALUE_LENGTH = 200;
    public static final Tags NONE = new Tags(Collections.emptySortedMap());

    public Tags {
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }

    /**
     * Checked labels from a client's map ({@code what} names them in the error, e.g. "tags" or "selector").
     *
     * @throws InvalidInputException naming the first label that breaks a rule
     */
    public static Tags of(Map<String, String> given, String what) {
        if (given == null || given.isEmpty()) {
            return NONE;
        }
        if (given.size() > MAX_TAGS) {
            throw new InvalidInputException(what + " may hold at most " + MAX_TAGS + " labels, got " + given.size());
        }
        TreeMap<String, String> checked = new TreeMap<>();
        given.forEach((key, value) -> {
            if (!DeviceIds.isValid(key)) {
                throw new InvalidInputException(what + ": key must be 1-64 characters of [A-Za-z0-9_.-]");
            }
            if (value == null || value.isEmpty() || value.length() > MAX_VALUE_LENGTH
                    || value.chars().anyMatch(Character::isISOControl)) {
                throw new InvalidInputException(what + ": the value of " + key + " must be 1-" + MAX_VALUE_LENGTH
                        + " characters without control characters");
            }
            checked.put(key, value);
        });
        return new Tags(checked);
    }

    /** Labels kept as a JSON object in a column; null or empty text is no labels. */
    public static Tags fromJson(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        JsonObject object = JsonObjects.parse(text);
        TreeMap<String, String> labels = new TreeMap<>();
        object.forEach((key, value) -> labels.put(key, value.getValueType() == JsonValue.ValueType.STRING
                ? ((JsonString) value).getString() : value.toString()));
        return new Tags(labels);
    }

    /** The JSON object of the labels; null when there are none (a column left empty). */
    public String toJson() {
        if (labels.isEmpty()) {
            return null;
        }
        JsonObjectBuilder object = Json.createObjectBuilder();
        labels.forEach(object::add);
        return object.build().toString();
    }

    public boolean isEmpty() {
        return labels.isEmpty();
    }

    /** As a selector: whether a device with {@code deviceTags} carries every label of this one. */
    public boolean selects(Tags deviceTags) {
        return labels.entrySet().stream()
                .allMatch(label -> label.getValue().equals(deviceTags.labels().get(label.getKey())));
    }

    /** {@code site=north,type=pump}; empty for none. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        labels.forEach((key, value) -> text.append(text.isEmpty() ? "" : ",").append(key).append('=').append(value));
        return text.toString();
    }
}
