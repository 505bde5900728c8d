package io.vigil.shared;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;

/**
 * The one JSON-B instance for what Vigil sends out (WebSocket messages, REST
 * answers, notification bodies): thread-safe, and it writes nulls, as the
 * contract shows them. An alert in a webhook is therefore the very object a
 * monitor's {@code alert} event carries.
 */
public final class ContractJson {

    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withNullValues(true));

    private ContractJson() {
    }

    public static String write(Object value) {
        return JSONB.toJson(value);
    }

    public static Jsonb jsonb() {
        return JSONB;
    }
}
