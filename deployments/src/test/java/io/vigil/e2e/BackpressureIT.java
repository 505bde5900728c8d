package io.vigil.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.client.DeviceConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Devices that send far more than they have acked: the server stops reading
 * their sockets instead of buffering (a device past twice
 * {@code vigil.ingest.maxUnackedPerDevice}, 2,000, would otherwise be closed
 * with 1008), loses nothing, and stays responsive to REST and monitors.
 */
class BackpressureIT extends E2E {

    private static final int DEVICES = 5;
    private static final int READINGS = 20_000;
    private static final int BATCH = 500;
    /** A longer wait than {@link E2E#WAIT}: 100,000 readings on a 2-core machine. */
    private static final Duration FLOOD_WAIT = Duration.ofMinutes(2);

    @Test
    void floodingDevicesAreHeldBackByTcpLoseNothingAndTheServerStaysResponsive() throws Exception {
        List<Api.Device> registered = new ArrayList<>();
        List<DeviceConnection> connections = new ArrayList<>();
        for (int i = 0; i < DEVICES; i++) {
            Api.Device device = api.register(Api.uniqueId("flood" + i));
            registered.add(device);
            connections.add(connect(device));
        }
        ExecutorService floods = Executors.newFixedThreadPool(DEVICES);
        try (MonitorClient monitor = newMonitor()) {
            List<Future<?>> sending = new ArrayList<>();
            for (DeviceConnection connection : connections) {
                sending.add(floods.submit(() -> {
                    for (int seq = 1; seq <= READINGS; seq += BATCH) {
                        connection.sendBatch(seq, BATCH, System.currentTimeMillis(), Map.of("v", seq));
                    }
                    return null;
                }));
            }
            // While the flood is being written: REST answers and a monitor gets live readings.
            Api.Reply health = api.get("/api/health");
            assertEquals(200, health.status(), "health during the flood: " + health.body());
            monitor.await(MonitorClient.ofType("reading"), WAIT);

            for (Future<?> send : sending) {
                send.get(2, TimeUnit.MINUTES);
            }
            for (DeviceConnection connection : connections) {
                connection.awaitAck(READINGS, FLOOD_WAIT);
                assertTrue(connection.isOpen(), "a flooding device is paused, not closed");
            }
        } finally {
            floods.shutdownNow();
        }
        for (int i = 0; i < DEVICES; i++) {
            Stored.exactlyOnceUpTo(api, registered.get(i).id(), READINGS);
            assertEquals(READINGS, Stored.seqs(api, registered.get(i).id()).size());
            connections.get(i).close();
        }
    }
}
