package io.vigil.web.monitor;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.StringReader;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A monitor's WebSocket session without a server: what the hub sends is
 * "on the wire" until the test reads it, as a browser tab reads at its own
 * pace; a ping is answered when everything sent before it has been read.
 */
final class FakeMonitorSession {

    private record Sent(String text, SendHandler done) {
    }

    private final String id;
    private final ArrayDeque<Object> wire = new ArrayDeque<>();
    private final List<JsonObject> received = new ArrayList<>();
    private boolean open = true;
    private CloseReason closeReason;
    private MonitorSessions hub;
    final Session session;

    FakeMonitorSession(String id) {
        this.id = id;
        RemoteEndpoint.Async remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "sendText" -> {
                        wire.addLast(new Sent((String) args[0], (SendHandler) args[1]));
                        yield null;
                    }
                    case "sendPing" -> {
                        wire.addLast(((ByteBuffer) args[0]).getLong(0));
                        yield null;
                    }
                    case "setBatchingAllowed", "flushBatch" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        this.session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isOpen" -> open;
                    case "getId" -> this.id;
                    case "getAsyncRemote" -> remote;
                    case "close" -> {
                        open = false;
                        closeReason = args == null ? null : (CloseReason) args[0];
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "session " + this.id;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    void answerPingsThrough(MonitorSessions hub) {
        this.hub = hub;
    }

    /** Reads up to {@code count} frames off the wire (messages and pings); answers how many it read. */
    int read(int count) {
        int read = 0;
        while (read < count && !wire.isEmpty()) {
            Object frame = wire.pollFirst();
            if (frame instanceof Sent sent) {
                received.add(Json.createReader(new StringReader(sent.text())).readObject());
                sent.done().onResult(new SendResult());
            } else if (hub != null && open) {
                hub.pong(session, (Long) frame);
            }
            read++;
        }
        return read;
    }

    void readAll() {
        while (read(Integer.MAX_VALUE) > 0) {
            // a completed send may start the next one
        }
    }

    List<JsonObject> received() {
        return received;
    }

    boolean isOpen() {
        return open;
    }

    CloseReason closeReason() {
        return closeReason;
    }

    void dropConnection() {
        open = false;
    }
}
