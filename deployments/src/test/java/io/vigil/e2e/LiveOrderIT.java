package io.vigil.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What the live view shows is true (PROTOCOL.md section 6): a monitor that falls behind while several
 * devices burst still gets strictly increasing eventIds and every alert event, and every resume gets an
 * answer. Runs on H2 and on PostgreSQL.
 */
class LiveOrderIT extends E2E {

    private static final int DEVICES = 5;
    private static final int READINGS = 900;   // each, sent at once: under the default burst of 1,000 frames
    private static final int TOGGLE_EVERY = 100; // readings between an alert raised and cleared

    @Test
    void devicesBurstingIntoASlowMonitorKeepItsEventIdsIncreasingAndLoseNoAlertEvent() throws Exception {
        AlertsIT rules = new AlertsIT();
        List<TestDevice> devices = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(DEVICES);
        AtomicBoolean bursting = new AtomicBoolean(true);
        try (MonitorClient slow = newMonitor(); MonitorClient witness = newMonitor()) {
            for (int d = 0; d < DEVICES; d++) {
                TestDevice device = newDevice("burst");
                rules.createRule(device.deviceId(), "t", ">", 50, 40.0, 0, "WARNING");
                devices.add(device);
            }
            Map<String, Double> wide = new LinkedHashMap<>();
            for (int m = 0; m < 20; m++) {
                wide.put(String.format("metric_%02d_named_long_enough_to_fill_the_window", m), m * 0.5);
            }
            // The slow monitor reads in fits: 250 ms stalled, 30 ms reading, while the devices burst.
            Thread stalls = new Thread(() -> {
                while (bursting.get()) {
                    slow.pause();
                    sleep(250);
                    slow.unpause();
                    sleep(30);
                }
            });
            stalls.start();
            List<Future<?>> sent = new ArrayList<>();
            for (TestDevice device : devices) {
                sent.add(senders.submit(() -> {
                    for (int seq = 1; seq <= READINGS; seq++) {
                        Map<String, Double> metrics = new LinkedHashMap<>(wide);
                        metrics.put("t", (seq - 1) / TOGGLE_EVERY % 2 == 0 ? 10.0 : 60.0);
                        device.sendTelemetry(seq, System.currentTimeMillis(), metrics);
                    }
                    device.awaitAck(READINGS, Duration.ofSeconds(60));
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }
            bursting.set(false);
            stalls.join();
            slow.unpause();

            // Both monitors end with every device's last reading and the last alert event of each.
            for (TestDevice device : devices) {
                for (MonitorClient monitor : List.of(slow, witness)) {
                    monitor.await(m -> "reading".equals(m.getString("type")) && device.deviceId().equals(m.getString("deviceId"))
                            && m.getJsonNumber("seq").longValue() == READINGS, Duration.ofSeconds(30));
                }
            }
            Set<String> ids = devices.stream().map(TestDevice::deviceId).collect(Collectors.toSet());
            // Every alert of these devices as stored, with each state it went through.
            Map<Long, List<String>> stored = new TreeMap<>();
            for (String state : List.of("ACTIVE", "CLEARED")) {
                for (JsonValue v : api.get("/api/alerts?state=" + state + "&limit=1000").body().asJsonArray()) {
                    JsonObject alert = v.asJsonObject();
                    if (ids.contains(alert.getString("deviceId"))) {
                        stored.put(alert.getJsonNumber("id").longValue(),
                                state.equals("CLEARED") ? List.of("ACTIVE", "CLEARED") : List.of("ACTIVE"));
                    }
                }
            }
            int raisesExpected = DEVICES * (READINGS / TOGGLE_EVERY / 2);
            assertEquals(raisesExpected, stored.size(), "each device raised an alert every " + 2 * TOGGLE_EVERY + " readings");
            awaitAlertStates(slow, stored);
            assertFalse(slow.isClosed(), "the slow monitor was kept (it reads, slowly)");

            EventOrder.assertIncreasing("slow monitor", slow.messages());
            EventOrder.assertIncreasing("witness", witness.messages());
            assertEquals(stored, alertStates(slow, ids), "the slow monitor got every alert event, in order");
            assertEquals(nonReadingEventIds(witness, ids), nonReadingEventIds(slow, ids),
                    "both monitors got the same alert and device events under the same ids");
            long readingsToSlow = slow.messages().stream().filter(m -> "reading".equals(m.getString("type"))
                    && ids.contains(m.getString("deviceId"))).count();
            System.out.printf("LiveOrderIT: %d devices x %d readings; the slow monitor got %d readings (conflated"
                    + " from %d), %d alert events, 0 ids out of order; the witness %d readings%n", DEVICES, READINGS,
                    readingsToSlow, DEVICES * READINGS, stored.values().stream().mapToInt(List::size).sum(),
                    witness.messages().stream().filter(m -> "reading".equals(m.getString("type"))).count());
            assertTrue(readingsToSlow < (long) DEVICES * READINGS,
                    "the slow monitor fell behind enough to have readings conflated (" + readingsToSlow + ")");
        } finally {
            bursting.set(false);
            senders.shutdownNow();
            for (TestDevice device : devices) {
                device.close();
            }
        }
    }

    @Test
    void aResumeFromAnIdNeverIssuedGetsAFreshSnapshot() throws Exception {
        freshSnapshotAfterResumingFrom(1_000_000_000_000L);
    }

    @Test
    void aResumeFromAnIdOlderThanTheReplayLogGetsAFreshSnapshot() throws Exception {
        // Ids from before this server started (and far older): the replay log cannot hold what followed.
        freshSnapshotAfterResumingFrom(-1_000_000_000_000L);
    }

    @Test
    void aSecondUnservableResumeWithinFiveSecondsIsAnsweredLaterNotSwallowed() throws Exception {
        try (MonitorClient monitor = newMonitor()) {
            long joinedAt = snapshotId(monitor, 0);
            int mark = monitor.mark();
            resume(monitor, joinedAt + 1_000_000_000_000L);
            snapshotId(monitor, mark); // the first one at once
            mark = monitor.mark();
            long asked = System.nanoTime();
            resume(monitor, joinedAt + 2_000_000_000_000L);
            snapshotId(monitor, mark);
            long waitedMillis = (System.nanoTime() - asked) / 1_000_000;
            assertTrue(waitedMillis < 8_000, "the owed snapshot came " + waitedMillis + " ms later");
            assertFalse(monitor.messages().subList(mark, monitor.mark()).stream()
                    .anyMatch(m -> "error".equals(m.getString("type"))), "no error instead of the snapshot");
        }
    }

    @Test
    void aResumeAtTheConnectionsSnapshotIsAnsweredWithNothingMissed() throws Exception {
        try (MonitorClient monitor = newMonitor()) {
            long joinedAt = snapshotId(monitor, 0);
            int mark = monitor.mark();
            resume(monitor, joinedAt);
            JsonObject answer = monitor.await(mark, MonitorClient.ofType("resumed"), WAIT);
            assertEquals(0, answer.getInt("replayed"));
            assertEquals(joinedAt, answer.getJsonNumber("lastEventId").longValue());
        }
    }

    /** A monitor resumes from its snapshot's id plus {@code offset}: it gets a fresh snapshot, numbered as of now. */
    private void freshSnapshotAfterResumingFrom(long offset) throws Exception {
        try (MonitorClient monitor = newMonitor()) {
            long joinedAt = snapshotId(monitor, 0);
            int mark = monitor.mark();
            resume(monitor, joinedAt + offset);
            long fresh = snapshotId(monitor, mark);
            assertTrue(fresh >= joinedAt, "numbered as of now, not with the id it answered");
            EventOrder.assertIncreasing("monitor", monitor.messages());
        }
    }

    private static void resume(MonitorClient monitor, long lastEventId) {
        monitor.send(Json.createObjectBuilder().add("type", "resume").add("lastEventId", lastEventId).build());
    }

    private static long snapshotId(MonitorClient monitor, int from) throws Exception {
        return monitor.await(from, MonitorClient.ofType("snapshot"), Duration.ofSeconds(15))
                .getJsonNumber("eventId").longValue();
    }

    private static void awaitAlertStates(MonitorClient monitor, Map<Long, List<String>> expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!alertStates(monitor, null).entrySet().containsAll(expected.entrySet())
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    /** Alert id -> the states the monitor was told of, in order (devices in {@code ids}, or all). */
    private static Map<Long, List<String>> alertStates(MonitorClient monitor, Set<String> ids) {
        Map<Long, List<String>> states = new TreeMap<>();
        for (JsonObject m : monitor.messages()) {
            if ("alert".equals(m.getString("type")) && (ids == null || ids.contains(m.getJsonObject("alert").getString("deviceId")))) {
                states.computeIfAbsent(m.getJsonObject("alert").getJsonNumber("id").longValue(), k -> new ArrayList<>())
                        .add(m.getJsonObject("alert").getString("state"));
            }
        }
        return states;
    }

    private static List<Long> nonReadingEventIds(MonitorClient monitor, Set<String> ids) {
        return monitor.messages().stream()
                .filter(m -> Set.of("alert", "device").contains(m.getString("type")))
                .filter(m -> ids.contains(m.containsKey("alert") ? m.getJsonObject("alert").getString("deviceId")
                        : m.getString("deviceId")))
                .map(m -> m.getJsonNumber("eventId").longValue())
                .toList();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
