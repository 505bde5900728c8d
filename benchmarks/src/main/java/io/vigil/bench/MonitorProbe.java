package io.vigil.bench;

import java.net.URI;
import java.net.http.HttpClient;

/**
 * An admin page as far as latency is concerned: a monitor connection that
 * takes each {@code reading} event and records how long after the device's
 * {@code ts} (the generator's clock, the same machine) it arrived.
 */
final class MonitorProbe {

    private final Latencies pageLatency;
    private final WsConnection connection;
    private volatile boolean measuring;

    MonitorProbe(HttpClient http, URI ws, Latencies pageLatency) {
        this.pageLatency = pageLatency;
        this.connection = WsConnection.open(http, ws.resolve("/ws/monitor"), BenchServer.OPERATOR_AUTHORIZATION,
                this::received);
    }

    void measure(boolean on) {
        measuring = on;
    }

    void close() {
        connection.close();
    }

    private void received(String text) {
        if (measuring && Messages.isType(text, "reading")) {
            long ts = Messages.longField(text, "\"ts\":");
            if (ts > 0) {
                pageLatency.add(Math.max(0, System.currentTimeMillis() - ts) * 1_000);
            }
        }
    }
}
