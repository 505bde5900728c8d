package io.vigil.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.client.sdk.DeviceListener;
import io.vigil.client.sdk.DeviceMetrics;
import io.vigil.client.sdk.DeviceRuntime;
import io.vigil.client.sdk.VigilDevice;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fleet of devices on the real SDK for fault tests: each device its own
 * {@link VigilDevice} with its own outbox directory, streaming at a steady
 * rate. At the end, {@link #verifyExactlyOnce} checks over REST that every
 * reading each device produced is stored exactly once, and returns the figures.
 */
final class Fleet implements AutoCloseable {

    /** What a fault test reports. */
    record Figures(int devices, long produced, long stored, long duplicates, long missing, long resent,
                   long connects, Map<Integer, Long> closeCodes) {
    }

    private final Api api;
    private final DeviceRuntime runtime = DeviceRuntime.create(Duration.ofSeconds(5));
    private final ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
    private final List<VigilDevice> devices = new ArrayList<>();
    private final List<AtomicLong> lastProduced = new ArrayList<>();
    private final Map<Integer, Long> closeCodes = new ConcurrentHashMap<>();

    /** Registers {@code count} devices and builds them on {@code server} (which may be a proxy in front of Vigil). */
    Fleet(Api api, URI server, Path outboxes, String prefix, int count) throws IOException {
        this.api = api;
        DeviceListener listener = new DeviceListener() {
            @Override
            public void disconnected(int closeCode, String reason, boolean willRetry) {
                closeCodes.merge(closeCode, 1L, Long::sum);
            }
        };
        for (int i = 0; i < count; i++) {
            Api.Device registered = api.register(Api.uniqueId(prefix + i));
            devices.add(VigilDevice.builder()
                    .server(server)
                    .deviceId(registered.id())
                    .token(registered.token())
                    .outboxDirectory(outboxes.resolve(registered.id()))
                    .syncWrites(false)
                    .reconnectBackoff(Duration.ofMillis(200), Duration.ofSeconds(3))
                    .heartbeat(Duration.ofSeconds(2), Duration.ofSeconds(3))
                    .runtime(runtime)
                    .listener(listener)
                    .build());
            lastProduced.add(new AtomicLong());
        }
    }

    /** Connects every device and makes each produce a reading every {@code period}. */
    void start(Duration period) {
        for (int i = 0; i < devices.size(); i++) {
            VigilDevice device = devices.get(i);
            AtomicLong last = lastProduced.get(i);
            device.start();
            clock.scheduleAtFixedRate(() -> {
                last.set(device.send(Map.of("temperature", 20 + Math.random())));
            }, i % 10, period.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Waits until every device has had at least {@code acked} readings acknowledged. */
    void awaitAcked(long acked, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (devices.stream().anyMatch(d -> d.metrics().acked() < acked)) {
            assertTrue(System.nanoTime() < deadline, "the fleet did not get " + acked + " acks per device in time: "
                    + total());
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    void stopProducing() throws InterruptedException {
        clock.shutdown();
        assertTrue(clock.awaitTermination(10, TimeUnit.SECONDS));
    }

    /** Waits until every outbox is empty: all that was produced is acknowledged. */
    void awaitDrained(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (VigilDevice device : devices) {
            long left = Math.max(1, deadline - System.nanoTime());
            assertTrue(device.awaitDrained(Duration.ofNanos(left)),
                    device.deviceId() + " still has readings waiting for an ack: " + device.metrics());
        }
    }

    /** Every reading each device produced is stored exactly once: the seq sets match, nothing twice. */
    Figures verifyExactlyOnce() throws InterruptedException {
        return verifyExactlyOnce(List.of(HealthIT.MANAGEMENT));
    }

    /**
     * The same, and the roll-ups hold exactly the stored readings, checked
     * once the roll-up folder on one of the servers at {@code managements}
     * has caught up with everything stored so far (so from the roll-up table,
     * not from readings the charts add to it).
     */
    Figures verifyExactlyOnce(List<URI> managements) throws InterruptedException {
        Stored.awaitRolledUp(managements, System.currentTimeMillis());
        long produced = 0;
        long stored = 0;
        long duplicates = 0;
        long missing = 0;
        for (int i = 0; i < devices.size(); i++) {
            VigilDevice device = devices.get(i);
            long last = device.lastSeq();
            assertEquals(lastProduced.get(i).get(), last, device.deviceId() + ": seq counter");
            List<Long> seqs = Stored.seqs(api, device.deviceId());
            long distinct = seqs.stream().distinct().count();
            produced += last;
            stored += seqs.size();
            duplicates += seqs.size() - distinct;
            missing += last - seqs.stream().filter(s -> s >= 1 && s <= last).distinct().count();
            Stored.rollUpsAgree(api, device.deviceId());
        }
        Figures figures = new Figures(devices.size(), produced, stored, duplicates, missing, total().resent(),
                total().connects(), Map.copyOf(closeCodes));
        assertEquals(0, duplicates, "readings stored twice: " + figures);
        assertEquals(0, missing, "readings produced but not stored: " + figures);
        assertEquals(produced, stored, "stored readings nobody produced: " + figures);
        return figures;
    }

    List<String> deviceIds() {
        return devices.stream().map(VigilDevice::deviceId).toList();
    }

    long closes(int code) {
        return closeCodes.getOrDefault(code, 0L);
    }

    DeviceMetrics total() {
        long[] sums = new long[12];
        for (VigilDevice device : devices) {
            DeviceMetrics m = device.metrics();
            long[] values = {m.produced(), m.sent(), m.resent(), m.acked(), m.rejected(), m.dropped(), m.pending(),
                    m.connects(), m.disconnects(), m.failedAttempts(), m.commands(), m.recovered()};
            for (int k = 0; k < sums.length; k++) {
                sums[k] += values[k];
            }
        }
        return new DeviceMetrics(sums[0], sums[1], sums[2], sums[3], sums[4], sums[5], sums[6], sums[7], sums[8],
                sums[9], sums[10], sums[11]);
    }

    @Override
    public void close() {
        clock.shutdownNow();
        devices.forEach(VigilDevice::close);
        runtime.close();
    }
}
