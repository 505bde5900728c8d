package io.vigil.web.device;

import io.vigil.command.CommandService;
import io.vigil.command.CommandView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

/**
 * Sends an operator's command to a device (PROTOCOL.md section 4): stores it
 * as pending, then forwards it on the device's live connection with its
 * generated id, here or through the node that holds the device's connection
 * ({@link ClusterRoute}). A device with no live connection gets an immediate error
 * result ({@code device_offline}); one that does not answer in time ends as
 * TIMEOUT ({@link io.vigil.command.CommandTimeouts}). Monitors and REST both
 * send through here.
 */
@ApplicationScoped
public class CommandDispatcher {

    /** What goes to the device. */
    public record Command(String type, String id, String name, JsonObject args) {
        Command(CommandView view) {
            this("command", view.id(), view.name(), view.args());
        }
    }

    @Inject
    CommandService commands;

    @Inject
    DeviceConnections connections;

    @Inject
    ClusterRoute cluster;

    /** The command as it stands right after sending: PENDING, or ERROR when the device is not connected. */
    public CommandView send(String deviceId, String name, JsonObject args, String requestedBy) {
        CommandView command = commands.create(deviceId, name, args, requestedBy);
        Command message = new Command(command);
        if (connections.send(deviceId, message) || cluster.sendElsewhere(deviceId, message)) {
            return command;
        }
        return offline(command.id(), deviceId).orElse(command);
    }

    /** The command cannot reach the device: it ends at once with {@code device_offline}. */
    public java.util.Optional<CommandView> offline(String commandId, String deviceId) {
        return commands.failed(commandId, "device_offline", "device " + deviceId + " is not connected");
    }
}
