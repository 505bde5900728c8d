package io.vigil.web.cluster;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.alert.AlertChanged;
import io.vigil.command.CommandChanged;
import io.vigil.config.Settings;
import io.vigil.device.DevicePresence;
import io.vigil.device.DeviceStatusChanged;
import io.vigil.device.DeviceTokenRevoked;
import io.vigil.shared.BrokerStatus;
import io.vigil.shared.CoalescedRun;
import io.vigil.telemetry.ReadingsStored;
import io.vigil.web.device.ClusterRoute;
import io.vigil.web.device.CommandDispatcher;
import io.vigil.web.protocol.Json;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Topic;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
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
 * <p>Publishing never waits for the broker: events are queued (at most
 * {@value #QUEUE} waiting) and one sender drains the queue in order on a
 * thread of its own ({@code VigilBus}), so a slow or lost broker delays neither the commit lane
 * (whose next work is device acks) nor a device's connect. Past the bound,
 * events are dropped, counted and logged: the other nodes' monitors miss
 * them, this node's and storage do not.
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
        READINGS, ALERT, DEVICE, COMMAND, TOKEN_REVOKED, CONNECTED, SEND_COMMAND, HEARTBEAT, PRESENCE
    }

    /** A device's connection opened on the sending node at {@code connectedAt}. */
    public record Connected(String deviceId, long connectedAt) {
    }

    /**
     * Every device connection the sending node holds; {@code answer} asks every
     * other node to send its own (the sender has just heard of them, or again).
     */
    public record Presence(Set<String> deviceIds, boolean answer) {
    }

    /** A command for a device whose connection the sending node does not hold. */
    public record SendCommand(String deviceId, String id, String name, jakarta.json.JsonObject args) {
    }

    static final int QUEUE = 10_000;

    /** An event waiting for the sender. */
    private record Outgoing(Kind kind, String body) {
    }

    private final boolean enabled = Settings.clusterEnabled();
    private final String node = Settings.nodeName();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    private final BlockingQueue<Outgoing> queue = new ArrayBlockingQueue<>(QUEUE);
    private CoalescedRun sender;
    private Counter published;

    /** One thread of its own (configure.cli): a publish waiting for the broker holds no thread others need. */
    @Resource(lookup = "java:jboss/ee/concurrency/executor/VigilBus")
    ManagedExecutorService executor;

    @Resource(lookup = "java:/jms/vigil/Broker")
    ConnectionFactory broker;

    @Resource(lookup = "java:/jms/vigil/events")
    Topic events;

    @Inject
    DevicePresence presence;

    @Inject
    MeterRegistry registry;

    @Inject
    BrokerStatus status;

    @PostConstruct
    void start() {
        sender = new CoalescedRun(executor, this::drain);
        published = registry.counter("vigil.cluster.bus.published");
    }

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

    /** Tells the other nodes which device connections this node holds ({@link Presence}). */
    void presence(Set<String> held, boolean answer) {
        send(Kind.PRESENCE, new Presence(held, answer));
    }

    /** This node is alive ({@link ClusterMembers}). */
    void heartbeat() {
        send(Kind.HEARTBEAT, "{}");
    }

    /** Queues one event for the sender; false (counted, logged) when the queue is full or it cannot be written. */
    private boolean send(Kind kind, Object body) {
        if (!enabled) {
            return false;
        }
        boolean queued;
        try {
            queued = queue.offer(new Outgoing(kind, body instanceof String text ? text : Json.write(body)));
        } catch (jakarta.json.bind.JsonbException e) {
            failed("an event could not be written as JSON", e);
            return false;
        }
        if (!queued) {
            long lost = dropped.incrementAndGet();
            if (lost == 1 || lost % 1_000 == 0) {
                LOG.warning(() -> "The event bus is " + QUEUE + " events behind the broker; " + lost
                        + " dropped so far (other nodes' monitors miss them)");
            }
            return false;
        }
        sender.request();
        return true;
    }

    /** The sender: publishes everything queued, in order, each once; an event the broker refuses is dropped. */
    private void drain() {
        for (Outgoing next = queue.poll(); next != null; next = queue.poll()) {
            status.publishing(System.currentTimeMillis());
            try (JMSContext context = broker.createContext()) {
                context.createProducer()
                        .setDeliveryMode(DeliveryMode.NON_PERSISTENT)
                        .setProperty(ORIGIN, node)
                        .setProperty(KIND, next.kind().name())
                        .send(events, next.body());
                status.published(System.currentTimeMillis());
                published.increment();
            } catch (JMSRuntimeException e) {
                status.failed(System.currentTimeMillis(), String.valueOf(e.getMessage()));
                failed("the broker refused an event", e);
            }
        }
    }

    private void failed(String what, RuntimeException e) {
        long failed = failures.incrementAndGet();
        if (failed == 1 || failed % 1_000 == 0) {
            LOG.warning(() -> "The event bus could not publish: " + what + " (" + failed + " so far; other nodes'"
                    + " monitors miss them): " + e);
        }
    }
}
