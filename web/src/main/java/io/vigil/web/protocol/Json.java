package io.vigil.web.protocol;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;

/** The one JSON-B instance for outgoing messages: thread-safe, writes nulls as the contract shows them. */
public final class Json {

    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withNullValues(true));

    private Json() {
    }

    public static String write(Object message) {
        return JSONB.toJson(message);
    }

    public static Jsonb jsonb() {
        return JSONB;
    }
}
