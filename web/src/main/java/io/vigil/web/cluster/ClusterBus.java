package io.vigil.web.cluster;

import io.vigil.alert.AlertChanged;
import io.vigil.command.CommandChanged;
import io.vigil.config.Settings;
import io.vigil.device.DevicePresence;
import io.vigil.device.DeviceStatusChanged;
import io.vigil.device.DeviceTokenRevoked;
import io.vigil.telemetry.ReadingsStored;
import io.vigil.web.device.ClusterRoute;
import io.vigil.web.device.CommandDispatcher;
import io.vigil.web.protocol.Json;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Topic;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * The cluster's event bus, on the ActiveMQ Artemis broker every node reaches
 * through the {@code VigilBroker} pooled connection factory (configure.cli).
 * What this node committed (readings, alerts, device and command events,
 * revoked tokens) is published once to the topic {@code VigilEvents} after
 * the commit, on the same commit lane that feeds this node's monitor hub;
 * every other node's {@link ClusterEventListener} hands it to its own hub, so
 * a monitor on any node sees every node's devices. Device connections and
 * commands are routed over the same topic ({@link ClusterRoute}).
 *
 * <p>With {@code vigil.cluster.enabled} false (a single node, the default)
 * nothing is sent and no broker is needed.
 */
@ApplicationScoped
public class ClusterBus implements ClusterRoute {

    private static final Logger LOG = Logger.getLogger(ClusterBus.class.getName());

    /** The message property naming the node that sent it; a node's listener skips its own. */
    static final String ORIGIN = "origin";
    /** The message property saying what the body is ({@link Kind}). */
    static final String KIND = "kind";

    /** What a bus message carries; its body is the JSON of the matching record. */
    enum Kind {
        READINGS, ALERT, DEVICE, COMMAND, TOKEN_REVOKED, CONNECTED, SEND_COMMAND, HEARTBEAT
    }

    /** A device's connection opened on the sending node at {@code connectedAt}. */
    public record Connected(String deviceId, long connectedAt) {
    }

    /** A command for a device whose connection the sending node does not hold. */
    public record SendCommand(String deviceId, String id, String name, jakarta.json.JsonObject args) {
    }

    private final boolean enabled = Settings.clusterEnabled();
    private final String node = Settings.nodeName();
    private final AtomicLong failures = new AtomicLong();

    @Resource(lookup = "java:/jms/vigil/Broker")
    ConnectionFactory broker;

    @Resource(lookup = "java:/jms/vigil/events")
    Topic events;

    @Inject
    DevicePresence presence;

    public boolean enabled() {
        return enabled;
    }

    void readingsStored(@Observes ReadingsStored event) {
        if (!event.readings().isEmpty()) {
            send(Kind.READINGS, event);
        }
    }

    void alertChanged(@Observes AlertChanged event) {
        send(Kind.ALERT, event);
    }

    void deviceChanged(@Observes DeviceStatusChanged event) {
        send(Kind.DEVICE, event);
    }

    void commandChanged(@Observes CommandChanged event) {
        send(Kind.COMMAND, event);
    }

    void tokenRevoked(@Observes DeviceTokenRevoked event) {
        send(Kind.TOKEN_REVOKED, event);
    }

    @Override
    public void connectedHere(String deviceId, long connectedAt) {
        send(Kind.CONNECTED, new Connected(deviceId, connectedAt));
    }

    @Override
    public boolean sendElsewhere(String deviceId, CommandDispatcher.Command command) {
        if (!enabled || !presence.isOnline(deviceId)) {
            return false;  // no other node has reported a connection for it
        }
        return send(Kind.SEND_COMMAND, new SendCommand(deviceId, command.id(), command.name(), command.args()));
    }

    /** This node is alive ({@link ClusterMembers}). */
    void heartbeat() {
        send(Kind.HEARTBEAT, "{}");
    }

    /** Publishes one event; false (and logged, never thrown) when the broker cannot take it. */
    private boolean send(Kind kind, Object body) {
        if (!enabled) {
            return false;
        }
        try (JMSContext context = broker.createContext()) {
            context.createProducer()
                    .setDeliveryMode(DeliveryMode.NON_PERSISTENT)
                    .setProperty(ORIGIN, node)
                    .setProperty(KIND, kind.name())
                    .send(events, body instanceof String text ? text : Json.write(body));
            return true;
        } catch (JMSRuntimeException | jakarta.json.bind.JsonbException e) {
            long failed = failures.incrementAndGet();
            if (failed == 1 || failed % 1_000 == 0) {
                LOG.warning(() -> "The event bus could not publish (" + failed + " events so far); other nodes'"
                        + " monitors miss them: " + e);
            }
            return false;
        }
    }
}
