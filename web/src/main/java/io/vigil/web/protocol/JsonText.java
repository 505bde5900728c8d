package io.vigil.web.protocol;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.Map;

/**
 * Reads an incoming text frame as a JSON object.
 *
 * <p>Some JSON writers (Python's {@code json}, JavaScript's number formatting
 * done by hand) put the bare tokens {@code NaN}, {@code Infinity} and
 * {@code -Infinity} where a number goes. That is not JSON, but closing the
 * device for it would make it re-send the same reading forever. So when a frame
 * is only invalid because of such tokens, each is read as a string
 * {@link #NON_FINITE_PREFIX}{@code NaN} etc., and the reading is rejected
 * and quarantined as a non-finite value like any other bad metric.
 */
public final class JsonText {

    public static final String NON_FINITE_PREFIX = "\u0000non-finite:";
    /** Deepest nesting of arrays and objects accepted; the contract's deepest message needs 4. */
    public static final int MAX_DEPTH = 64;
    /**
     * Made once: {@code Json.createReader} looks the provider up through the
     * service loader on every call, which profiling showed as a quarter of the
     * server's CPU under ingest load.
     */
    private static final JsonReaderFactory READERS = JsonProvider.provider().createReaderFactory(Map.of());

    private JsonText() {
    }

    public static JsonObject parseObject(String text) throws ProtocolViolation {
        if (nestedDeeperThan(text, MAX_DEPTH)) {
            throw ProtocolViolation.invalidPayload("JSON nested deeper than " + MAX_DEPTH + " levels");
        }
        JsonValue value;
        try {
            value = read(text);
        } catch (JsonException | ParserLimit strictFailure) {
            String repaired = quoteNonFiniteTokens(text);
            if (repaired.equals(text)) {
                throw ProtocolViolation.invalidPayload("not valid JSON");
            }
            try {
                value = read(repaired);
            } catch (JsonException | ParserLimit stillInvalid) {
                throw ProtocolViolation.invalidPayload("not valid JSON");
            }
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ProtocolViolation.invalidPayload("a message must be a JSON object");
        }
        return value.asJsonObject();
    }

    private static JsonValue read(String text) {
        try (JsonReader reader = READERS.createReader(new StringReader(text))) {
            return reader.readValue();
        } catch (JsonException e) {
            throw e;
        } catch (RuntimeException e) {
            // Parsson reports its own limits (e.g. nesting) as a bare RuntimeException: still the client's bad input.
            throw new ParserLimit(e.getMessage());
        }
    }

    /** A limit of the JSON parser itself, reached by the input. */
    private static final class ParserLimit extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ParserLimit(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Whether arrays and objects nest deeper than {@code max}, counted outside
     * strings in one pass, before any parser sees the text: no message of the
     * contract comes near it, and a deeply nested one costs the parser stack
     * and memory for nothing.
     */
    static boolean nestedDeeperThan(String text, int max) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                if (++depth > max) {
                    return true;
                }
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
        return false;
    }

    /** Replaces NaN, Infinity and -Infinity outside strings with marked strings; leaves everything else alone. */
    static String quoteNonFiniteTokens(String text) {
        StringBuilder out = new StringBuilder(text.length() + 32);
        boolean inString = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (inString) {
                out.append(c);
                if (c == '\\' && i + 1 < text.length()) {
                    out.append(text.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
                i++;
                continue;
            }
            if (c == '"') {
                inString = true;
                out.append(c);
                i++;
                continue;
            }
            String token = nonFiniteTokenAt(text, i);
            if (token != null) {
                out.append('"').append("\\u0000non-finite:").append(token).append('"');
                i += token.length();
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String nonFiniteTokenAt(String text, int i) {
        for (String token : new String[] {"-Infinity", "Infinity", "NaN"}) {
            if (text.startsWith(token, i) && !isWordChar(text, i - 1) && !isWordChar(text, i + token.length())) {
                return token;
            }
        }
        return null;
    }

    private static boolean isWordChar(String text, int index) {
        if (index < 0 || index >= text.length()) {
            return false;
        }
        char c = text.charAt(index);
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '+' || c == '.';
    }
}
