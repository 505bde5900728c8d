package io.vigil.e2e;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A monitor (the admin page's side of PROTOCOL.md section 6) built on the
 * JDK's {@code java.net.http.WebSocket}. It keeps every message it got, and
 * can stop reading ({@link #pause()}) to play a slow client.
 */
public final class MonitorClient implements WebSocket.Listener, AutoCloseable {

    /** How the server closed the connection. */
    public record Close(int code, String reason) {
    }

    private final List<JsonObject> history = new ArrayList<>();
    private final CompletableFuture<Close> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile boolean paused;
    private volatile boolean requestOwed;
    private WebSocket socket;

    /** Connects as {@link Operator#ADMIN}. */
    public static MonitorClient connect(URI wsBase) {
        return connect(wsBase, Operator.ADMIN);
    }

    /** Connects signed in as {@code operator}, with HTTP Basic on the upgrade as scripts do. */
    public static MonitorClient connect(URI wsBase, Operator operator) {
        return connect(wsBase, operator, null);
    }

    /** Connects as {@link Operator#ADMIN}, sending {@code cookie} too (e.g. the balancer's, to pick a node). */
    public static MonitorClient connect(URI wsBase, String cookie) {
        return connect(wsBase, Operator.ADMIN, cookie);
    }

    private static MonitorClient connect(URI wsBase, Operator operator, String cookie) {
        MonitorClient client = new MonitorClient();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", operator.basic())
                .connectTimeout(Duration.ofSeconds(10));
        if (cookie != null) {
            builder.header("Cookie", cookie);
        }
        client.socket = builder.buildAsync(wsBase.resolve("/ws/monitor"), client).join();
        return client;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            JsonObject message;
            try (JsonReader reader = Json.createReader(new StringReader(partial.toString()))) {
                message = reader.readObject();
            }
            partial.setLength(0);
            synchronized (history) {
                history.add(message);
                history.notifyAll();
            }
        }
        if (paused) {
            requestOwed = true;
        } else {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Close(statusCode, reason));
        synchronized (history) {
            history.notifyAll();
        }
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
        synchronized (history) {
            history.notifyAll();
        }
    }

    /** Stops reading from the socket: the server's sends back up as with a stalled browser tab. */
    public void pause() {
        paused = true;
    }

    /** Reads again. */
    public void unpause() {
        paused = false;
        if (requestOwed) {
            requestOwed = false;
            socket.request(1);
        }
    }

    public void send(JsonObject message) {
        socket.sendText(message.toString(), true).join();
    }

    public void sendRaw(String text) {
        socket.sendText(text, true).join();
    }

    public void sendBinary(byte[] data) {
        socket.sendBinary(java.nio.ByteBuffer.wrap(data), true).join();
    }

    /** The number of messages so far; pass it to {@link #await} to look only at later ones. */
    public int mark() {
        synchronized (history) {
            return history.size();
        }
    }

    public List<JsonObject> messages() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    /** The first message from index {@code from} on that matches, waiting up to {@code timeout}. */
    public JsonObject await(int from, Predicate<JsonObject> match, Duration timeout)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (history) {
            int index = from;
            while (true) {
                for (; index < history.size(); index++) {
                    if (match.test(history.get(index))) {
                        return history.get(index);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || closed.isDone()) {
                    throw new TimeoutException("no matching monitor message; got " + history.size()
                            + " messages, closed: " + closed.isDone() + "; the last: "
                            + history.subList(Math.max(0, history.size() - 3), history.size()).stream()
                                    .map(m -> m.toString().length() > 300 ? m.toString().substring(0, 300) + "..."
                                            : m.toString()).toList());
                }
                history.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    public JsonObject await(Predicate<JsonObject> match, Duration timeout) throws InterruptedException, TimeoutException {
        return await(0, match, timeout);
    }

    /**
     * Sends {@code resume} after {@code lastEventId} and answers what came back for it: the messages
     * numbered up to {@code joinedAt} (this connection's snapshot), in the order received. A bad request
     * sent right after it marks the end of the replay with its error.
     */
    public List<JsonObject> resume(long lastEventId, long joinedAt, Duration timeout)
            throws InterruptedException, TimeoutException {
        int mark = mark();
        send(Json.createObjectBuilder().add("type", "resume").add("lastEventId", lastEventId).build());
        sendRaw("{\"type\":\"ack_alert\",\"alertId\":0}");
        await(mark, ofType("error"), timeout);
        return messages().subList(mark, mark()).stream()
                .filter(m -> m.containsKey("eventId") && m.getJsonNumber("eventId").longValue() <= joinedAt)
                .toList();
    }

    /** The alert, device and command events this monitor got with {@code after < eventId <= upTo}. */
    public List<JsonObject> eventsBetween(long after, long upTo) {
        return messages().stream()
                .filter(m -> m.containsKey("eventId") && !"reading".equals(m.getString("type"))
                        && !"snapshot".equals(m.getString("type")))
                .filter(m -> m.getJsonNumber("eventId").longValue() > after
                        && m.getJsonNumber("eventId").longValue() <= upTo)
                .toList();
    }

    public static Predicate<JsonObject> ofType(String type) {
        return m -> type.equals(m.getString("type", ""));
    }

    public Close awaitClose(Duration timeout) throws Exception {
        return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!closed.isDone() && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }
}
