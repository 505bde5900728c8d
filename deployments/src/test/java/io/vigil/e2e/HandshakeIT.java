package io.vigil.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.util.Map;
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

    @Test
    void aVersionOtherThan13GetsA426NamingTheSupportedVersion() throws Exception {
        Api.Device device = api.register(Api.uniqueId("v8"));
        for (String version : new String[] {"8", "7", "14", "banana"}) {
            try (RawWebSocket ws = RawWebSocket.open(server.httpUri(), "/ws/devices/" + device.id(),
                    Map.of("Authorization", "Bearer " + device.token(), "Sec-WebSocket-Version", version))) {
                RawWebSocket.Handshake answer = ws.readHandshake();
                assertEquals(426, answer.status(), "version " + version);
                assertEquals("13", answer.headers().get("sec-websocket-version"));
                assertTrue(answer.headers().get("content-type").startsWith("application/json"));
            }
        }
        try (RawWebSocket ws = RawWebSocket.open(server.httpUri(), "/ws/monitor", Map.of("Sec-WebSocket-Version", "8"))) {
            assertEquals(426, ws.readHandshake().status());
        }
    }

    @Test
    void aMissingOrMalformedKeyGetsAJson400() throws Exception {
        for (String key : new String[] {"", "short", "not base64 at all!!!!!!!", "AAAAAAAAAAAAAAAAAAAAAAAAAAAA"}) {
            try (RawWebSocket ws = RawWebSocket.open(server.httpUri(), "/ws/monitor",
                    Map.of("Sec-WebSocket-Key", key))) {
                RawWebSocket.Handshake answer = ws.readHandshake();
                assertEquals(400, answer.status(), "key '" + key + "'");
                assertTrue(answer.headers().get("content-type").startsWith("application/json"));
            }
        }
    }

    @Test
    void anHttp10UpgradeAndAPlainGetAreRefusedWithJson400() throws Exception {
        String key = java.util.Base64.getEncoder().encodeToString(new byte[16]);
        try (RawWebSocket ws = RawWebSocket.sendRaw(server.httpUri(), "GET /ws/monitor HTTP/1.0\r\nHost: 127.0.0.1\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n")) {
            assertEquals(400, ws.readHandshake().status());
        }
        Api.Reply plain = api.get("/ws/monitor");
        assertEquals(400, plain.status());
        assertEquals("not_websocket", plain.object().getString("error"));
    }

    @Test
    void theMonitorSocketRefusesPagesFromOtherOriginsBeforeTheUpgrade() throws Exception {
        for (String origin : new String[] {"http://evil.example", "http://127.0.0.1:8081", "https://127.0.0.1:8080",
                "null", "http://127.0.0.1.evil.example:8080"}) {
            try (RawWebSocket ws = RawWebSocket.open(server.httpUri(), "/ws/monitor", Map.of("Origin", origin))) {
                RawWebSocket.Handshake answer = ws.readHandshake();
                assertEquals(403, answer.status(), "origin " + origin);
                assertTrue(ws.readBody(answer).contains("forbidden_origin"));
            }
        }
        try (RawWebSocket ws = RawWebSocket.open(server.httpUri(), "/ws/monitor",
                Map.of("Origin", "http://127.0.0.1:8080"))) {
            assertEquals(101, ws.readHandshake().status(), "the server's own origin");
        }
    }

    private int handshakeStatus(String deviceId, String token) {
        return handshakeStatus(server, deviceId, token);
    }

    /** The HTTP status of a refused upgrade, using the JDK client (it exposes the response). */
    static int handshakeStatus(VigilServer server, String deviceId, String token) {
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
