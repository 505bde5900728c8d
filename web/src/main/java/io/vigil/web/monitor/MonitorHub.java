package io.vigil.web.monitor;

import io.vigil.alert.AlertChanged;
import io.vigil.alert.AlertService;
import io.vigil.command.CommandChanged;
import io.vigil.command.CommandStatus;
import io.vigil.config.Settings;
import io.vigil.device.DeviceService;
import io.vigil.device.DeviceStatusChanged;
import io.vigil.shared.EventIds;
import io.vigil.telemetry.ReadingsStored;
import io.vigil.shared.CoalescedRun;
import io.vigil.telemetry.StoredReading;
import io.vigil.web.protocol.Closing;
import io.vigil.web.protocol.Json;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Session;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The one push path to the admin page. Services publish events that are
 * delivered after their transaction commits ({@link io.vigil.shared.AfterCommit})
 * with their {@code eventId}s ({@link EventIds}, the same on every node); in a
 * cluster the other nodes' events come in over the event bus. This hub puts
 * them in id order ({@link EventSequencer}),
 * remembers alert, device and command events for {@code resume}, and queues them on
 * every monitor's {@link MonitorOutbox}. Queuing never blocks, so a slow
 * monitor delays neither ingestion nor other monitors. Each monitor may have
 * at most a window of unread data (see {@link io.vigil.web.protocol.FlowWindow});
 * beyond it its readings are conflated, and one that leaves a ping unanswered
 * for {@code vigil.monitor.sendTimeoutSeconds}, or lets too many events pile
 * up, is closed with 1013.
 */
@ApplicationScoped
public class MonitorHub {

    private static final Logger LOG = Logger.getLogger(MonitorHub.class.getName());

    private final Object lock = new Object();
    private final Map<Session, MonitorConnection> connections = new ConcurrentHashMap<>();
    private EventLog log;
    /** Orders the events and knows the id of the last one delivered to monitors. */
    private EventSequencer sequencer;
    /** How long after the last ids were given up monitors get a fresh snapshot (the bus flows again by then). */
    static final long RESYNC_AFTER_MILLIS = 5_000;
    /** When event ids were last given up, -1 if not since the last fresh snapshot. Guarded by the lock. */
    private long gaveUpAt = -1;
    private long gapWarnedAt = -60_000;
    /** Monitors found too slow while events were delivered under the lock; closed after it. */
    private final List<MonitorConnection> overflowed = new ArrayList<>();
    private final Map<String, ReadingEvent> latestReadings = new HashMap<>();
    private final int maxPendingEvents = Settings.monitorMaxPendingEvents();
    private final long sendTimeoutMillis = Settings.monitorSendTimeoutSeconds() * 1000L;
    private final long windowBytes = Settings.monitorWindowBytes();

    @Inject
    DeviceService devices;

    @Inject
    AlertService alerts;

    @Inject
    EventIds ids;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ManagedExecutorService executor;

    private ScheduledFuture<?> watchdog;
    /** Wakes every monitor's sender off the commit lane, so acks never wait for sending to monitors. */
    private CoalescedRun wakeSenders;

