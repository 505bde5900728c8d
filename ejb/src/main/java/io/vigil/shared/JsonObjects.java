package io.vigil.shared;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.Map;

/** JSON objects kept as text in a column (command arguments and results), read back with a factory made once. */
public final class JsonObjects {

    private static final JsonReaderFactory READERS = JsonProvider.provider().createReaderFactory(Map.of());

    private JsonObjects() {
    }

    /** The object in {@code text}; null for null text. */
    public static JsonObject parse(String text) {
        if (text == null) {
            return null;
        }
        try (JsonReader reader = READERS.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (JsonException e) {
            throw new IllegalStateException("stored JSON is not an object: " + e.getMessage(), e);
        }
    }
}
