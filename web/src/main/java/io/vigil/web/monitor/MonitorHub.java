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
import io.vigil.web.protocol.Closing;
import io.vigil.web.protocol.Json;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Session;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one push path to the admin page. Events reach it after their
 * transaction committed ({@link io.vigil.shared.AfterCommit}), with
 * {@code eventId}s from the database ({@link EventIds}, the same on every
 * node); in a cluster the other nodes' events come over the event bus. The
 * hub puts them back in id order ({@link EventSequencer}), keeps what
 * {@code resume} needs ({@link ReplayLog}), and queues each event, in that
 * order, on every monitor's {@link MonitorOutbox}, which keeps the order to
 * the socket. Queuing never blocks, so a slow monitor delays neither ingest
 * nor other monitors; the monitors' senders run off the thread that
 * delivered the event.
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
    private final int maxPendingEvents = Settings.monitorMaxPendingEvents();
    private final long windowBytes = Settings.monitorWindowBytes();

    @Inject
    MonitorConnections connections;

    @Inject
    Snapshots snapshots;

    @Inject
    EventIds ids;

    @Resource
    ManagedExecutorService executor;

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
    }

    @PreDestroy
    void shutDown() {
        connections.all().forEach(c -> Closing.close(c.session, CloseCodes.GOING_AWAY, "server shutting down"));
    }

    /** A monitor connected: it gets a snapshot, then every event after it. */
    public void join(Session session) {
        MonitorConnection connection;
        synchronized (lock) {
            connection = new MonitorConnection(session, maxPendingEvents, windowBytes, sequencer.lastDelivered());
            connections.add(connection);
        }
        connection.outbox.start(snapshots.build(connection.snapshotAt()));
        connection.sender.wake();
    }

    public void leave(Session session) {
        connections.remove(session);
    }

    public void subscribe(Session session, Set<String> devices) {
        MonitorConnection connection = connections.get(session);
        if (connection != null) {
            connection.outbox.subscribe(devices);
        }
    }

    /**
     * Answers a {@code resume} ({@link ResumePlan}): nothing missed, a replay
     * of the missed alert, device and command events up to the connection's
     * snapshot and the newest reading per device, or a fresh snapshot when
     * the id cannot be served. Replays and "nothing missed" end with a
     * {@code resumed} message; a snapshot that the per-connection bound
     * delays is sent as soon as the bound allows.
     */
    public void resume(Session session, long lastEventId) {
        MonitorConnection connection = connections.get(session);
        if (connection == null) {
            return;
        }
        long lastIssued = lastIssuedFrom(lastEventId);
        ResumePlan plan;
        int replayed = 0;
        synchronized (lock) {
            plan = ResumePlan.of(lastEventId, connection.snapshotAt(), lastIssued, log.canReplayAfter(lastEventId));
            if (plan == ResumePlan.REPLAY) {
                for (ReplayLog.Replayed event : log.between(lastEventId, connection.snapshotAt(),
                        connection.outbox::subscribed)) {
                    if (!connection.outbox.offerReplayed(event.json())) {
                        overflowed.add(connection);
                    }
                    replayed++;
                }
            }
        }
        if (plan == ResumePlan.SNAPSHOT) {
            if (connection.takeSnapshotTurn(System.currentTimeMillis())) {
                freshSnapshot(List.of(connection));
            }
        } else {
            reply(session, new MonitorMessages.Resumed(lastEventId, replayed));
        }
        closeOverflowed();
        connection.sender.wake();
    }

    /** The last id the cluster has handed out, read from the database only when the monitor claims one this node has not delivered. */
    private long lastIssuedFrom(long lastEventId) {
        long delivered = lastDelivered();
        if (lastEventId <= delivered) {
            return delivered;
        }
        try {
            return Math.max(delivered, ids.last());
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "The event counter could not be read; the resume is answered with a snapshot", e);
            return delivered;
        }
    }

    /**
     * Sends the monitors a fresh snapshot, built once for all of them (those
     * already getting one are left out). Closes them with 1013 if it cannot
     * be built (the database is away), so that their pages reconnect.
     */
    private void freshSnapshot(Collection<MonitorConnection> monitors) {
        List<MonitorConnection> held = new ArrayList<>();
        long snapshotEventId;
        synchronized (lock) {
            // Under the lock no event is being delivered: everything queued so far is as old as the snapshot or
            // older, everything queued from here on goes behind it.
            snapshotEventId = sequencer.lastDelivered();
            for (MonitorConnection connection : monitors) {
                if (connection.outbox.holdForSnapshot(snapshotEventId)) {
                    connection.snapshotQueued(snapshotEventId);
                    held.add(connection);
                }
            }
        }
        if (held.isEmpty()) {
            return;
        }
        String snapshot;
        try {
            snapshot = snapshots.build(snapshotEventId);
        } catch (RuntimeException e) {
            LOG.warning(() -> "No fresh snapshot could be built for " + held.size() + " monitor(s); closing them: " + e);
            held.forEach(c -> {
                c.outbox.dropSnapshot();
                c.tooSlow("no snapshot could be built");
            });
            return;
        }
        for (MonitorConnection connection : held) {
            connection.outbox.releaseWithSnapshot(snapshot);
            connection.sender.wake();
        }
    }

    /**
     * Every monitor gets a fresh snapshot: what it shows changed in a way no
     * event told (another node's device connections, learnt all at once).
     */
    public void resynchronize() {
        freshSnapshot(connections.all());
    }

    /** Sends one message without an eventId to one monitor, in order with its events. */
    public void reply(Session session, Object message) {
        MonitorConnection connection = connections.get(session);
        if (connection != null) {
            if (!connection.outbox.offerReply(Json.write(message))) {
                connection.tooSlow("more than " + maxPendingEvents + " events waiting");
            }
            connection.sender.wake();
        }
    }

    /** A monitor answered a ping: it has read everything sent before it. */
    public void pong(Session session, long pingId) {
        MonitorConnection connection = connections.get(session);
        if (connection != null) {
            connection.sender.pong(pingId);
        }
    }

    /** The id of the last event delivered to monitors. */
    long lastDelivered() {
        synchronized (lock) {
            return sequencer.lastDelivered();
        }
    }

    public int monitorCount() {
        return connections.count();
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
        slow.forEach(c -> {
            connections.remove(c.session);
            c.tooSlow("more than " + maxPendingEvents + " events waiting");
        });
    }

    /**
     * Called every second ({@link MonitorWatchdog}): gives up ids that never
     * came, sends every monitor a fresh snapshot once ids flow in order again
     * after that, and sends the snapshots that resumes were owed.
     */
    void housekeeping(long now) {
        boolean resync;
        long skipped;
        synchronized (lock) {
            skipped = sequencer.giveUpStaleGaps(now);
            boolean warn = gaps.gaveUp(skipped, now);
            resync = skipped == 0 && gaps.resyncDue(now);
            if (warn) {
                LOG.warning(skipped + " event id(s) never arrived (a node died before publishing them, or the"
                        + " event bus dropped them or is away; " + sequencer.skippedIds() + " so far, warned at most"
                        + " once a minute); monitors here go on without them and get a fresh snapshot once ids"
                        + " come in order again");
            }
        }
        if (skipped > 0) {
            closeOverflowed();
            wakeSenders.request();
        }
        if (resync) {
            resynchronize();
        }
        List<MonitorConnection> owed = connections.all().stream().filter(c -> c.owedSnapshotDue(now)).toList();
        if (!owed.isEmpty()) {
            freshSnapshot(owed);
        }
    }
}
