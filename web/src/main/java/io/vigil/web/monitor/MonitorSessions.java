package io.vigil.web.monitor;

import io.vigil.config.Settings;
import io.vigil.shared.EventIds;
import io.vigil.web.protocol.Closing;
import io.vigil.web.protocol.Json;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
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
 * What a monitor connection asks of the live view: joining (with its
 * snapshot), its subscription, {@code resume} ({@link ResumePlan}), answers
 * to its requests, pongs; and the fresh snapshots it is sent, built once for
 * every monitor that needs one and put in each outbox at the point of the
 * last delivered event ({@link MonitorHub#atDeliveryPoint}).
 */
@ApplicationScoped
public class MonitorSessions {

    private static final Logger LOG = Logger.getLogger(MonitorSessions.class.getName());

    private final int maxPendingEvents = Settings.monitorMaxPendingEvents();
    private final long windowBytes = Settings.monitorWindowBytes();
    private final int sendsInFlight = Settings.monitorSendsInFlight();

    @Inject
    MonitorHub hub;

    @Inject
    MonitorConnections connections;

    @Inject
    Snapshots snapshots;

    @Inject
    EventIds ids;

    @PreDestroy
    void shutDown() {
        connections.all().forEach(c -> Closing.close(c.session, CloseCodes.GOING_AWAY, "server shutting down"));
    }

    /** A monitor connected: it gets a snapshot, then every event after it. */
    public void join(Session session) {
        MonitorConnection[] joined = new MonitorConnection[1];
        hub.atDeliveryPoint(lastDelivered -> {
            joined[0] = new MonitorConnection(session, maxPendingEvents, windowBytes, sendsInFlight,
                    lastDelivered);
            connections.add(joined[0]);
        });
        MonitorConnection connection = joined[0];
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
     * delays is sent as soon as the bound allows ({@link #sendOwedSnapshots}).
     */
    public void resume(Session session, long lastEventId) {
        MonitorConnection connection = connections.get(session);
        if (connection == null) {
            return;
        }
        long snapshotAt = connection.snapshotAt();
        ResumePlan plan = ResumePlan.of(lastEventId, snapshotAt, lastIssuedFrom(lastEventId),
                hub.canReplayAfter(lastEventId));
        switch (plan) {
            case SNAPSHOT -> {
                if (connection.takeSnapshotTurn(System.currentTimeMillis())) {
                    freshSnapshot(List.of(connection));
                }
            }
            case REPLAY -> {
                List<ReplayLog.Replayed> replay = hub.replay(lastEventId, snapshotAt, connection.outbox::subscribed);
                for (ReplayLog.Replayed event : replay) {
                    if (!connection.outbox.offerReplayed(event.json())) {
                        connections.closeTooSlow(connection, "more than " + maxPendingEvents + " events waiting");
                        return;
                    }
                }
                reply(session, new MonitorMessages.Resumed(lastEventId, replay.size()));
            }
            case UP_TO_DATE -> reply(session, new MonitorMessages.Resumed(lastEventId, 0));
        }
        connection.sender.wake();
    }

    /** The last id the cluster has handed out, read from the database only when the monitor claims one this node has not delivered. */
    private long lastIssuedFrom(long lastEventId) {
        long delivered = hub.lastDelivered();
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
     * Every monitor gets a fresh snapshot: what it shows changed in a way no
     * event told (another node's device connections learnt all at once, or
     * event ids given up).
     */
    public void resynchronize() {
        freshSnapshot(connections.all());
    }

    /** Sends the fresh snapshots that resumes asked for within 5 s of another, now that the 5 s are over. */
    void sendOwedSnapshots(long now) {
        List<MonitorConnection> owed = connections.all().stream().filter(c -> c.owedSnapshotDue(now)).toList();
        if (!owed.isEmpty()) {
            freshSnapshot(owed);
        }
    }

    /**
     * Sends the monitors a fresh snapshot, built once for all of them (those
     * already getting one are left out). Closes them with 1013 if it cannot
     * be built (the database is away), so that their pages reconnect.
     */
    private void freshSnapshot(Collection<MonitorConnection> monitors) {
        List<MonitorConnection> held = new ArrayList<>();
        long[] snapshotEventId = new long[1];
        hub.atDeliveryPoint(lastDelivered -> {
            // Everything queued so far is as old as the snapshot or older, everything queued later goes behind it.
            snapshotEventId[0] = lastDelivered;
            for (MonitorConnection connection : monitors) {
                if (connection.outbox.holdForSnapshot(lastDelivered)) {
                    connection.snapshotQueued(lastDelivered);
                    held.add(connection);
                }
            }
        });
        if (held.isEmpty()) {
            return;
        }
        String snapshot;
        try {
            snapshot = snapshots.build(snapshotEventId[0]);
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

    /** Sends one message without an eventId to one monitor, in order with its events. */
    public void reply(Session session, Object message) {
        MonitorConnection connection = connections.get(session);
        if (connection != null) {
            if (!connection.outbox.offerReply(Json.write(message))) {
                connections.closeTooSlow(connection, "more than " + maxPendingEvents + " events waiting");
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
}
