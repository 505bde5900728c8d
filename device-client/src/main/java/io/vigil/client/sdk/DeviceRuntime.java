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
import org.glassfish.tyrus.client.SslEngineConfigurator;
import javax.net.ssl.SSLContext;

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

    private DeviceRuntime(Duration connectTimeout, SSLContext sslContext) {
        client = ClientManager.createClient();
        client.getProperties().put(ClientProperties.SHARED_CONTAINER, true);
        client.getProperties().put(ClientProperties.HANDSHAKE_TIMEOUT, (int) connectTimeout.toMillis());
        if (sslContext != null) {
            // wss:// with this context's trust (e.g. the server's own certificate authority); the host name is checked.
            SslEngineConfigurator ssl = new SslEngineConfigurator(sslContext, true, false, false);
            ssl.setHostVerificationEnabled(true);
            client.getProperties().put(ClientProperties.SSL_ENGINE_CONFIGURATOR, ssl);
        }
        timers = Executors.newScheduledThreadPool(1, daemons("vigil-device-timer"));
        blocking = Executors.newCachedThreadPool(daemons("vigil-device-io"));
    }

    /** A runtime whose connection attempts give up after 15 s without a handshake answer. */
    public static DeviceRuntime create() {
        return create(Duration.ofSeconds(15));
    }

    public static DeviceRuntime create(Duration connectTimeout) {
        return new DeviceRuntime(connectTimeout, null);
    }

    /**
     * A runtime whose {@code wss://} connections trust what {@code sslContext}
     * trusts (null: the JVM's default trust store), for servers whose
     * certificate is signed by a private authority.
     */
    public static DeviceRuntime create(Duration connectTimeout, SSLContext sslContext) {
        return new DeviceRuntime(connectTimeout, sslContext);
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
