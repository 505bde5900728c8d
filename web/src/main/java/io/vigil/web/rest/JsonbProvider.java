package io.vigil.web.rest;

import io.vigil.web.protocol.Json;
import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/** REST answers use the same JSON-B settings as WebSocket messages (nulls written, as the contract shows them). */
@Provider
public class JsonbProvider implements ContextResolver<Jsonb> {

    @Override
    public Jsonb getContext(Class<?> type) {
        return Json.jsonb();
    }
}
