package io.vigil.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The device SDK's delivery guarantee under faults: a fleet of 20 devices,
 * each its own SDK instance with its own outbox on disk, streams at a steady
 * rate while something breaks; afterwards every reading each device produced
 * must be stored exactly once. Each test appends its figures to
 * {@code target/fault-report.md}.
 */
class DeliveryFaultsIT extends E2E {

    private static final int DEVICES = 20;
    /** 20 readings per second per device: 400 readings/s for the fleet. */
    private static final Duration PERIOD = Duration.ofMillis(50);
    private static final Duration DRAIN = Duration.ofSeconds(90);
    private static final Path OUTBOXES = Path.of("target", "fault-outboxes", VigilServer.DATABASE);

    @Test
    void serverKilledWithSigkillMidStreamLosesNothing() throws Exception {
        try (Fleet fleet = new Fleet(api, server.wsUri(), outboxes("sigkill"), "sigkill", DEVICES)) {
            fleet.start(PERIOD);
            fleet.awaitAcked(40, WAIT);
            server.kill();
            server.start();
            long afterRestart = fleet.total().acked() / DEVICES + 40;
            fleet.awaitAcked(afterRestart, Duration.ofSeconds(60));
            fleet.stopProducing();
            fleet.awaitDrained(DRAIN);
            FaultReport.add("WildFly SIGKILL mid-stream, restarted", fleet.verifyExactlyOnce(), "");
        }
    }

    @Test
    void serverStoppedGracefullyMidStreamLosesNothing() throws Exception {
        try (Fleet fleet = new Fleet(api, server.wsUri(), outboxes("graceful"), "graceful", DEVICES)) {
            fleet.start(PERIOD);
            fleet.awaitAcked(40, WAIT);
            server.stop();
            server.start();
            fleet.awaitAcked(fleet.total().acked() / DEVICES + 40, Duration.ofSeconds(60));
            fleet.stopProducing();
            fleet.awaitDrained(DRAIN);
            Fleet.Figures figures = fleet.verifyExactlyOnce();
            assertTrue(fleet.closes(1001) > 0, "devices were told the server is going away (1001): " + figures);
            FaultReport.add("WildFly stopped gracefully mid-stream (1001), restarted", figures, "");
        }
    }

    @Test
    void databaseConnectionLostForTenSecondsLosesNothing() throws Exception {
        Assumptions.assumeTrue(server.databaseProxy() != null,
                "SKIPPED on H2: the database outage is tested on PostgreSQL, where WildFly reaches it over TCP");
        try (Fleet fleet = new Fleet(api, server.wsUri(), outboxes("database"), "dbcut", DEVICES)) {
            fleet.start(PERIOD);
            fleet.awaitAcked(40, WAIT);
            long before = fleet.total().acked();
            server.databaseProxy().outage(Duration.ofSeconds(10));
            fleet.awaitAcked(before / DEVICES + 40, Duration.ofSeconds(90));
            fleet.stopProducing();
            fleet.awaitDrained(DRAIN);
            FaultReport.add("PostgreSQL connection cut for 10 s mid-stream", fleet.verifyExactlyOnce(), "");
        }
    }

    @Test
    void deviceProcessKilledAndRestartedResendsFromItsOutbox() throws Exception {
        Path state = outboxes("process");
        String prefix = Api.uniqueId("proc") + "-";
        long storedAtKill;
        long producedBeforeKill;
        try (TcpProxy network = new TcpProxy(server.wsUri().getPort())) {
            Process first = simulator(URI.create("ws://127.0.0.1:" + network.port()), state, prefix, 120);
            try {
                awaitStoredPerDevice(prefix, 60, Duration.ofSeconds(60));
                // The network goes away: the devices keep measuring into their outboxes. Kill the process once
                // every device holds readings the server has not got.
                network.outage(Duration.ofMinutes(5));
                long storedAtOutage = storedOnServer(prefix);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (producedOnDisk(state, prefix) < storedAtOutage + 20L * DEVICES) {
                    assertTrue(System.nanoTime() < deadline, "the devices did not keep measuring while offline");
                    TimeUnit.MILLISECONDS.sleep(100);
                }
            } finally {
                first.destroyForcibly();
                assertTrue(first.waitFor(30, TimeUnit.SECONDS));
            }
            producedBeforeKill = producedOnDisk(state, prefix);
            storedAtKill = storedOnServer(prefix);
        }
        Process second = simulator(server.wsUri(), state, prefix, 5);
        assertTrue(second.waitFor(150, TimeUnit.SECONDS), "the restarted simulator did not finish");
        String output = Files.readString(state.resolve("simulator.log"), StandardCharsets.UTF_8);
        assertEquals(0, second.exitValue(), "the restarted simulator did not deliver everything:\n" + output);

        long produced = 0;
        long stored = 0;
        long duplicates = 0;
        long missing = 0;
        for (int i = 1; i <= DEVICES; i++) {
            String id = prefix + i;
            long last = lastSeqOnDisk(state.resolve(id).resolve("outbox"));
            List<Long> seqs = Stored.seqs(api, id);
            produced += last;
            stored += seqs.size();
            duplicates += seqs.size() - seqs.stream().distinct().count();
            missing += last - seqs.stream().filter(s -> s >= 1 && s <= last).distinct().count();
        }
        Matcher resent = Pattern.compile("summary .*\"resent\":(\\d+).*\"connects\":(\\d+).*\"recovered\":(\\d+)")
                .matcher(output);
        assertTrue(resent.find(), "the simulator printed its summary:\n" + output);
        FaultReport.add("device process killed (SIGKILL) and restarted", DEVICES, produced, stored, duplicates, missing,
                Long.parseLong(resent.group(1)), Long.parseLong(resent.group(2)),
                producedBeforeKill + " readings produced before the kill during a network outage, "
                        + (producedBeforeKill - storedAtKill) + " of them only in the outboxes on disk; "
                        + resent.group(3) + " found there at the restart");
        assertEquals(0, duplicates, "readings stored twice");
        assertEquals(0, missing, "readings produced but not stored");
        assertEquals(produced, stored, "stored readings nobody produced");
    }

