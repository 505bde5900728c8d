package io.vigil.command;

import jakarta.json.JsonObject;

/**
 * A command as REST lists it and monitors see it: what was asked, by whom,
 * and how it ended ({@code status} OK, ERROR, TIMEOUT, or PENDING).
 */
public record CommandView(String id, String deviceId, String name, JsonObject args, String requestedBy,
                          long requestedAt, CommandStatus status, JsonObject result, Long completedAt) {
}
