package io.vigil.web.monitor;

import io.vigil.alert.AlertChanged;
import io.vigil.command.CommandChanged;
import io.vigil.command.CommandStatus;
import io.vigil.config.Settings;
import io.vigil.device.DeviceStatusChanged;
import io.vigil.shared.CoalescedRun;
import io.vigil.shared.EventIds;
import io.vigil.telemetry.ReadingsStored;
import io.vigil.telemetry.StoredReading;
import io.vigil.web.protocol.ConnectionMetrics;
import io.vigil.web.protocol.Json;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one push path to the admin page, in eventId order. Events reach it
 * after their transaction committed ({@link io.vigil.shared.AfterCommit}),
 * numbered by the database ({@link EventIds}, the same on every node); in a
 * cluster the other nodes' events come over the event bus. The hub puts them
 * back in id order ({@link EventSequencer}), keeps what {@code resume} needs
 * ({@link ReplayLog}), and queues each event, in that order, on every
 * monitor's {@link MonitorOutbox}, which keeps the order to the socket.
 * Queuing never blocks, so a slow monitor delays neither ingest nor other
 * monitors; the monitors' senders run off the thread that delivered the
 * event. What a connection asks for (joining, resume, snapshots) is
 * {@link MonitorSessions}'.
 */
@ApplicationScoped
public class MonitorHub {

    private static final Logger LOG = Logger.getLogger(MonitorHub.class.getName());

    /** Guards the sequencer, the replay log, the gap recovery, and the order in which events reach outboxes. */
    private final Object lock = new Object();
    private EventSequencer sequencer;
    private ReplayLog log;
    private final GapRecovery gaps = new GapRecovery();
    /** Monitors found too slow while events were delivered under the lock; closed after it. */
    private final List<MonitorConnection> overflowed = new ArrayList<>();

    @Inject
    MonitorConnections connections;

    @Inject
    EventIds ids;

    @Resource
    ManagedExecutorService executor;

    @Inject
    ConnectionMetrics metrics;

    /** Wakes every monitor's sender off the commit lane, so acks never wait for sending to monitors. */
    private CoalescedRun wakeSenders;

    @PostConstruct
    void start() {
        // Events committed before this point have no monitor to go to; ids keep growing across restarts, so a
        // page that resumes with an id from before gets a fresh snapshot.
        long last = ids.last();
        log = new ReplayLog(Settings.monitorReplayEvents(), last);
        sequencer = new EventSequencer(last, Settings.eventGapMillis(), Settings.eventMaxWaiting());
        wakeSenders = new CoalescedRun(executor, () -> connections.all().forEach(c -> c.sender.wake()));
        // Event ids this node's live view stopped waiting for (in a cluster: another node's, lost on the bus).
        metrics.counter("vigil.cluster.gaps.given.up", this, MonitorHub::idsGivenUp);
    }

    private long idsGivenUp() {
        synchronized (lock) {
            return sequencer.skippedIds();
        }
    }

    /** This node's readings (after their commit) and, in a cluster, the other nodes' (from the bus). */
    public void readingsStored(@Observes ReadingsStored event) {
        if (!event.readings().isEmpty()) {
            inOrder(event.firstEventId(), event.readings().size(), () -> deliver(event), null);
        }
    }

    public void alertChanged(@Observes AlertChanged event) {
        event(event.eventId(), new MonitorMessages.Alert(event.eventId(), event.alert()));
    }

    public void deviceChanged(@Observes DeviceStatusChanged event) {
        event(event.eventId(), new MonitorMessages.Device(event.eventId(), event.deviceId(), event.online(),
                event.lastSeen()));
    }

    public void commandChanged(@Observes CommandChanged event) {
        event(event.eventId(), event.command().status() == CommandStatus.PENDING
                ? new MonitorMessages.CommandSent(event.eventId(), event.command())
                : new MonitorMessages.CommandResult(event.eventId(), event.command()));
    }

    /**
     * Runs {@code action} with the id of the last event delivered, while no
     * event is being delivered: whatever it queues on an outbox goes after
     * every event up to that id and before every later one.
     */
    void atDeliveryPoint(LongConsumer action) {
        synchronized (lock) {
            action.accept(sequencer.lastDelivered());
        }
    }

