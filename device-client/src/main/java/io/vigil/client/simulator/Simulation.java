package io.vigil.client.simulator;

import io.vigil.client.sdk.ConnectionState;
import io.vigil.client.sdk.DeviceMetrics;
import io.vigil.client.sdk.DeviceRuntime;
import io.vigil.client.sdk.OutboxFullException;
import io.vigil.client.sdk.VigilDevice;
import jakarta.json.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * A fleet of simulated pumps, each a {@link VigilDevice} of its own (own
 * outbox directory, own connection) on one shared {@link DeviceRuntime}, so
 * the simulator runs the same outbox, reconnect and command code as real
 * device software. Devices answer {@code set_interval {"seconds":S}} and
 * {@code identify}; with outages on, a device now and then drops off the
 * network for 70-100 s (long enough for the offline alert) and catches up.
 */
public final class Simulation implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Simulation.class.getName());
    /** Each second, each device has this chance of an outage: about one per device per half hour. */
    private static final double OUTAGE_CHANCE_PER_SECOND = 1.0 / 1800;

    private final DeviceRuntime runtime = DeviceRuntime.create();
    private final ScheduledExecutorService clock = Executors.newScheduledThreadPool(2, task -> {
        Thread thread = new Thread(task, "vigil-simulator");
        thread.setDaemon(true);
        return thread;
    });
    private final List<SimulatedDevice> devices = new ArrayList<>();
    private final boolean outages;

    /** One pump: its SDK device, its signal and its own sampling interval (changed by {@code set_interval}). */
    private final class SimulatedDevice {
        final Signals signals;
        final Random random;
        VigilDevice device;
        volatile long intervalMillis;
        ScheduledFuture<?> sampling;

        SimulatedDevice(long seed, long intervalMillis) {
            this.signals = new Signals(seed);
            this.random = new Random(seed * 31);
            this.intervalMillis = intervalMillis;
        }

        synchronized void schedule() {
            if (sampling != null) {
                sampling.cancel(false);
            }
            sampling = clock.scheduleAtFixedRate(this::sample, random.nextInt((int) Math.max(1, intervalMillis)),
                    intervalMillis, TimeUnit.MILLISECONDS);
        }

        void sample() {
            try {
                device.send(signals.next());
            } catch (OutboxFullException | IllegalStateException e) {
                LOG.warning(device.deviceId() + ": " + e.getMessage());
            }
        }

        void maybeGoOffline() {
            if (outages && device.state() == ConnectionState.CONNECTED && random.nextDouble() < OUTAGE_CHANCE_PER_SECOND) {
                int seconds = 70 + random.nextInt(31);
                LOG.info(device.deviceId() + ": simulated network outage for " + seconds + " s");
                device.goOffline(Duration.ofSeconds(seconds));
            }
        }
    }

    public Simulation(boolean outages) {
        this.outages = outages;
    }

    /** Registers (or reuses) the devices and starts them streaming at {@code rate} readings per second each. */
    public void start(URI server, Path stateDir, OperatorCredentials operator, String prefix, int count, double rate,
                      Duration waitForServer) throws IOException, InterruptedException {
        Registry registry = new Registry(server, stateDir, operator);
        registry.awaitServer(waitForServer);
        long intervalMillis = Math.max(1, Math.round(1000 / rate));
        for (int i = 1; i <= count; i++) {
            String id = prefix + i;
            String token;
            try {
                token = registry.token(id, "Simulated pump " + i);
            } catch (IOException e) {
                LOG.warning(e.getMessage() + "; " + id + " is left out");
                continue;
            }
            SimulatedDevice simulated = new SimulatedDevice(id.hashCode(), intervalMillis);
            simulated.device = VigilDevice.builder()
                    .server(server)
                    .deviceId(id)
                    .token(token)
                    .outboxDirectory(stateDir.resolve(id).resolve("outbox"))
                    // A simulator's readings need to survive a killed process, not a power cut.
                    .syncWrites(false)
                    .reconnectBackoff(Duration.ofMillis(500), Duration.ofSeconds(30))
                    .runtime(runtime)
                    .command("set_interval", args -> {
                        int seconds = args.getInt("seconds");
                        if (seconds < 1 || seconds > 3600) {
                            throw new IllegalArgumentException("seconds must be 1-3600");
                        }
                        simulated.intervalMillis = seconds * 1000L;
                        simulated.schedule();
                        return Json.createObjectBuilder().add("interval", seconds).build();
                    })
                    .command("identify", args -> Json.createObjectBuilder().add("blinking", true).build())
                    .build();
            devices.add(simulated);
        }
        if (devices.isEmpty()) {
            throw new IOException("none of the " + count + " devices could be registered or reused");
        }
        for (SimulatedDevice simulated : devices) {
            simulated.device.start();
            simulated.schedule();
        }
        clock.scheduleAtFixedRate(() -> devices.forEach(SimulatedDevice::maybeGoOffline), 1, 1, TimeUnit.SECONDS);
    }

    /** Stops producing readings (connections stay up to deliver what is pending). */
    public void stopProducing() {
        for (SimulatedDevice simulated : devices) {
            synchronized (simulated) {
                if (simulated.sampling != null) {
                    simulated.sampling.cancel(false);
                }
            }
        }
    }

    /** Waits until every outbox is empty; false when {@code timeout} passed first. */
    public boolean awaitDrained(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (SimulatedDevice simulated : devices) {
            long left = deadline - System.nanoTime();
            if (!simulated.device.awaitDrained(Duration.ofNanos(Math.max(0, left)))) {
                return false;
            }
        }
        return true;
    }

    /** One line for humans: how many are connected, and the fleet's counters. */
    public String status() {
        long connected = devices.stream().filter(d -> d.device.state() == ConnectionState.CONNECTED).count();
        long produced = 0;
        long acked = 0;
        long pending = 0;
        long resent = 0;
        long reconnects = 0;
        long lastSeqs = 0;
        long recovered = 0;
        for (SimulatedDevice simulated : devices) {
            DeviceMetrics m = simulated.device.metrics();
            produced += m.produced();
            acked += m.acked();
            pending += m.pending();
            resent += m.resent();
            reconnects += m.connects();
            lastSeqs += simulated.device.lastSeq();
            recovered += m.recovered();
        }
        return "{\"devices\":" + devices.size() + ",\"connected\":" + connected + ",\"produced\":" + produced
                + ",\"acked\":" + acked + ",\"pending\":" + pending + ",\"resent\":" + resent
                + ",\"connects\":" + reconnects + ",\"recovered\":" + recovered + ",\"sumOfLastSeqs\":" + lastSeqs + "}";
    }

    @Override
    public void close() {
        clock.shutdownNow();
        devices.forEach(d -> d.device.close());
        runtime.close();
    }
}