    @Test
    void connectionsCutMidFrameByTheNetworkLoseNothing() throws Exception {
        try (TcpProxy proxy = new TcpProxy(server.wsUri().getPort());
             Fleet fleet = new Fleet(api, URI.create("ws://127.0.0.1:" + proxy.port()), outboxes("network"), "netcut",
                     DEVICES)) {
            fleet.start(PERIOD);
            fleet.awaitAcked(20, WAIT);
            for (int round = 0; round < 8; round++) {
                proxy.cutAllMidFrame(Duration.ofMillis(500));
                fleet.awaitAcked(fleet.total().acked() / DEVICES + 15, Duration.ofSeconds(30));
            }
            fleet.stopProducing();
            fleet.awaitDrained(DRAIN);
            Fleet.Figures figures = fleet.verifyExactlyOnce();
            assertTrue(proxy.cutMidChunk() > 0, "some connections were cut in the middle of a frame");
            FaultReport.add("connections reset by a TCP proxy, 8 rounds", figures,
                    proxy.cutMidChunk() + " cut mid-frame, " + proxy.cutIdle() + " while idle");
        }
    }

    private static Path outboxes(String test) throws IOException {
        Path dir = OUTBOXES.resolve(test + "-" + System.currentTimeMillis());
        Files.createDirectories(dir);
        return dir;
    }

    /** The vigil-device simulator in a process of its own, as device software runs. */
    private Process simulator(URI url, Path state, String prefix, int seconds) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-jar", System.getProperty("vigil.device.jar"),
                "simulate", "--url", url.toString(), "--devices", String.valueOf(DEVICES),
                "--rate", "20", "--prefix", prefix, "--state-dir", state.toString(), "--duration", String.valueOf(seconds),
                "--drain-timeout", "90", "--outages", "off", "--wait-for-server", "10", "--status-every", "2"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(state.resolve("simulator.log").toFile()));
        // It registers its devices as an operator, with the password from the environment as documented.
        builder.environment().put("VIGIL_PASSWORD", Operator.ADMIN.password());
        return builder.start();
    }

    private void awaitStoredPerDevice(String prefix, long lastSeq, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 1; i <= DEVICES; i++) {
            String id = prefix + i;
            while (true) {
                Api.Reply reply = api.get("/api/devices/" + id);
                if (reply.status() == 200 && reply.object().getJsonNumber("lastSeq").longValue() >= lastSeq) {
                    break;
                }
                assertTrue(System.nanoTime() < deadline, id + " did not stream in time");
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }

    private long storedOnServer(String prefix) {
        long stored = 0;
        for (int i = 1; i <= DEVICES; i++) {
            stored += api.get("/api/devices/" + prefix + i).object().getJsonNumber("lastSeq").longValue();
        }
        return stored;
    }

    private static long producedOnDisk(Path state, String prefix) throws IOException {
        long total = 0;
        for (int i = 1; i <= DEVICES; i++) {
            total += lastSeqOnDisk(state.resolve(prefix + i).resolve("outbox"));
        }
        return total;
    }

    /** The highest seq the device has produced: its outbox's released mark or the last complete line of its log. */
    private static long lastSeqOnDisk(Path outbox) throws IOException {
        long last = 0;
        Path stateFile = outbox.resolve("outbox.state");
        if (Files.exists(stateFile)) {
            for (String line : Files.readAllLines(stateFile, StandardCharsets.UTF_8)) {
                if (line.startsWith("released=")) {
                    last = Long.parseLong(line.substring("released=".length()).trim());
                }
            }
        }
        Pattern seq = Pattern.compile("^\\{\"seq\":(\\d+),.*\\}$");
        try (Stream<String> lines = Files.lines(outbox.resolve("readings.log"), StandardCharsets.UTF_8)) {
            for (String line : (Iterable<String>) lines::iterator) {
                Matcher m = seq.matcher(line);
                if (m.matches()) {
                    last = Math.max(last, Long.parseLong(m.group(1)));
                }
            }
        }
        return last;
    }
}
