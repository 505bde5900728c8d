package io.vigil.web.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vigil.alert.AlertChanged;
import io.vigil.alert.AlertView;
import io.vigil.command.CommandChanged;
import io.vigil.command.CommandStatus;
import io.vigil.command.CommandView;
import io.vigil.device.DeviceStatusChanged;
import io.vigil.shared.EventIds;
import io.vigil.telemetry.ReadingsStored;
import io.vigil.telemetry.StoredReading;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.json.JsonObject;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ordering guarantee of the live view, over random interleavings: the
 * real hub, outboxes and senders, fed readings (several per commit), alert,
 * device and command events whose ids arrive out of order (as from a cluster's
 * bus) or never (a node died), while monitors read at their own slow pace,
 * are closed for being too slow, reconnect and resume from a random id.
 * Every monitor must see strictly increasing eventIds on its live stream (a
 * snapshot may repeat the id before it; a replay sits between a resume and
 * its answer, increasing too, below the snapshot), every resume must be
 * answered, and no alert, device or command event delivered while a monitor
 * was connected may be missing from it.
 */
class LiveViewOrderPropertyTest {

    private static final long FIRST_ID = 1_800_000_000_000_000L;
    private static final List<String> DEVICES = List.of("pump-1", "pump-2", "pump-3", "pump-4", "meter-1", "meter-2");
    private static final Map<String, String> SETTINGS = Map.of(
            "vigil.monitor.windowBytes", "1500",       // a few readings unread and the rest is conflated
            "vigil.monitor.maxPendingEvents", "60",     // a monitor that falls far behind is closed
            "vigil.cluster.eventMaxWaiting", "40",      // ids that do not come are given up soon
            "vigil.monitor.replayEvents", "200");

    @BeforeAll
    static void settings() {
        SETTINGS.forEach(System::setProperty);
    }

    @AfterAll
    static void clearSettings() {
        SETTINGS.keySet().forEach(System::clearProperty);
    }

    static List<Long> seeds() {
        List<Long> seeds = new ArrayList<>();
        for (long seed = 1; seed <= 300; seed++) {
            seeds.add(seed * 7919);
        }
        return seeds;
    }

    /** One connection of a monitor as the test's client sees it. */
    private static final class Client {
        final FakeMonitorSession fake;
        final int speed;
        final long resumeFrom;
        int resumesSent;
        int checked;
        long highWater = -1;
        long snapshotAt = -1;
        boolean inReplay;
        long replayHighWater;
        int answers;

        final long joined;

        Client(FakeMonitorSession fake, int speed, long resumeFrom, long joined) {
            this.fake = fake;
            this.joined = joined;
            this.speed = speed;
            this.resumeFrom = resumeFrom;
        }

        /** The largest eventId seen on this connection (what a page would resume from). */
        long lastSeen() {
            return highWater;
        }
    }

    private MonitorHub hub;
    private MonitorSessions sessions;
    private long issued = FIRST_ID;