    @PostConstruct
    void start() {
        // Events committed before this point have no monitor to go to; ids keep growing across restarts, so a
        // page that resumes with an id from before gets a fresh snapshot.
        long last = ids.last();
        log = new EventLog(Settings.monitorReplayEvents(), last);
        sequencer = new EventSequencer(last, Settings.eventGapMillis(), Settings.eventMaxWaiting());
        wakeSenders = new CoalescedRun(executor, () -> connections.values().forEach(c -> c.sender.wake()));
        watchdog = scheduler.scheduleWithFixedDelay(this::closeStalled, 1, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void shutDown() {
        watchdog.cancel(false);
        connections.keySet().forEach(s -> Closing.close(s, CloseCodes.GOING_AWAY, "server shutting down"));
    }

    /** A monitor connected: it gets a snapshot, then every event after it. */
    public void join(Session session) {
        MonitorConnection connection;
        synchronized (lock) {
            connection = new MonitorConnection(session, maxPendingEvents, windowBytes, sequencer.lastDelivered());
            connections.put(session, connection);
        }
        connection.outbox.start(Json.write(snapshot(connection.joinedAt)));
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
     * Re-sends the alert and device events after {@code lastEventId} that the
     * monitor missed, and the newest reading per device; a fresh snapshot when
     * those events are no longer known.
     */
    public void resume(Session session, long lastEventId) {
        MonitorConnection connection = connections.get(session);
        if (connection == null) {
            return;
        }
        boolean replayed = false;
        synchronized (lock) {
            if (lastEventId >= connection.joinedAt) {
                // Nothing it missed came before the snapshot it got on joining (in a cluster it may have seen
                // events on another node that this one delivers just after); everything later comes live.
                replayed = true;
            } else if (log.canReplayAfter(lastEventId)) {
                for (String event : log.between(lastEventId, connection.joinedAt)) {
                    offerOrClose(connection, event);
                }
                latestReadings.values().stream()
                        .filter(r -> r.eventId() > lastEventId && r.eventId() <= connection.joinedAt)
                        .filter(r -> connection.outbox.subscribed(r.reading().deviceId()))
                        .sorted((a, b) -> Long.compare(a.eventId(), b.eventId()))
                        .forEach(r -> offerOrClose(connection, r.json()));
                replayed = true;
            }
        }
        if (!replayed) {
            if (!connection.mayHaveSnapshot(System.currentTimeMillis())) {
                offerOrClose(connection, Json.write(new MonitorMessages.Error("rate_limited",
                        "a fresh snapshot at most every " + MonitorConnection.SNAPSHOT_INTERVAL_MILLIS / 1000
                                + " s per connection; resume again later")));
            } else {
                freshSnapshot(List.of(connection));
            }
        }
        connection.sender.wake();
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
            // Under the lock no event is being delivered: everything queued so far is older than the
            // snapshot, everything queued from here on goes behind it.
            for (MonitorConnection connection : monitors) {
                if (connection.outbox.holdForSnapshot()) {
                    held.add(connection);
                }
            }
            snapshotEventId = sequencer.lastDelivered();
        }
        if (held.isEmpty()) {
            return;
        }
        String snapshot;
        try {
            snapshot = Json.write(snapshot(snapshotEventId));
        } catch (RuntimeException e) {
            LOG.warning(() -> "No fresh snapshot could be built for " + held.size() + " monitor(s); closing them: " + e);
            held.forEach(c -> c.tooSlow("no snapshot could be built"));
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
        freshSnapshot(connections.values());
    }

    /** Sends one message to one monitor, in order with its events. */
    public void reply(Session session, Object message) {
        MonitorConnection connection = connections.get(session);
        if (connection != null) {
            offerOrClose(connection, Json.write(message));
            connection.sender.wake();
        }
    }

    public int monitorCount() {
        return connections.size();
    }

    /** This node's readings (after their commit) and, in a cluster, the other nodes' (from the bus). */
    public void readingsStored(@Observes ReadingsStored event) {
        if (!event.readings().isEmpty()) {
            inOrder(event.firstEventId(), event.readings().size(), () -> deliver(event));
        }
    }

    public void alertChanged(@Observes AlertChanged event) {
        inOrder(event.eventId(), 1, () -> deliver(event.eventId(), new MonitorMessages.Alert(event.eventId(),
                event.alert())));
    }

    public void deviceChanged(@Observes DeviceStatusChanged event) {
        inOrder(event.eventId(), 1, () -> deliver(event.eventId(), new MonitorMessages.Device(event.eventId(),
                event.deviceId(), event.online(), event.lastSeen())));
    }

    public void commandChanged(@Observes CommandChanged event) {
        inOrder(event.eventId(), 1, () -> deliver(event.eventId(), event.command().status() == CommandStatus.PENDING
                ? new MonitorMessages.CommandSent(event.eventId(), event.command())
                : new MonitorMessages.CommandResult(event.eventId(), event.command())));
    }

    /** Hands an event to the sequencer, which delivers it (under the lock) once every id before it was. */
    private void inOrder(long firstEventId, int count, Runnable delivery) {
        synchronized (lock) {
            if (!sequencer.offer(firstEventId, count, delivery, System.currentTimeMillis())) {
                LOG.fine(() -> "Event " + firstEventId + " came after its id was given up or delivered; not sent");
            }
        }
        closeOverflowed();
        wakeAll();
    }

    private void deliver(ReadingsStored event) {
        long eventId = event.firstEventId();
        for (StoredReading reading : event.readings()) {
            ReadingEvent readingEvent = new ReadingEvent(eventId++, reading);
            latestReadings.put(reading.deviceId(), readingEvent);
            for (MonitorConnection connection : connections.values()) {
                connection.outbox.offerReading(readingEvent);
            }
        }
    }

    private void deliver(long eventId, Object message) {
        String json = Json.write(message);
        log.add(eventId, json);
        for (MonitorConnection connection : connections.values()) {
            if (!connection.outbox.offerEvent(json)) {
                overflowed.add(connection);
            }
        }
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
        slow.forEach(c -> c.tooSlow("more than " + maxPendingEvents + " events waiting"));
    }

    private void offerOrClose(MonitorConnection connection, String json) {
        if (!connection.outbox.offerEvent(json)) {
            connection.tooSlow("more than " + maxPendingEvents + " events waiting");
        }
    }

    private void wakeAll() {
        wakeSenders.request();
    }

    /** Every second: ask each monitor how far it has read (ping), and close those that stopped answering. */
    private void closeStalled() {
        long now = System.currentTimeMillis();
        long skipped;
        boolean resync = false;
        synchronized (lock) {
            skipped = sequencer.giveUpStaleGaps(now);
            if (skipped > 0) {
                gaveUpAt = now;
            } else if (gaveUpAt >= 0 && now - gaveUpAt >= RESYNC_AFTER_MILLIS) {
                gaveUpAt = -1;
                resync = true;
            }
        }
        if (skipped > 0) {
            if (now - gapWarnedAt >= 60_000) {
                gapWarnedAt = now;
                LOG.warning(() -> skipped + " event id(s) never arrived (a node died before publishing them, or the"
                        + " event bus dropped them or is away; " + sequencer.skippedIds() + " so far, warned at most"
                        + " once a minute); monitors here go on without them and get a fresh snapshot once ids"
                        + " come in order again");
            }
            closeOverflowed();
            wakeAll();
        }
        if (resync) {
            resynchronize();
        }
        for (MonitorConnection connection : connections.values()) {
            long waited = Math.max(connection.sender.pingWaitMillis(now), connection.sender.inFlightMillis(now));
            if (waited > sendTimeoutMillis) {
                connections.remove(connection.session);
                connection.tooSlow("it has not read what it was sent for " + waited + " ms");
            } else {
                connection.sender.pingIfDue();
            }
        }
    }

    /** A monitor answered a ping: it has read everything sent before it. */
    public void pong(Session session, long pingId) {
        MonitorConnection connection = connections.get(session);
        if (connection != null) {
            connection.sender.pong(pingId);
        }
    }

    private MonitorMessages.Snapshot snapshot(long eventId) {
        int maxDevices = Settings.monitorSnapshotMaxDevices();
        int maxAlerts = Settings.monitorSnapshotMaxAlerts();
        List<MonitorMessages.SnapshotDevice> deviceList = devices.list(maxDevices).stream()
                .map(d -> new MonitorMessages.SnapshotDevice(d.id(), d.name(), d.online(), d.lastSeen(), d.metrics()))
                .toList();
        List<io.vigil.alert.AlertView> open = alerts.open(maxAlerts);
        long devicesTotal = deviceList.size() < maxDevices ? deviceList.size() : devices.count();
        long alertsTotal = open.size() < maxAlerts ? open.size() : alerts.countOpen();
        return new MonitorMessages.Snapshot(eventId, deviceList, open, devicesTotal, alertsTotal);
    }
}
