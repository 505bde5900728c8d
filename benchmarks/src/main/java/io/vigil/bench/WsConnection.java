package io.vigil.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One WebSocket on the JDK client, as a load generator needs it: sends are
 * queued and chained (the JDK allows one outstanding send), whole text
 * messages go to a callback on the client's thread, in order.
 */
final class WsConnection implements WebSocket.Listener {

    private final Consumer<String> onMessage;
    private final Queue<String> outgoing = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final StringBuilder partial = new StringBuilder();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile WebSocket socket;

    private WsConnection(Consumer<String> onMessage) {
        this.onMessage = onMessage;
    }

    /**
     * Opens a connection that signs in with {@code authorization} (a device's
     * Bearer token, an operator's Basic); null for the echo endpoint.
     */
    static WsConnection open(HttpClient http, URI uri, String authorization, Consumer<String> onMessage) {
        WsConnection connection = new WsConnection(onMessage);
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        connection.socket = builder.buildAsync(uri, connection).join();
        return connection;
    }

    void send(String text) {
        outgoing.add(text);
        pump();
    }

    private void pump() {
        while (sending.compareAndSet(false, true)) {
            String next = outgoing.poll();
            if (next == null) {
                sending.set(false);
                if (outgoing.isEmpty()) {
                    return;
                }
                continue;
            }
            socket.sendText(next, true).whenComplete((ws, error) -> {
                sending.set(false);
                if (error == null) {
                    pump();
                }
            });
            return;
        }
    }

    void close() {
        WebSocket ws = socket;
        if (ws != null && !ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(e -> null);
        }
    }

    void abort() {
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        if (last && partial.isEmpty()) {
            onMessage.accept(data.toString());
        } else {
            partial.append(data);
            if (last) {
                String whole = partial.toString();
                partial.setLength(0);
                onMessage.accept(whole);
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
    }
}