    @ParameterizedTest
    @MethodSource("seeds")
    void everyMonitorSeesIncreasingIdsAndNoEventIsLost(long seed) {
        Random random = new Random(seed);
        newHub();
        boolean cluster = random.nextBoolean();
        List<Client> clients = new ArrayList<>();
        Map<Long, String> nonReadingEvents = new LinkedHashMap<>();
        Set<Long> deliveredEvents = new HashSet<>();
        List<Runnable> heldBack = new ArrayList<>();
        Map<String, Long> seqs = new HashMap<>();
        long[] commandNo = {0};

        for (int i = 0; i < 3; i++) {
            clients.add(connect("m" + i, 1 + random.nextInt(8), -1));
        }
        for (int step = 0; step < 400; step++) {
            int action = random.nextInt(100);
            if (action < 45) {
                int count = 1 + random.nextInt(4);
                List<StoredReading> readings = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    String device = DEVICES.get(random.nextInt(DEVICES.size()));
                    long seq = seqs.merge(device, 1L, Long::sum);
                    Map<String, Double> metrics = new LinkedHashMap<>();
                    metrics.put("m" + random.nextInt(3), (double) seq);
                    readings.add(new StoredReading(device, seq, seq * 1000, metrics));
                }
                long first = take(count);
                publish(cluster, random, heldBack, () -> hub.readingsStored(new ReadingsStored(readings, first)));
            } else if (action < 65) {
                long id = take(1);
                Object event = switch (random.nextInt(3)) {
                    case 0 -> new AlertChanged(new AlertView(id, "pump-1", 3L, "m0", "CRITICAL", "ACTIVE", 1.0, id,
                            "m0 > 0", "threshold", false, null, null, null, null, false), id);
                    case 1 -> new DeviceStatusChanged(DEVICES.get(random.nextInt(DEVICES.size())),
                            random.nextBoolean(), id, id);
                    default -> new CommandChanged(new CommandView("c-" + commandNo[0]++, "pump-2", "reboot", null,
                            "admin", id, random.nextBoolean() ? CommandStatus.PENDING : CommandStatus.OK, null, null),
                            id);
                };
                nonReadingEvents.put(id, event.getClass().getSimpleName());
                long before = hub.lastDelivered();
                LongConsumer onTime = delivered -> {
                    if (id > delivered) {
                        deliveredEvents.add(id); // not given up before it came
                    }
                };
                publish(cluster, random, heldBack, () -> {
                    onTime.accept(hub.lastDelivered());
                    offer(event);
                });
                if (!cluster) {
                    assertTrue(id > before);
                }
            } else if (action < 85) {
                Client client = clients.get(random.nextInt(clients.size()));
                client.fake.read(random.nextInt(client.speed * 3 + 1));
            } else if (action < 90 && !heldBack.isEmpty()) {
                // The bus delivers what it held back, in some order (some of it after its ids were given up).
                Collections.shuffle(heldBack, random);
                List<Runnable> now = List.copyOf(heldBack);
                heldBack.clear();
                now.forEach(Runnable::run);
            } else if (action < 93) {
                housekeeping(System.currentTimeMillis() + 60_000); // gaps given up, owed snapshots sent
            } else if (action < 97) {
                // A client reconnects and resumes, from what it saw or from an id the server cannot serve.
                int index = random.nextInt(clients.size());
                Client old = clients.get(index);
                check(old, deliveredEvents, false);
                sessions.leave(old.fake.session);
                old.fake.dropConnection();
                long from = switch (random.nextInt(4)) {
                    case 0 -> issued + 1_000_000_000_000L;   // ahead of everything issued
                    case 1 -> FIRST_ID - 5;                   // older than anything the log holds
                    default -> old.lastSeen();
                };
                Client again = connect(old.fake.session.getId() + "'", old.speed, from);
                clients.set(index, again);
            }
            for (Client client : clients) {
                if (!client.fake.isOpen() && client.fake.closeReason() != null) {
                    // Closed for being too slow: it reads what reached it and comes back with a resume.
                    client.fake.readAll();
                    check(client, deliveredEvents, false);
                    sessions.leave(client.fake.session);
                    Client again = connect(client.fake.session.getId() + "'", client.speed, client.lastSeen());
                    clients.set(clients.indexOf(client), again);
                    break;
                }
            }
        }
        heldBack.forEach(Runnable::run);
        housekeeping(System.currentTimeMillis() + 60_000);
        housekeeping(System.currentTimeMillis() + 120_000); // the owed snapshots
        for (Client client : clients) {
            client.fake.readAll();
            check(client, deliveredEvents, true);
        }
        assertTrue(nonReadingEvents.size() > 0);
    }

    private void publish(boolean cluster, Random random, List<Runnable> heldBack, Runnable publish) {
        if (cluster && random.nextInt(4) == 0) {
            heldBack.add(publish); // still on the bus
        } else {
            publish.run();
        }
    }

    private void offer(Object event) {
        if (event instanceof AlertChanged alert) {
            hub.alertChanged(alert);
        } else if (event instanceof DeviceStatusChanged device) {
            hub.deviceChanged(device);
        } else {
            hub.commandChanged((CommandChanged) event);
        }
    }

    private long take(int count) {
        long first = issued + 1;
        issued += count;
        return first;
    }

    private Client connect(String id, int speed, long resumeFrom) {
        FakeMonitorSession fake = new FakeMonitorSession(id);
        fake.answerPingsThrough(sessions);
        sessions.join(fake.session);
        Client client = new Client(fake, speed, resumeFrom, hub.lastDelivered());
        if (resumeFrom >= 0) {
            sessions.resume(fake.session, resumeFrom);
            client.resumesSent++;
        }
        return client;
    }

    /**
     * Checks what the client received so far: the order, and at the end every
     * resume answered and every event delivered since it joined received.
     */
    private static void check(Client client, Set<Long> deliveredEvents, boolean end) {
        List<JsonObject> received = client.fake.received();
        for (; client.checked < received.size(); client.checked++) {
            JsonObject message = received.get(client.checked);
            String type = message.getString("type");
            if (type.equals("resumed")) {
                client.inReplay = false;
                client.answers++;
                continue;
            }
            if (!message.containsKey("eventId")) {
                continue;
            }
            long eventId = message.getJsonNumber("eventId").longValue();
            if (type.equals("snapshot")) {
                if (eventId < client.highWater) {
                    fail(client.fake.session.getId() + ": snapshot " + eventId + " after event " + client.highWater);
                }
                if (client.snapshotAt >= 0) {
                    client.answers++; // a fresh snapshot answers a resume
                }
                client.inReplay = false;
                client.highWater = eventId;
                client.snapshotAt = eventId;
            } else if (eventId <= client.highWater) {
                // Only a replay may go below the high-water mark: below the snapshot, and increasing itself.
                if (!client.inReplay) {
                    client.inReplay = true;
                    client.replayHighWater = client.resumeFrom;
                }
                if (eventId <= client.replayHighWater || eventId > client.snapshotAt || client.resumeFrom < 0) {
                    fail(client.fake.session.getId() + ": " + type + " " + eventId + " after " + client.highWater
                            + " (snapshot " + client.snapshotAt + ", replay after " + client.resumeFrom + ")");
                }
                client.replayHighWater = eventId;
            } else {
                if (client.inReplay) {
                    fail(client.fake.session.getId() + ": live event " + eventId + " inside a replay");
                }
                client.highWater = eventId;
            }
        }
        if (!end || !client.fake.isOpen()) {
            return; // a monitor closed at the very end gets the rest after it reconnects
        }
        assertTrue(client.answers >= client.resumesSent, client.fake.session.getId() + ": every resume answered");
        long joined = client.joined;
        Set<Long> got = new HashSet<>();
        for (JsonObject message : received) {
            String type = message.getString("type");
            if (message.containsKey("eventId") && !type.equals("reading") && !type.equals("snapshot")) {
                got.add(message.getJsonNumber("eventId").longValue());
            }
        }
        for (long id : deliveredEvents) {
            if (id > joined && !got.contains(id)) {
                fail(client.fake.session.getId() + " (joined after " + joined + ") never got event " + id);
            }
        }
    }

    /** What {@link MonitorWatchdog} does every second, at {@code now}. */
    private void housekeeping(long now) {
        if (hub.giveUpStaleGaps(now)) {
            sessions.resynchronize();
        }
        sessions.sendOwedSnapshots(now);
    }

    private void newHub() {
        MonitorConnections connections = new MonitorConnections();
        EventIds counter = new EventIds() {
            @Override
            public long last() {
                return issued;
            }
        };
        hub = new MonitorHub();
        hub.connections = connections;
        hub.ids = counter;
        hub.metrics = new io.vigil.web.protocol.ConnectionMetrics(
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        hub.executor = (ManagedExecutorService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ManagedExecutorService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("execute")) {
                        ((Runnable) args[0]).run();
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        hub.start();
        sessions = new MonitorSessions();
        sessions.hub = hub;
        sessions.connections = connections;
        sessions.ids = counter;
        sessions.snapshots = new Snapshots() {
            @Override
            String build(long eventId) {
                return "{\"type\":\"snapshot\",\"eventId\":" + eventId + ",\"devices\":[],\"alerts\":[]}";
            }
        };
    }
}
