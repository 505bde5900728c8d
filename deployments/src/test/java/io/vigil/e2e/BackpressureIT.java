package io.vigil.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Devices that keep far more unacked than the server wants (4,000 each, twice
 * {@code vigil.ingest.maxUnackedPerDevice}): the server stops reading their
 * sockets at its limit instead of failing anyone, loses nothing, keeps its
 * backlog bounded and stays responsive to REST and monitors, also while the
 * database stalls. (That the pause is asked for at the limit and lifted when
 * acks come back is {@code DeviceFlowTest}'s; Undertow may still deliver
 * frames it had read before the pause, which the 1008 limit at twice the
 * limit bounds.)
 */
class BackpressureIT extends E2E {

    private static final int DEVICES = 5;
    private static final int READINGS = 20_000;
    private static final int BATCH = 500;
    private static final int MAX_UNACKED = 2_000;
    /** What each device keeps in flight: twice the server's limit, never more (so never 1008). */
    private static final int DEVICE_WINDOW = 2 * MAX_UNACKED;
    /** A longer wait than {@link E2E#WAIT}: 100,000 readings on a 2-core machine. */
    private static final Duration FLOOD_WAIT = Duration.ofMinutes(2);

    private final List<Api.Device> registered = new ArrayList<>();
    private final List<TestDevice> connections = new ArrayList<>();
    private final ExecutorService floods = Executors.newFixedThreadPool(DEVICES);

    @AfterEach
    void closeAll() throws Exception {
        floods.shutdownNow();
        for (TestDevice connection : connections) {
            connection.close();
        }
    }

    @Test
    void devicesFarAheadOfTheirAcksLoseNothingAndTheServerStaysResponsive() throws Exception {
        connectDevices("flood");
        try (MonitorClient monitor = newMonitor()) {
            List<Future<?>> sending = flood();
            Api.Reply health = api.get("/api/health");
            assertEquals(200, health.status(), "health during the flood: " + health.body());
            monitor.await(MonitorClient.ofType("reading"), WAIT);
            awaitAll(sending);
        }
        everythingAckedAndStoredOnce();
    }

    /**
     * The database stalls (another transaction holds the devices' rows) while
     * they send: nobody is closed, the backlog stays bounded, REST and a new
     * monitor are served, and everything is stored once it answers again.
     * Needs a database the test can lock rows in: the PostgreSQL pass.
     */
    @Test
    void whileTheDatabaseStallsDevicesWaitBoundedAndTheServerStaysResponsive() throws Exception {
        Assumptions.assumeTrue("postgresql".equals(VigilServer.DATABASE),
                "the stall needs row locks taken from outside the server: PostgreSQL pass only");
        connectDevices("stall");
        List<Future<?>> sending;
        try (Connection database = DriverManager.getConnection(VigilServer.POSTGRESQL_URL + "?currentSchema="
                + VigilServer.POSTGRESQL_SCHEMA, "postgres", "")) {
            database.setAutoCommit(false);
            try (PreparedStatement lock = database.prepareStatement("SELECT id FROM device WHERE id = ? FOR UPDATE")) {
                for (Api.Device device : registered) {
                    lock.setString(1, device.id());
                    try (ResultSet row = lock.executeQuery()) {
                        assertTrue(row.next());
                    }
                }
            }
            long stalledAt = System.nanoTime();
            sending = flood();  // each device gets 4,000 readings out, then waits for acks that cannot come yet
            int backlog = settledBacklog();
            assertTrue(backlog > 0 && backlog <= DEVICES * DEVICE_WINDOW, "a bounded backlog: " + backlog);
            // Held longer than the idle timeout: the server does not read the paused devices' pongs, and must not
            // take that silence, which is its own, for dead peers.
            long holdUntil = stalledAt + TimeUnit.SECONDS.toNanos(VigilServer.IDLE_TIMEOUT_SECONDS + 2);
            do {
                for (TestDevice connection : connections) {
                    assertTrue(connection.isOpen(), "a device at its limit is paused, not closed");
                }
                TimeUnit.MILLISECONDS.sleep(200);
            } while (System.nanoTime() < holdUntil);
            newMonitor().close();  // a monitor connects and gets its snapshot while the writer is stalled
            database.rollback();
        }
        awaitAll(sending);
        everythingAckedAndStoredOnce();
    }

    /** Polls the health's ingest backlog until it has not changed for two seconds; REST must answer all along. */
    private int settledBacklog() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        int last = -1;
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Api.Reply health = api.get("/api/health");
            assertEquals(200, health.status(), "REST answers while the writer is stalled");
            int backlog = health.object().getInt("ingestBacklog");
            if (backlog != last) {
                last = backlog;
                stableSince = System.nanoTime();
            } else if (backlog > 0 && System.nanoTime() - stableSince > TimeUnit.SECONDS.toNanos(2)) {
                return backlog;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return last;
    }

    private void connectDevices(String prefix) throws Exception {
        for (int i = 0; i < DEVICES; i++) {
            Api.Device device = api.register(Api.uniqueId(prefix + i));
            registered.add(device);
            connections.add(connect(device));
        }
    }

    /** Every device sends its readings as fast as its window of {@value #DEVICE_WINDOW} unacked allows. */
    private List<Future<?>> flood() {
        List<Future<?>> sending = new ArrayList<>();
        for (TestDevice connection : connections) {
            sending.add(floods.submit(() -> {
                for (int seq = 1; seq <= READINGS; seq += BATCH) {
                    long mustBeAcked = seq + BATCH - 1 - DEVICE_WINDOW;
                    if (mustBeAcked > 0) {
                        connection.awaitAck(mustBeAcked, FLOOD_WAIT);
                    }
                    connection.sendBatch(seq, BATCH, System.currentTimeMillis(), Map.of("v", seq));
                }
                return null;
            }));
        }
        return sending;
    }

    private static void awaitAll(List<Future<?>> sending) throws Exception {
        for (Future<?> send : sending) {
            send.get(2, TimeUnit.MINUTES);
        }
    }

    private void everythingAckedAndStoredOnce() throws Exception {
        for (TestDevice connection : connections) {
            connection.awaitAck(READINGS, FLOOD_WAIT);
            assertTrue(connection.isOpen(), "a flooding device is paused, not closed");
        }
        for (Api.Device device : registered) {
            Stored.exactlyOnceUpTo(api, device.id(), READINGS);
            assertEquals(READINGS, Stored.seqs(api, device.id()).size());
        }
    }
}
