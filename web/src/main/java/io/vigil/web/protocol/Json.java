package io.vigil.web.protocol;

import io.vigil.shared.ContractJson;
import jakarta.json.bind.Jsonb;

/** Outgoing messages in JSON: the contract's one JSON-B instance ({@link ContractJson}), under the web tier's name. */
public final class Json {

    private Json() {
    }

    public static String write(Object message) {
        return ContractJson.write(message);
    }

    public static Jsonb jsonb() {
        return ContractJson.jsonb();
    }
}
