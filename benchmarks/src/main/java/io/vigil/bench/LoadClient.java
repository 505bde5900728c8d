package io.vigil.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One device connection of the load, speaking only the wire contract: it
 * numbers its readings 1, 2, 3, ..., sends them as {@code telemetry} (or
 * {@code batch} messages of {@code batchSize}), and takes every cumulative
 * {@code ack} as the end of those readings' round trip. In closed loop it keeps
 * {@code window} readings unacked; in open loop the caller paces it.
 *
 * <p>Against the echo endpoint the same messages come back unchanged, and an
 * echoed message counts as the ack of the readings in it: the same client,
 * the same connection count and window, measuring the server's ceiling.
 */
final class LoadClient {

    private static final String METRICS = "{\"temperature\":21.5,\"humidity\":40.1,\"pressure\":1.013}";

    private final int batchSize;
    private final int window;
    private final boolean closedLoop;
    private final Latencies ackLatency;
    private final AtomicLong ackedTotal;
    private final long[] sentAt;
    private final CompletableFuture<Void> welcomed = new CompletableFuture<>();
    private long nextSeq = 1;
    private long acked;
    private volatile boolean running = true;
    private volatile boolean measuring;
    private WsConnection connection;

    private LoadClient(int batchSize, int window, boolean closedLoop, Latencies ackLatency, AtomicLong ackedTotal) {
        this.batchSize = batchSize;
        this.window = window;
        this.closedLoop = closedLoop;
        this.ackLatency = ackLatency;
        this.ackedTotal = ackedTotal;
        this.sentAt = new long[Math.max(1 << 12, Integer.highestOneBit(Math.max(window, batchSize) * 4) * 2)];
    }

    /** A Vigil device (registered, with its token); waits for the welcome. */
    static LoadClient device(HttpClient http, URI ws, String deviceId, String token, int batchSize, int window,
                             boolean closedLoop, Latencies ackLatency, AtomicLong ackedTotal) {
        LoadClient client = new LoadClient(batchSize, window, closedLoop, ackLatency, ackedTotal);
        client.connection = WsConnection.open(http, ws.resolve("/ws/devices/" + deviceId), "Bearer " + token,
                client::received);
        client.welcomed.join();
        return client;
    }

    /** A client of the echo endpoint, behaving exactly like a device. */
    static LoadClient echo(HttpClient http, URI ws, int batchSize, int window, boolean closedLoop,
                           Latencies ackLatency, AtomicLong ackedTotal) {
        LoadClient client = new LoadClient(batchSize, window, closedLoop, ackLatency, ackedTotal);
        client.connection = WsConnection.open(http, ws.resolve("/echo/ws"), null, client::received);
        client.welcomed.complete(null);
        return client;
    }

    /** Starts measuring (after the warm-up); fills the window in closed loop. */
    void start(boolean measure) {
        measuring = measure;
        if (closedLoop) {
            fill();
        }
    }

    void measure(boolean on) {
        measuring = on;
    }

    /** Open loop: sends one message now, whatever is unacked. */
    synchronized void sendOne() {
        if (running) {
            sendMessage();
        }
    }

    void stop() {
        running = false;
    }

    synchronized long sent() {
        return nextSeq - 1;
    }

    synchronized long acked() {
        return acked;
    }

    void close() {
        connection.close();
    }

    private synchronized void fill() {
        while (running && (nextSeq - 1 - acked) + batchSize <= window) {
            sendMessage();
        }
    }

    private void sendMessage() {
        long first = nextSeq;
        long now = System.nanoTime();
        long ts = System.currentTimeMillis();
        StringBuilder text;
        if (batchSize == 1) {
            text = new StringBuilder(128).append("{\"type\":\"telemetry\",\"seq\":").append(first)
                    .append(",\"ts\":").append(ts).append(",\"metrics\":").append(METRICS).append('}');
        } else {
            text = new StringBuilder(batchSize * 100).append("{\"type\":\"batch\",\"items\":[");
            for (int i = 0; i < batchSize; i++) {
                text.append(i == 0 ? "" : ",").append("{\"seq\":").append(first + i).append(",\"ts\":").append(ts)
                        .append(",\"metrics\":").append(METRICS).append('}');
            }
            text.append("]}");
        }
        for (int i = 0; i < batchSize; i++) {
            sentAt[(int) ((first + i) & (sentAt.length - 1))] = now;
        }
        nextSeq += batchSize;
        connection.send(text.toString());
    }

    private void received(String text) {
        if (Messages.isType(text, "ack")) {
            ackUpTo(Messages.longField(text, "\"seq\":"));
        } else if (Messages.isType(text, "welcome")) {
            continueAfter(Messages.longField(text, "\"lastSeq\":"));
            welcomed.complete(null);
        } else if (text.startsWith("{\"type\":\"telemetry\"") || text.startsWith("{\"type\":\"batch\"")) {
            ackUpTo(Messages.longField(text, "\"seq\":") + batchSize - 1); // the echo of a message we sent
        }
    }

    /** A device the server already holds readings of (a seeded one) goes on after them, as a real device does. */
    private synchronized void continueAfter(long lastSeq) {
        if (lastSeq > 0 && nextSeq == 1) {
            nextSeq = lastSeq + 1;
            acked = lastSeq;
        }
    }

    private synchronized void ackUpTo(long seq) {
        if (seq <= acked) {
            return;
        }
        long now = System.nanoTime();
        if (measuring) {
            for (long s = acked + 1; s <= seq; s++) {
                ackLatency.add((now - sentAt[(int) (s & (sentAt.length - 1))]) / 1_000);
            }
            ackedTotal.addAndGet(seq - acked);
        }
        acked = seq;
        if (closedLoop) {
            fill();
        }
    }
}