    /** The id of the last event delivered to monitors. */
    long lastDelivered() {
        synchronized (lock) {
            return sequencer.lastDelivered();
        }
    }

    /** Whether the replay log still holds every event after {@code lastEventId}. */
    boolean canReplayAfter(long lastEventId) {
        synchronized (lock) {
            return log.canReplayAfter(lastEventId);
        }
    }

    /** The events to re-send for a resume: {@code after < eventId <= upTo}, newest reading per device among them. */
    List<ReplayLog.Replayed> replay(long after, long upTo, Predicate<String> wantedDevice) {
        synchronized (lock) {
            return log.between(after, upTo, wantedDevice);
        }
    }

    /**
     * Gives up ids that never came (called every second, {@link MonitorWatchdog});
     * true when monitors are due a fresh snapshot because ids were given up
     * a while ago and have come in order since.
     */
    boolean giveUpStaleGaps(long now) {
        long skipped;
        boolean resync;
        synchronized (lock) {
            skipped = sequencer.giveUpStaleGaps(now);
            if (gaps.gaveUp(skipped, now)) {
                LOG.warning(skipped + " event id(s) never arrived (a node died before publishing them, or the"
                        + " event bus dropped them or is away; " + sequencer.skippedIds() + " so far, warned at most"
                        + " once a minute); monitors here go on without them and get a fresh snapshot once ids"
                        + " come in order again");
            }
            resync = skipped == 0 && gaps.resyncDue(now);
        }
        if (skipped > 0) {
            closeOverflowed();
            wakeSenders.request();
        }
        return resync;
    }

    private void event(long eventId, Object message) {
        String json = Json.write(message);
        inOrder(eventId, 1, () -> deliver(eventId, json), () -> log.add(eventId, json));
    }

    /**
     * Hands an event to the sequencer, which delivers it (under the lock) once
     * every id before it was. One that comes after its id was given up is not
     * sent (ids would go backwards) but kept for {@code resume} ({@code late}).
     */
    private void inOrder(long firstEventId, int count, Runnable delivery, Runnable late) {
        synchronized (lock) {
            if (!sequencer.offer(firstEventId, count, delivery, System.currentTimeMillis())) {
                LOG.fine(() -> "Event " + firstEventId + " came after its id was given up or delivered; not sent");
                if (late != null) {
                    late.run();
                }
            }
        }
        closeOverflowed();
        wakeSenders.request();
    }

    private void deliver(ReadingsStored event) {
        long eventId = event.firstEventId();
        for (StoredReading reading : event.readings()) {
            ReadingEvent readingEvent = new ReadingEvent(eventId++, reading);
            log.reading(readingEvent);
            for (MonitorConnection connection : connections.all()) {
                try {
                    connection.outbox.offerReading(readingEvent);
                } catch (MonitorOutbox.OutOfOrder e) {
                    outOfOrder(connection, e);
                }
            }
        }
    }

    private void deliver(long eventId, String json) {
        log.add(eventId, json);
        for (MonitorConnection connection : connections.all()) {
            try {
                if (!connection.outbox.offerEvent(eventId, json)) {
                    overflowed.add(connection);
                }
            } catch (MonitorOutbox.OutOfOrder e) {
                outOfOrder(connection, e);
            }
        }
    }

    /** Cannot happen while the sequencer works; if it did, the page reconnects and resumes rather than skip an id. */
    private void outOfOrder(MonitorConnection connection, MonitorOutbox.OutOfOrder e) {
        LOG.log(Level.SEVERE, "Monitor " + connection.session.getId() + " would have got events out of order", e);
        overflowed.add(connection);
    }

    private void closeOverflowed() {
        List<MonitorConnection> slow;
        synchronized (lock) {
            if (overflowed.isEmpty()) {
                return;
            }
            slow = List.copyOf(overflowed);
            overflowed.clear();
        }
        slow.forEach(c -> connections.closeTooSlow(c, "too many events waiting"));
    }
}
