package io.vigil.web.cluster;

import io.vigil.alert.AlertChanged;
import io.vigil.command.CommandChanged;
import io.vigil.config.Settings;
import io.vigil.device.DevicePresence;
import io.vigil.device.DeviceStatusChanged;
import io.vigil.device.DeviceTokenRevoked;
import io.vigil.telemetry.ReadingsStored;
import io.vigil.web.device.CommandDispatcher;
import io.vigil.web.device.DeviceConnections;
import io.vigil.web.monitor.MonitorHub;
import io.vigil.web.monitor.MonitorSessions;
import io.vigil.web.protocol.Json;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import java.util.logging.Logger;

/**
 * Receives what the other nodes of a cluster published on the event bus
 * ({@link ClusterBus}) and hands it to this node: events to the monitor hub,
 * device connections to presence and to the one-connection-per-device rule,
 * commands to the device's connection here. One session, so events arrive
 * in the order each node published them.
 *
 * <p>Delivery is active only with {@code vigil.cluster.enabled=true}
 * ({@code WEB-INF/jboss-ejb3.xml}); on a single node it never connects to a
 * broker. The node name in the selector is resolved by WildFly (annotation
 * property replacement, configure.cli).
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/vigil/events"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
        @ActivationConfigProperty(propertyName = "messageSelector",
                propertyValue = ClusterBus.ORIGIN + " <> '${jboss.node.name}'"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1"),
        @ActivationConfigProperty(propertyName = "acknowledgeMode", propertyValue = "Auto-acknowledge")})
public class ClusterEventListener implements MessageListener {

    private static final Logger LOG = Logger.getLogger(ClusterEventListener.class.getName());

    @Inject
    MonitorHub hub;

    @Inject
    MonitorSessions sessions;

    @Inject
    DevicePresence presence;

    @Inject
    DeviceConnections connections;

    @Inject
    ClusterMembers members;

    @Inject
    ClusterBus bus;

    @Override
    public void onMessage(Message message) {
        try {
            String origin = message.getStringProperty(ClusterBus.ORIGIN);
            ClusterBus.Kind kind = ClusterBus.Kind.valueOf(message.getStringProperty(ClusterBus.KIND));
            String body = ((TextMessage) message).getText();
            deliver(origin, kind, body);
        } catch (JMSException | RuntimeException e) {
            LOG.warning(() -> "An event from the bus could not be handled and is skipped: " + e);
        }
    }

    private void deliver(String origin, ClusterBus.Kind kind, String body) {
        members.heard(origin);
        switch (kind) {
            case HEARTBEAT -> {
                // being heard is all it says
            }
            case READINGS -> hub.readingsStored(read(body, ReadingsStored.class));
            case ALERT -> hub.alertChanged(read(body, AlertChanged.class));
            case COMMAND -> hub.commandChanged(read(body, CommandChanged.class));
            case DEVICE -> {
                DeviceStatusChanged event = read(body, DeviceStatusChanged.class);
                presence.reportedBy(origin, event.deviceId(), event.online());
                hub.deviceChanged(event);
            }
            case TOKEN_REVOKED -> connections.tokenRevoked(read(body, DeviceTokenRevoked.class));
            case CONNECTED -> {
                ClusterBus.Connected connected = read(body, ClusterBus.Connected.class);
                connections.connectedElsewhere(connected.deviceId(), connected.connectedAt(),
                        origin.compareTo(Settings.nodeName()) < 0);
            }
            case PRESENCE -> {
                ClusterBus.Presence held = read(body, ClusterBus.Presence.class);
                if (presence.replaceNode(origin, held.deviceIds())) {
                    sessions.resynchronize();  // online states changed without events: pages get a fresh snapshot
                }
                if (held.answer()) {
                    bus.presence(connections.heldHere(), false);
                }
            }
            case SEND_COMMAND -> {
                ClusterBus.SendCommand command = read(body, ClusterBus.SendCommand.class);
                // Only the node holding the connection acts; every other node ignores it.
                connections.send(command.deviceId(),
                        new CommandDispatcher.Command("command", command.id(), command.name(), command.args()));
            }
        }
    }

    private static <T> T read(String body, Class<T> type) {
        return Json.jsonb().fromJson(body, type);
    }
}
