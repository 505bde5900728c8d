package io.vigil.client.sdk;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;

/**
 * The threads and the Tyrus client that {@link VigilDevice}s share. A process
 * that runs one device need not know about it (each device then makes its
 * own); a gateway or simulator that runs many builds one and hands it to
 * every device, so a thousand devices do not mean a thousand thread pools.
 * Closing it closes the Tyrus client and stops the threads.
 */
public final class DeviceRuntime implements AutoCloseable {

    final ClientManager client;
    /** Timers: reconnect delays and heartbeats. */
    final ScheduledExecutorService timers;
    /** Work that may block: opening and closing connections, pings, command handlers. */
    final ExecutorService blocking;

    private DeviceRuntime(Duration connectTimeout) {
        client = ClientManager.createClient();
        client.getProperties().put(ClientProperties.SHARED_CONTAINER, true);
        client.getProperties().put(ClientProperties.HANDSHAKE_TIMEOUT, (int) connectTimeout.toMillis());
        timers = Executors.newScheduledThreadPool(1, daemons("vigil-device-timer"));
        blocking = Executors.newCachedThreadPool(daemons("vigil-device-io"));
    }

    /** A runtime whose connection attempts give up after 15 s without a handshake answer. */
    public static DeviceRuntime create() {
        return create(Duration.ofSeconds(15));
    }

    public static DeviceRuntime create(Duration connectTimeout) {
        return new DeviceRuntime(connectTimeout);
    }

    @Override
    public void close() {
        timers.shutdownNow();
        blocking.shutdown();
        try {
            blocking.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.shutdown();
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
