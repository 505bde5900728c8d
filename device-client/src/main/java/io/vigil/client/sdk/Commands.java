package io.vigil.client.sdk;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The device's command handlers by name. Every {@code command} the server
 * sends is answered with exactly one {@code command_result}: the handler's
 * result, {@code error} when it throws, {@code error}/{@code unknown_command}
 * when no handler has the name.
 */
final class Commands {

    private static final Logger LOG = Logger.getLogger(Commands.class.getName());

    private final Map<String, CommandHandler> handlers;
    private final Executor lane;

    Commands(Map<String, CommandHandler> handlers, Executor lane) {
        this.handlers = Map.copyOf(handlers);
        this.lane = lane;
    }

    /** Runs the command off the caller's thread and passes the {@code command_result} text to {@code reply}. */
    void dispatch(JsonObject command, Consumer<String> reply) {
        if (!(command.get("id") instanceof JsonString idValue)) {
            LOG.warning("A command without an id cannot be answered; ignored");
            return;
        }
        String id = idValue.getString();
        String name = command.get("name") instanceof JsonString s ? s.getString() : "";
        JsonObject args = command.get("args") instanceof JsonObject a ? a : JsonValue.EMPTY_JSON_OBJECT;
        lane.execute(() -> reply.accept(run(id, name, args)));
    }

    private String run(String id, String name, JsonObject args) {
        CommandHandler handler = handlers.get(name);
        if (handler == null) {
            return WireFormat.commandResult(id, false,
                    WireFormat.error("unknown_command", "this device has no command '" + name + "'"));
        }
        try {
            return WireFormat.commandResult(id, true, handler.handle(args));
        } catch (Exception e) {
            LOG.log(Level.FINE, "Command " + name + " failed", e);
            return WireFormat.commandResult(id, false, WireFormat.error("failed", String.valueOf(e.getMessage())));
        }
    }
}
