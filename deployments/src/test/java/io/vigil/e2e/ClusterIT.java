package io.vigil.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two nodes, one system: the local cluster of the README (broker, two WildFly nodes on PostgreSQL,
 * HAProxy), started by its own script, with a device on one node and an operator on the other.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static LocalCluster cluster;
    private static Api nodeA;
    private static Api nodeB;

    @BeforeAll
    static void startCluster() throws Exception {
        Assumptions.assumeTrue(VigilServer.databaseAvailable(), "SKIPPED: the cluster runs on PostgreSQL at "
                + VigilServer.POSTGRESQL_URL + ", which does not answer");
        cluster = new LocalCluster();
        nodeA = new Api(cluster.node("a", "http"));
        nodeB = new Api(cluster.node("b", "http"));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static TestDevice connect(String node, Api.Device device) throws Exception {
        TestDevice connection = TestDevice.open(cluster.node(node, "ws"), device.id(), device.token());
        connection.awaitWelcome(WAIT);
        return connection;
    }

    private static MonitorClient monitor(String node) throws Exception {
        MonitorClient monitor = MonitorClient.connect(cluster.node(node, "ws"));
        monitor.await(MonitorClient.ofType("snapshot"), WAIT);
        return monitor;
    }

    private static Predicate<JsonObject> deviceEvent(String deviceId, boolean online) {
        return m -> "device".equals(m.getString("type", "")) && deviceId.equals(m.getString("deviceId", ""))
                && m.getBoolean("online", !online) == online;
    }

    private static Predicate<JsonObject> reading(String deviceId, long seq) {
        return m -> "reading".equals(m.getString("type", "")) && deviceId.equals(m.getString("deviceId", ""))
                && m.getJsonNumber("seq").longValue() == seq;
    }

    @Test
    void aMonitorOnOneNodeSeesTheReadingsAlertsAndDeviceEventsOfADeviceOnTheOtherInOrder() throws Exception {
        Api.Device registered = nodeA.register(Api.uniqueId("cl-pump"));
        Api.Reply rule = nodeB.post("/api/rules", Json.createObjectBuilder().add("metric", "temperature")
                .add("op", ">").add("threshold", 90).add("clearThreshold", 85).add("forSeconds", 0)
                .add("severity", "CRITICAL").add("deviceId", registered.id()).build());
        assertEquals(201, rule.status(), String.valueOf(rule.body()));
        try (MonitorClient local = monitor("a"); MonitorClient onB = monitor("b"); TestDevice onA = connect("a", registered)) {
            onB.await(deviceEvent(registered.id(), true), WAIT);
            assertTrue(nodeB.get("/api/devices/" + registered.id()).object().getBoolean("online"),
                    "node B shows the device on node A online");

            long now = System.currentTimeMillis();
            onA.sendTelemetry(1, now, Map.of("temperature", 80));
            onA.sendTelemetry(2, now + 1, Map.of("temperature", 93.2));
            onA.awaitAck(2, WAIT);
            onB.await(reading(registered.id(), 2), WAIT);  // 1 may be conflated into 2 (PROTOCOL.md 6)
            JsonObject raised = onB.await(AlertsIT.alertOf(registered.id(), "ACTIVE"), WAIT).getJsonObject("alert");
            assertEquals(93.2, raised.getJsonNumber("value").doubleValue());

            // Acknowledged on B (this node's own event), cleared by a reading stored on A.
            onB.send(Json.createObjectBuilder().add("type", "ack_alert").add("alertId", raised.getJsonNumber("id"))
                    .add("note", "seen from node B").build());
            onB.await(AlertsIT.alertOf(registered.id(), "ACKNOWLEDGED"), WAIT);
            onA.sendTelemetry(3, now + 2, Map.of("temperature", 80));
            onA.awaitAck(3, WAIT);
            onB.await(AlertsIT.alertOf(registered.id(), "CLEARED"), WAIT);
            onA.close();
            onB.await(deviceEvent(registered.id(), false), WAIT);

            local.await(deviceEvent(registered.id(), false), WAIT);
            onB.await(reading(registered.id(), 3), WAIT);
            local.await(reading(registered.id(), 3), WAIT);

            // B's monitor saw what A's own monitor saw about the device, in the same order, each under
            // increasing eventIds: a page cannot tell the device is on another node. (Readings may be
            // conflated differently per monitor, so they are compared apart: increasing, none lost at the end.)
            List<String> onNodeB = about(onB, registered.id());
            assertEquals(withoutReadings(about(local, registered.id())), withoutReadings(onNodeB));
            assertEquals(List.of("device true", "alert ACTIVE", "alert ACKNOWLEDGED", "alert CLEARED", "device false"),
                    withoutReadings(onNodeB));
            assertEquals(eventIds(local, registered.id()), eventIds(onB, registered.id()),
                    "each event has the same eventId on both nodes");
            List<Long> seqs = onNodeB.stream().filter(e -> e.startsWith("reading ")).map(e -> Long.parseLong(e.substring(8)))
                    .toList();
            assertEquals(seqs.stream().sorted().distinct().toList(), seqs, "readings in order, each once");
            assertEquals(3L, seqs.get(seqs.size() - 1), "the last reading reached node B");
            assertTrue(!nodeA.get("/api/devices/" + registered.id()).object().getBoolean("online")
                    && !nodeB.get("/api/devices/" + registered.id()).object().getBoolean("online"));
        }
    }

    @Test
    void aCommandSentOnOneNodeReachesTheDeviceOnTheOtherAndItsResultComesBack() throws Exception {
        Api.Device registered = nodeA.register(Api.uniqueId("cl-cmd"));
        try (TestDevice onA = connect("a", registered); MonitorClient onB = monitor("b")) {
            awaitOnline(nodeB, registered.id());
            onB.send(Json.createObjectBuilder().add("type", "command").add("deviceId", registered.id())
                    .add("name", "set_interval").add("args", Json.createObjectBuilder().add("seconds", 5))
                    .add("requestId", "r-1").build());
            JsonObject accepted = onB.await(MonitorClient.ofType("command_accepted"), WAIT);
            assertEquals("PENDING", accepted.getJsonObject("command").getString("status"));
            String id = accepted.getJsonObject("command").getString("id");
            JsonObject forwarded = onA.nextMessage(WAIT);
            while (forwarded != null && !"command".equals(forwarded.getString("type"))) {
                forwarded = onA.nextMessage(WAIT);
            }
            assertTrue(forwarded != null && id.equals(forwarded.getString("id")), "the device got " + forwarded);
            assertEquals(5, forwarded.getJsonObject("args").getInt("seconds"));
            onA.sendText("{\"type\":\"command_result\",\"id\":\"" + id + "\",\"status\":\"ok\",\"result\":{\"interval\":5}}");
            JsonObject result = onB.await(m -> "command_result".equals(m.getString("type", ""))
                    && id.equals(m.getString("id", "")), WAIT);
            assertEquals("ok", result.getString("status"));
            assertEquals(5, result.getJsonObject("result").getInt("interval"));
            assertEquals("OK", nodeB.get("/api/commands/" + id).object().getString("status"));
        }
    }

    @Test
    void aDeviceConnectingToTheOtherNodeClosesItsOlderConnectionWith1008() throws Exception {
        Api.Device registered = nodeA.register(Api.uniqueId("cl-twice"));
        try (TestDevice onA = connect("a", registered)) {
            awaitOnline(nodeB, registered.id());
            try (TestDevice onB = connect("b", registered)) {
                assertEquals(1008, onA.awaitClose(WAIT).getCloseCode().getCode());
                assertTrue(onB.isOpen(), "the newer connection stays");
                onB.sendTelemetry(1, System.currentTimeMillis(), Map.of("level", 1));
                onB.awaitAck(1, WAIT);
                assertTrue(nodeA.get("/api/devices/" + registered.id()).object().getBoolean("online"),
                        "node A still shows the device (now on B) online");
            }
        }
    }

    /**
     * A page on node A goes away; while it is away an alert clears and is raised again and the device
     * moves from A to B; the page reconnects through the balancer and lands on B: its {@code resume}
     * replays exactly the events it missed (the same events under the same ids as a monitor on B saw
     * live) and the device's newest reading.
     */
    @Test
    void aPageThatReconnectsThroughTheBalancerToTheOtherNodeResumesWithExactlyWhatItMissed() throws Exception {
        Api.Device registered = nodeA.register(Api.uniqueId("cl-resume"));
        Api.Reply rule = nodeA.post("/api/rules", Json.createObjectBuilder().add("metric", "t").add("op", ">")
                .add("threshold", 50).add("forSeconds", 0).add("severity", "CRITICAL")
                .add("deviceId", registered.id()).build());
        assertEquals(201, rule.status(), String.valueOf(rule.body()));
        URI balancer = cluster.balancer("ws");
        try (MonitorClient witness = monitor("b")) {
            long lastEventId;
            TestDevice onA = connect("a", registered);
            try (MonitorClient first = MonitorClient.connect(balancer, "VIGILNODE=a")) {
                first.await(MonitorClient.ofType("snapshot"), WAIT);
                assertEquals(1, nodeA.get("/api/health").object().getInt("monitorsConnected"),
                        "the page's first connection is on node A");
                onA.sendTelemetry(1, System.currentTimeMillis(), Map.of("t", 60));
                onA.awaitAck(1, WAIT);
                first.await(AlertsIT.alertOf(registered.id(), "ACTIVE"), WAIT);
                lastEventId = first.messages().stream().filter(m -> m.containsKey("eventId"))
                        .mapToLong(m -> m.getJsonNumber("eventId").longValue()).max().orElseThrow();
            }
            // While the page is away: cleared and raised again on A, then the device moves to B.
            onA.sendTelemetry(2, System.currentTimeMillis(), Map.of("t", 40));
            onA.sendTelemetry(3, System.currentTimeMillis(), Map.of("t", 70));
            onA.awaitAck(3, WAIT);
            onA.close();
            witness.await(deviceEvent(registered.id(), false), WAIT);
            // The witness already holds the device's "online" event from its connect to A: wait for the next one.
            int beforeMove = witness.mark();
            try (TestDevice onB = connect("b", registered)) {
                witness.await(beforeMove, deviceEvent(registered.id(), true), WAIT);
                try (MonitorClient again = MonitorClient.connect(balancer, "VIGILNODE=b")) {
                    long joinedAt = again.await(MonitorClient.ofType("snapshot"), WAIT).getJsonNumber("eventId")
                            .longValue();
                    assertEquals(2, nodeB.get("/api/health").object().getInt("monitorsConnected"),
                            "the page reconnected to node B");
                    List<JsonObject> replayed = again.resume(lastEventId, joinedAt, WAIT);
                    List<JsonObject> missed = witness.eventsBetween(lastEventId, joinedAt);
                    List<JsonObject> replayedEvents = replayed.stream()
                            .filter(m -> !"reading".equals(m.getString("type"))).toList();
                    assertEquals(missed, replayedEvents, "exactly the events missed, under the same ids, in order");
                    assertEquals(List.of("alert CLEARED", "alert ACTIVE", "device false", "device true"),
                            replayedEvents.stream().filter(m -> registered.id().equals(deviceOf(m)))
                                    .map(ClusterIT::describe).toList());
                    assertTrue(replayed.stream().anyMatch(reading(registered.id(), 3)),
                            "the device's newest reading is re-sent");
                }
            }
        }
    }

    @Test
    void devicesMonitorsAndRestGoThroughTheBalancer() throws Exception {
        Api viaBalancer = new Api(cluster.balancer("http"));
        assertEquals(200, viaBalancer.get("/api/health").status());
        Api.Device registered = viaBalancer.register(Api.uniqueId("cl-lb"));
        try (MonitorClient monitor = MonitorClient.connect(cluster.balancer("ws"))) {
            monitor.await(MonitorClient.ofType("snapshot"), WAIT);
            TestDevice device = TestDevice.open(cluster.balancer("ws"), registered.id(), registered.token());
            try (device) {
                device.awaitWelcome(WAIT);
                device.sendTelemetry(1, System.currentTimeMillis(), Map.of("flow", 2.5));
                device.awaitAck(1, WAIT);
                monitor.await(reading(registered.id(), 1), WAIT);
            }
        }
        assertEquals(1, Stored.seqs(viaBalancer, registered.id()).size());
    }

    /**
     * The broker goes away for 10 s (the nodes' links to it reset, new ones refused): devices on both nodes
     * are still acked at once (acks wait for the database only), each node's monitor keeps getting its own
     * node's readings; once the broker is back the other node's readings flow again, every monitor gets a
     * fresh snapshot for what it missed, and every reading is stored once.
     */
    @Test
    void aBrokerOutageHoldsBackNoAckAndEachNodeKeepsItsOwnLiveViewThenCatchesUp() throws Exception {
        try {
            Api.Device first = nodeA.register(Api.uniqueId("cl-out-a"));
            Api.Device second = nodeB.register(Api.uniqueId("cl-out-b"));
            try (MonitorClient onA = monitor("a"); MonitorClient onB = monitor("b");
                 TestDevice deviceA = connect("a", first); TestDevice deviceB = connect("b", second)) {
                send(deviceA, deviceB, 1, WAIT);
                onB.await(reading(first.id(), 1), WAIT);
                onA.await(reading(second.id(), 1), WAIT);
                int markA = onA.mark();
                int markB = onB.mark();

                URI managementA = management("a");
                assertEquals(200, HealthIT.ask(managementA, "/health/ready").status(), "ready with the broker");
                cluster.brokerLink.outage(Duration.ofSeconds(10));
                long outageEnds = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                boolean notReady = false;
                for (long seq = 2; seq <= 8; seq++) {
                    send(deviceA, deviceB, seq, Duration.ofSeconds(2));  // acked within 2 s, broker or not
                    Thread.sleep(1_000);
                    HealthIT.Answer ready = HealthIT.ask(managementA, "/health/ready");
                    notReady |= ready.status() == 503 && "DOWN".equals(ready.checks().get("broker").getString("status"));
                }
                assertTrue(notReady, "without the broker node A says it is not ready (its page would show B's devices offline)");
                try {
                    onA.await(markA, reading(first.id(), 8), Duration.ofSeconds(10));
                    onB.await(markB, reading(second.id(), 8), Duration.ofSeconds(10));
                } catch (java.util.concurrent.TimeoutException e) {
                    // What the nodes' threads were doing is what tells why a live view stalled.
                    e.addSuppressed(new AssertionError("thread dumps: " + cluster.threadDump("a") + ", "
                            + cluster.threadDump("b")));
                    throw e;
                }
                Thread.sleep(Math.max(0, (outageEnds - System.nanoTime()) / 1_000_000));

                // The broker is back (the nodes reconnect by themselves): the other node's readings arrive again.
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                long seq = 9;
                while (!(seen(onB, markB, first.id(), seq - 1) && seen(onA, markA, second.id(), seq - 1))) {
                    assertTrue(System.nanoTime() < deadline, "the bus did not come back within 60 s of the outage");
                    send(deviceA, deviceB, seq++, WAIT);
                    Thread.sleep(500);
                }
                // Each node shows the other's device online again (they told each other which connections they hold
                // once they heard each other again), and each monitor got a fresh snapshot for what it missed, which
                // shows the other node's device online, as it was stored during the outage or later.
                awaitOnline(nodeA, second.id());
                awaitOnline(nodeB, first.id());
                assertEquals(200, HealthIT.ask(managementA, "/health/ready").status(), "ready again with the broker back");
                Map<MonitorClient, Integer> marks = Map.of(onA, markA, onB, markB);
                Map<MonitorClient, String> otherNodesDevice = Map.of(onA, second.id(), onB, first.id());
                for (MonitorClient monitor : List.of(onA, onB)) {
                    monitor.await(marks.get(monitor), m -> "snapshot".equals(m.getString("type", ""))
                            && m.getJsonArray("devices").stream().map(JsonValue::asJsonObject)
                                    .anyMatch(d -> d.getString("id").equals(otherNodesDevice.get(monitor))
                                            && d.getBoolean("online")
                                            && d.getJsonObject("metrics").getJsonNumber("t").longValue() >= 8),
                            Duration.ofSeconds(30));
                }
                List<Long> expected = java.util.stream.LongStream.range(1, seq).boxed().toList();
                assertEquals(expected, Stored.seqs(nodeA, first.id()));
                assertEquals(expected, Stored.seqs(nodeB, second.id()));
            }
        } catch (Throwable failed) {
            try {
                awaitBalancerServesBothNodes();  // the tests that follow go through the balancer
            } catch (Throwable notBack) {
                failed.addSuppressed(notBack);
            }
            throw failed;
        }
        awaitBalancerServesBothNodes();
    }

    /** Node A's ({@code "a"}) or B's management interface (health, metrics). */
    private URI management(String node) {
        return URI.create("http://127.0.0.1:" + (cluster.node(node, "http").getPort() + 9990 - 8080));
    }

    /**
     * The balancer took the nodes out while they were not ready (a broker outage); it takes each back after
     * two good checks, 1 s apart. Both nodes ready and the balancer answering for 3 s on end means both are
     * back, for the tests that follow.
     */
    private void awaitBalancerServesBothNodes() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest health = java.net.http.HttpRequest.newBuilder(
                cluster.balancer("http").resolve("/api/health")).timeout(Duration.ofSeconds(5)).build();
        long back = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long answeringSince = 0;
        while (answeringSince == 0 || System.nanoTime() - answeringSince < Duration.ofSeconds(3).toNanos()) {
            assertTrue(System.nanoTime() < back, "the balancer did not take the nodes back within 60 s");
            boolean ready = true;
            for (String node : List.of("a", "b")) {
                ready &= HealthIT.ask(management(node), "/health/ready").status() == 200;
            }
            ready &= http.send(health, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            answeringSince = ready ? (answeringSince == 0 ? System.nanoTime() : answeringSince) : 0;
            Thread.sleep(250);
        }
    }

    private static void send(TestDevice deviceA, TestDevice deviceB, long seq, Duration ackWithin) throws Exception {
        long now = System.currentTimeMillis();
        deviceA.sendTelemetry(seq, now, Map.of("t", seq));
        deviceB.sendTelemetry(seq, now, Map.of("t", seq));
        deviceA.awaitAck(seq, ackWithin);
        deviceB.awaitAck(seq, ackWithin);
    }

    private static boolean seen(MonitorClient monitor, int mark, String deviceId, long seq) {
        List<JsonObject> messages = monitor.messages();
        return messages.subList(mark, messages.size()).stream().anyMatch(reading(deviceId, seq));
    }

    /**
     * Last (it leaves one node): 20 SDK devices stream through the balancer, spread over both nodes, while
     * node A is killed. Those on A reconnect through the balancer to B; every reading is stored exactly once;
     * B's monitor gets readings of all 20 afterwards; and no device that moved is reported offline.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void nodeAKilledWhileTwentyDevicesStreamThroughTheBalancerLosesAndDuplicatesNothing() throws Exception {
        Api viaBalancer = new Api(cluster.balancer("http"));
        java.nio.file.Path outboxes = cluster.state.resolve("outboxes-" + System.currentTimeMillis());
        java.nio.file.Files.createDirectories(outboxes);
        int devices = 20;
        try (MonitorClient onB = monitor("b");
             Fleet fleet = new Fleet(viaBalancer, cluster.balancer("ws"), outboxes, "cl-kill", devices)) {
            fleet.start(Duration.ofMillis(50));
            fleet.awaitAcked(40, WAIT);
            long onNodeA = devicesConnectedTo(nodeA);
            assertTrue(onNodeA > 0 && onNodeA < devices, "the balancer spread the devices: " + onNodeA + " on node A");
            assertTrue(runsTimers(nodeA) != runsTimers(nodeB), "exactly one node runs the timers");

            cluster.kill("a");
            int mark = onB.mark();
            fleet.awaitAcked(fleet.total().acked() / devices + 40, Duration.ofSeconds(60));
            for (String id : fleet.deviceIds()) {
                onB.await(mark, m -> "reading".equals(m.getString("type", "")) && id.equals(m.getString("deviceId", "")),
                        WAIT);
            }
            // The timers move to B: it takes the lease, and its offline check raises the alert of a device that
            // really went silent; by then it has also checked every device that moved.
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!runsTimers(nodeB)) {
                assertTrue(System.nanoTime() < deadline, "node B never took over the timers");
                Thread.sleep(200);
            }
            Api.Device silent = nodeB.register(Api.uniqueId("cl-silent"));
            try (TestDevice once = connect("b", silent)) {
                once.sendTelemetry(1, System.currentTimeMillis(), Map.of("t", 1));
                once.awaitAck(1, WAIT);
            }
            onB.await(mark, m -> AlertsIT.alertOf(silent.id(), "ACTIVE").test(m)
                    && "offline".equals(m.getJsonObject("alert").getString("kind", "")),
                    Duration.ofSeconds(LocalCluster.OFFLINE_AFTER_SECONDS + 20));
            long falseOffline = nodeB.get("/api/alerts?state=ACTIVE").body().asJsonArray()
                    .stream().map(v -> v.asJsonObject())
                    .filter(a -> "offline".equals(a.getString("kind", "")) && a.getString("deviceId").startsWith("cl-kill"))
                    .count();
            assertEquals(0, falseOffline, "devices that moved to node B were reported offline");
            fleet.stopProducing();
            fleet.awaitDrained(Duration.ofSeconds(90));
            Fleet.Figures figures = fleet.verifyExactlyOnce(List.of(management("a"), management("b")));
            EventOrder.assertIncreasing("node B's monitor across the kill of node A", onB.messages());
            assertTrue(figures.connects() >= devices + onNodeA, "the devices on node A reconnected: " + figures);
            FaultReport.add("cluster: node A killed (SIGKILL) mid-stream, devices through HAProxy", figures,
                    onNodeA + " of " + devices + " devices were on node A");
        }
    }

    private static boolean runsTimers(Api node) {
        return node.get("/api/health").object().getBoolean("runsTimers");
    }

    /** How many device connections the node holds itself (its health answer; other tests' devices are gone). */
    private static long devicesConnectedTo(Api node) {
        return node.get("/api/health").object().getInt("devicesConnected");
    }

    /** The monitor's events about one device, in the order received; eventIds checked to increase. */
    private static List<String> about(MonitorClient monitor, String deviceId) {
        List<String> seen = new ArrayList<>();
        long previous = 0;
        for (JsonObject m : monitor.messages()) {
            if (!m.containsKey("eventId") || "snapshot".equals(m.getString("type"))) {
                continue;
            }
            long eventId = m.getJsonNumber("eventId").longValue();
            assertTrue(eventId > previous, "eventIds increase: " + m);
            previous = eventId;
            if (deviceId.equals(deviceOf(m))) {
                seen.add(describe(m));
            }
        }
        return seen;
    }

    private static String deviceOf(JsonObject event) {
        return event.containsKey("alert") ? event.getJsonObject("alert").getString("deviceId")
                : event.getString("deviceId", "");
    }

    /** "reading 3", "alert ACTIVE", "device true". */
    private static String describe(JsonObject event) {
        return switch (event.getString("type")) {
            case "reading" -> "reading " + event.getJsonNumber("seq");
            case "alert" -> "alert " + event.getJsonObject("alert").getString("state");
            default -> event.getString("type") + " " + event.getBoolean("online", false);
        };
    }

    /** The eventIds of the monitor's alert and device events about one device. */
    private static List<Long> eventIds(MonitorClient monitor, String deviceId) {
        return monitor.messages().stream()
                .filter(m -> Set.of("alert", "device").contains(m.getString("type", "")) && deviceId.equals(deviceOf(m)))
                .map(m -> m.getJsonNumber("eventId").longValue())
                .toList();
    }

    private static List<String> withoutReadings(List<String> events) {
        return events.stream().filter(e -> !e.startsWith("reading ")).toList();
    }

    private static void awaitOnline(Api api, String deviceId) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!api.get("/api/devices/" + deviceId).object().getBoolean("online")) {
            assertTrue(System.nanoTime() < deadline, deviceId + " never showed online through " + api);
            Thread.sleep(50);
        }
    }
}
