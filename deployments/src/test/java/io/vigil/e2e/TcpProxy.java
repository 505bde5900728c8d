package io.vigil.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * A TCP proxy on loopback for fault tests: it forwards bytes both ways
 * between its clients and one target, and on demand cuts every connection
 * with a reset, either at once or in the middle of the next chunk of data
 * (so a WebSocket frame arrives half), silences them without closing, or
 * refuses new connections for a while (a network or database outage).
 */
final class TcpProxy implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TcpProxy.class.getName());
    private static final int MAX_CONNECTIONS = 500;

    private final InetSocketAddress target;
    private final ServerSocket listener;
    private final Set<Pair> pairs = ConcurrentHashMap.newKeySet();
    private final AtomicInteger cutMidChunk = new AtomicInteger();
    private final AtomicInteger cutIdle = new AtomicInteger();
    private volatile long refuseUntil;
    private volatile boolean closed;

    /** Both directions of one proxied connection. */
    private final class Pair {
        final Socket client;
        final Socket server;
        volatile boolean cutNextChunk;
        volatile boolean blackHole;

        Pair(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void pump(Socket from, Socket to) {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (blackHole) {
                        continue;
                    }
                    if (cutNextChunk) {
                        if (n > 1) {
                            out.write(buffer, 0, n / 2);
                            out.flush();
                            cutMidChunk.incrementAndGet();
                        } else {
                            cutIdle.incrementAndGet();
                        }
                        reset();
                        return;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away or was cut
            }
            reset();
        }

        void reset() {
            pairs.remove(this);
            abort(client);
            abort(server);
        }
    }

    TcpProxy(int targetPort) throws IOException {
        this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "tcp-proxy-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Cuts every connection now, each in the middle of the next chunk it carries (or at once after {@code grace}). */
    void cutAllMidFrame(Duration grace) {
        pairs.forEach(p -> p.cutNextChunk = true);
        Thread idleCutter = new Thread(() -> {
            sleep(grace.toMillis());
            for (Pair pair : pairs) {
                if (pair.cutNextChunk) {
                    cutIdle.incrementAndGet();
                    pair.reset();
                }
            }
        }, "tcp-proxy-idle-cut");
        idleCutter.setDaemon(true);
        idleCutter.start();
    }

    /**
     * Every connection open now goes silent: the bytes are swallowed, nothing
     * is closed (a NAT that dropped its mapping, a cable pulled somewhere on
     * the path). New connections work normally.
     */
    void silenceAll() {
        pairs.forEach(p -> p.blackHole = true);
    }

    /** Resets every connection and refuses (resets) new ones for {@code duration}. */
    void outage(Duration duration) {
        refuseUntil = System.nanoTime() + duration.toNanos();
        pairs.forEach(Pair::reset);
    }

    /** New connections are let through again (an outage ends early). */
    void endOutage() {
        refuseUntil = 0;
    }

    int connections() {
        return pairs.size();
    }

    int cutMidChunk() {
        return cutMidChunk.get();
    }

    int cutIdle() {
        return cutIdle.get();
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warning("proxy accept failed: " + e);
                }
                return;
            }
            if (System.nanoTime() < refuseUntil || pairs.size() >= MAX_CONNECTIONS) {
                abort(client);
                continue;
            }
            try {
                Socket server = new Socket();
                server.connect(target, 2_000);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                Pair pair = new Pair(client, server);
                pairs.add(pair);
                start(() -> pair.pump(client, server));
                start(() -> pair.pump(server, client));
            } catch (IOException e) {
                abort(client);
            }
        }
    }

    private static void start(Runnable pump) {
        Thread thread = new Thread(pump, "tcp-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    /** Closes with a reset (SO_LINGER 0), as a dropped network path or a crashed peer looks. */
    private static void abort(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException e) {
            // already closed
        }
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        pairs.forEach(Pair::reset);
    }
}
