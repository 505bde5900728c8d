package io.vigil.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The device upgrade is refused with real HTTP statuses before any WebSocket exists (PROTOCOL.md section 2). */
class HandshakeIT extends E2E {

    @Test
    void noTokenIsRefusedWith401() {
        Api.Device device = api.register(Api.uniqueId("hs"));
        assertEquals(401, handshakeStatus(device.id(), null));
    }

    @Test
    void unknownTokenIsRefusedWith401() {
        Api.Device device = api.register(Api.uniqueId("hs"));
        assertEquals(401, handshakeStatus(device.id(), "not-a-real-token"));
    }

    @Test
    void anotherDevicesTokenIsRefusedWith403() {
        Api.Device mine = api.register(Api.uniqueId("hs"));
        Api.Device other = api.register(Api.uniqueId("hs"));
        assertEquals(403, handshakeStatus(mine.id(), other.token()));
    }

    @Test
    void anInvalidDeviceIdIsRefusedWith400() {
        Api.Device device = api.register(Api.uniqueId("hs"));
        assertEquals(400, handshakeStatus("bad%20id", device.token()));
    }

    @Test
    void theRightTokenIsAccepted() throws Exception {
        Api.Device device = api.register(Api.uniqueId("hs"));
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + device.token())
                .buildAsync(server.wsUri().resolve("/ws/devices/" + device.id()), new WebSocket.Listener() { })
                .join();
        assertTrue(!socket.isInputClosed());
        socket.abort();
    }

    /** The HTTP status of a refused upgrade, using the JDK client (it exposes the response). */
    private int handshakeStatus(String deviceId, String token) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        CompletionException failure = assertThrows(CompletionException.class, () -> builder
                .buildAsync(server.wsUri().resolve("/ws/devices/" + deviceId), new WebSocket.Listener() { })
                .join());
        assertTrue(failure.getCause() instanceof WebSocketHandshakeException, failure.toString());
        return ((WebSocketHandshakeException) failure.getCause()).getResponse().statusCode();
    }
}
