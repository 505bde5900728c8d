package io.vigil.e2e;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.glassfish.tyrus.client.ClientManager;

/**
 * A wire-level test device over the Tyrus client (not the SDK): it sends readings in
 * the wire contract's shapes and keeps what the server answered (welcome,
 * acks, rejections, the close reason) for the caller to wait on.
 */
public final class TestDevice implements AutoCloseable {

    public static final String SUBPROTOCOL = "vigil.v1";

    private final String deviceId;
    /** The container the connection was opened on; shut down with it when {@link #open(URI, String, String)} made it. */
    private WebSocketContainer container;
    private boolean ownsContainer;
    private final CompletableFuture<JsonObject> welcome = new CompletableFuture<>();
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private final AtomicLong highestAck = new AtomicLong();
    private final List<JsonObject> rejected = new CopyOnWriteArrayList<>();
    private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    private final Object ackSignal = new Object();
    private volatile Session session;

    private TestDevice(String deviceId) {
        this.deviceId = deviceId;
    }

    /**
     * Connects {@code deviceId} to {@code baseUri} (e.g. {@code ws://localhost:8080}) with its token, on a
     * Tyrus container of its own that is shut down with the connection.
     *
     * @throws DeploymentException when the handshake is refused (401, 403, ...)
     */
    public static TestDevice open(URI baseUri, String deviceId, String token)
            throws DeploymentException, IOException {
        TestDevice connection = open(ClientManager.createClient(), baseUri, deviceId, token);
        connection.ownsContainer = true;
        return connection;
    }

    /**
     * Connects {@code deviceId} on the given container, which the caller keeps and shuts down.
     *
     * @throws DeploymentException when the handshake is refused (401, 403, ...)
     */
    public static TestDevice open(WebSocketContainer container, URI baseUri, String deviceId, String token)
            throws DeploymentException, IOException {
        TestDevice connection = new TestDevice(deviceId);
        connection.container = container;
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(List.of(SUBPROTOCOL))
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> headers) {
                        if (token != null) {
                            headers.put("Authorization", List.of("Bearer " + token));
                        }
                    }
                })
                .build();
        URI uri = baseUri.resolve("/ws/devices/" + deviceId);
        connection.session = container.connectToServer(connection.endpoint(), config, uri);
        return connection;
    }

    private Endpoint endpoint() {
        return new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
                session.setMaxTextMessageBufferSize(16 * 1024 * 1024);
                // No idle timeout. (Tyrus 2.2 schedules an idle check on every send unless the timeout is
                // negative, and its container may already have shut that scheduler down between connections.)
                session.setMaxIdleTimeout(-1);
                session.addMessageHandler(String.class, (MessageHandler.Whole<String>) TestDevice.this::onText);
            }

            @Override
            public void onClose(Session session, CloseReason closeReason) {
                closed.complete(closeReason);
                welcome.completeExceptionally(new IOException("closed before welcome: " + closeReason));
                synchronized (ackSignal) {
                    ackSignal.notifyAll();
                }
            }

            @Override
            public void onError(Session session, Throwable error) {
                closed.completeExceptionally(error);
            }
        };
    }

    private void onText(String text) {
        JsonObject message;
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            message = reader.readObject();
        }
        received.add(message);
        switch (message.getString("type", "")) {
            case "welcome" -> welcome.complete(message);
            case "ack" -> {
                highestAck.accumulateAndGet(message.getJsonNumber("seq").longValue(), Math::max);
                synchronized (ackSignal) {
                    ackSignal.notifyAll();
                }
            }
            case "rejected" -> rejected.add(message);
            default -> { }
        }
    }

    public String deviceId() {
        return deviceId;
    }

    public Session session() {
        return session;
    }

    public String negotiatedSubprotocol() {
        return session.getNegotiatedSubprotocol();
    }

    /** The welcome's {@code lastSeq}, waiting for the welcome if it has not arrived yet. */
    public long awaitWelcome(Duration timeout) throws Exception {
        return welcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS).getJsonNumber("lastSeq").longValue();
    }

    public JsonObject welcomeMessage(Duration timeout) throws Exception {
        return welcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits until an ack covers {@code seq}; throws TimeoutException when none does in time. */
    public void awaitAck(long seq, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (ackSignal) {
            while (highestAck.get() < seq) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || closed.isDone()) {
                    throw new TimeoutException(deviceId + ": no ack for seq " + seq + " (highest ack "
                            + highestAck.get() + ", closed " + closed.isDone()
                            + (closed.isDone() && !closed.isCompletedExceptionally() ? ": " + closed.join() : "") + ")");
                }
                ackSignal.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    public long highestAck() {
        return highestAck.get();
    }

    public List<JsonObject> rejected() {
        return List.copyOf(rejected);
    }

    /** The next message of any type, or null when none arrives in time. */
    public JsonObject nextMessage(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public CloseReason awaitClose(Duration timeout) throws Exception {
        return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isOpen() {
        return session.isOpen();
    }

    public void sendTelemetry(long seq, long ts, Map<String, ? extends Number> metrics) throws IOException {
        JsonObjectBuilder message = reading(seq, ts, metrics).add("type", "telemetry");
        sendText(message.build().toString());
    }

    /** Sends readings {@code firstSeq..firstSeq+count-1} as one batch message. */
    public void sendBatch(long firstSeq, int count, long ts, Map<String, ? extends Number> metrics) throws IOException {
        var items = Json.createArrayBuilder();
        for (int i = 0; i < count; i++) {
            items.add(reading(firstSeq + i, ts + i, metrics));
        }
        sendText(Json.createObjectBuilder().add("type", "batch").add("items", items).build().toString());
    }

    public void sendText(String text) throws IOException {
        session.getBasicRemote().sendText(text);
    }

    public void sendBinary(byte[] data) throws IOException {
        session.getBasicRemote().sendBinary(ByteBuffer.wrap(data));
    }

    private static JsonObjectBuilder reading(long seq, long ts, Map<String, ? extends Number> metrics) {
        JsonObjectBuilder values = Json.createObjectBuilder();
        metrics.forEach((name, value) -> values.add(name, value.doubleValue()));
        return Json.createObjectBuilder().add("seq", seq).add("ts", ts).add("metrics", values);
    }

    @Override
    public void close() throws IOException {
        if (session != null && session.isOpen()) {
            session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "bye"));
        }
        if (ownsContainer) {
            ((ClientManager) container).shutdown();
        }
    }
}
