package io.vigil.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.client.sdk.ConnectionState;
import io.vigil.client.sdk.DeviceListener;
import io.vigil.client.sdk.DeviceRefusedException;
import io.vigil.client.sdk.VigilDevice;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code DELETE /api/devices/{id}/token} and rotation (PROTOCOL.md section 8). */
class TokenRevocationIT extends E2E {

    @TempDir
    Path outboxes;

    @Test
    void revokingATokenClosesTheLiveConnectionWith1008AndRefusesItAfterwards() throws Exception {
        Api.Device device = api.register(Api.uniqueId("revoke"));
        try (TestDevice connection = connect(device)) {
            connection.sendTelemetry(1, 1, Map.of("v", 1));
            connection.awaitAck(1, WAIT);
            assertEquals(204, api.delete("/api/devices/" + device.id() + "/token").status());
            CloseReason close = connection.awaitClose(WAIT);
            assertEquals(1008, close.getCloseCode().getCode());
            assertEquals("token revoked", close.getReasonPhrase());
        }
        assertEquals(401, HandshakeIT.handshakeStatus(server, device.id(), device.token()));
        assertEquals(1, Stored.seqs(api, device.id()).size(), "what was acked before stays stored");
    }

    @Test
    void aRotatedTokenWorksAtOnceTheOldOneNoLongerAndTheOpenConnectionStays() throws Exception {
        Api.Device device = api.register(Api.uniqueId("rotate"));
        try (TestDevice connection = connect(device)) {
            Api.Reply rotated = api.post("/api/devices/" + device.id() + "/token", JsonValue.EMPTY_JSON_OBJECT);
            assertEquals(200, rotated.status());
            String fresh = rotated.object().getString("token");
            assertTrue(!fresh.equals(device.token()));
            connection.sendTelemetry(1, 1, Map.of("v", 1));
            connection.awaitAck(1, WAIT);
            assertEquals(401, HandshakeIT.handshakeStatus(server, device.id(), device.token()));
            try (TestDevice again = connect(new Api.Device(device.id(), fresh))) {
                assertEquals(1, again.awaitWelcome(WAIT));
            }
        }
        assertEquals(404, api.delete("/api/devices/no-such-device-z/token").status());
        assertEquals(404, api.post("/api/devices/no-such-device-z/token", JsonValue.EMPTY_JSON_OBJECT).status());
    }

    @Test
    void theSdkStopsForGoodWhenItsTokenIsRevokedAndKeepsItsReadings() throws Exception {
        Api.Device device = api.register(Api.uniqueId("sdkrevoke"));
        CompletableFuture<DeviceRefusedException> refused = new CompletableFuture<>();
        try (VigilDevice sdk = VigilDevice.builder().server(server.wsUri()).deviceId(device.id()).token(device.token())
                .outboxDirectory(outboxes).reconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(1))
                .listener(new DeviceListener() {
                    @Override
                    public void refused(DeviceRefusedException reason) {
                        refused.complete(reason);
                    }
                }).build()) {
            sdk.start();
            sdk.send(Map.of("v", 1));
            assertTrue(sdk.awaitDrained(WAIT));
            assertEquals(204, api.delete("/api/devices/" + device.id() + "/token").status());
            DeviceRefusedException reason = refused.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(1008, reason.closeCode());
            assertEquals(ConnectionState.STOPPED, sdk.state());
            assertEquals(1, sdk.metrics().connects(), "it did not try to reconnect with a revoked token");
        }
    }
}
