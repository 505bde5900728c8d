package io.vigil.client.sdk;

import jakarta.json.JsonObject;

/**
 * Carries out one named operator command (PROTOCOL.md section 4). The SDK
 * answers with {@code command_result}: status {@code ok} with the returned
 * object (null for none), or status {@code error} with
 * {@code {"error":"failed","message":...}} when the handler throws.
 * Handlers run on the SDK's command thread, one at a time per device.
 */
@FunctionalInterface
public interface CommandHandler {

    JsonObject handle(JsonObject args) throws Exception;
}
