package io.vigil.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.client.sdk.ConnectionState;
import io.vigil.client.sdk.DeviceListener;
import io.vigil.client.sdk.DeviceRefusedException;
import io.vigil.client.sdk.VigilDevice;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The device SDK against the deployed server: commands, refusal, dead connections, outbox numbering. */
class SdkIT extends E2E {

    @TempDir
    Path outboxes;

    private VigilDevice.Builder device(Api.Device registered, URI server) {
        return VigilDevice.builder().server(server).deviceId(registered.id()).token(registered.token())
                .outboxDirectory(outboxes.resolve(registered.id()))
                .reconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(1));
    }

    @Test
    void registeredCommandsAreAnsweredAndUnknownOrFailingOnesGetAnError() throws Exception {
        Api.Device registered = api.register(Api.uniqueId("sdkcmd"));
        try (VigilDevice device = device(registered, server.wsUri())
                .command("set_interval", args -> Json.createObjectBuilder().add("interval", args.getInt("seconds")).build())
                .command("self_test", args -> {
                    throw new IllegalStateException("pump stalled");
                })
                .build()) {
            device.start();
            awaitState(device, ConnectionState.CONNECTED);
            JsonObject ok = runCommand(registered.id(), "set_interval", Json.createObjectBuilder().add("seconds", 7).build());
            assertEquals("OK", ok.getString("status"));
            assertEquals(7, ok.getJsonObject("result").getInt("interval"));
            JsonObject unknown = runCommand(registered.id(), "reboot", JsonObject.EMPTY_JSON_OBJECT);
            assertEquals("ERROR", unknown.getString("status"));
            assertEquals("unknown_command", unknown.getJsonObject("result").getString("error"));
            JsonObject failed = runCommand(registered.id(), "self_test", JsonObject.EMPTY_JSON_OBJECT);
            assertEquals("ERROR", failed.getString("status"));
            assertEquals("pump stalled", failed.getJsonObject("result").getString("message"));
            assertEquals(3, device.metrics().commands());
        }
    }

    @Test
    void anUnknownTokenStopsTheDeviceWithAClearError() throws Exception {
        Api.Device registered = api.register(Api.uniqueId("sdkauth"));
        CompletableFuture<DeviceRefusedException> refused = new CompletableFuture<>();
        try (VigilDevice device = device(new Api.Device(registered.id(), "not-the-token"), server.wsUri())
                .listener(new DeviceListener() {
                    @Override
                    public void refused(DeviceRefusedException reason) {
                        refused.complete(reason);
                    }
                }).build()) {
            device.send(Map.of("v", 1));
            device.start();
            DeviceRefusedException reason = refused.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(401, reason.httpStatus());
            assertEquals(ConnectionState.STOPPED, device.state());
        }
        assertEquals(0, Stored.seqs(api, registered.id()).size());
    }

    @Test
    void aConnectionThatGoesSilentIsDetectedAndReplacedWithoutLosingReadings() throws Exception {
        Api.Device registered = api.register(Api.uniqueId("sdkdead"));
        try (TcpProxy proxy = new TcpProxy(server.wsUri().getPort());
             VigilDevice device = device(registered, URI.create("ws://127.0.0.1:" + proxy.port()))
                     .heartbeat(Duration.ofMillis(500), Duration.ofMillis(1000)).build()) {
            device.start();
            awaitState(device, ConnectionState.CONNECTED);
            device.send(Map.of("v", 1));
            assertTrue(device.awaitDrained(WAIT));
            proxy.silenceAll();
            long silencedAt = System.nanoTime();
            for (int i = 2; i <= 20; i++) {
                device.send(Map.of("v", i));
            }
            await(() -> device.metrics().connects() >= 2, WAIT);
            long detectedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - silencedAt);
            assertTrue(device.awaitDrained(WAIT), "readings sent into the silent connection were re-sent");
            assertTrue(detectedMillis < 5_000, "a silent connection is replaced within interval + timeout (plus a"
                    + " reconnect); took " + detectedMillis + " ms");
            assertEquals(LongStream.rangeClosed(1, 20).boxed().toList(), Stored.seqs(api, registered.id()));
        }
    }

    @Test
    void readingsProducedWhileOfflineArriveInOrderAfterTheReconnect() throws Exception {
        Api.Device registered = api.register(Api.uniqueId("sdkoff"));
        try (VigilDevice device = device(registered, server.wsUri()).build()) {
            device.start();
            awaitState(device, ConnectionState.CONNECTED);
            device.goOffline(Duration.ofSeconds(1));
            for (int i = 1; i <= 1_200; i++) {
                device.send(Map.of("v", i));
            }
            assertTrue(device.awaitDrained(WAIT));
            assertEquals(LongStream.rangeClosed(1, 1_200).boxed().toList(), Stored.seqs(api, registered.id()));
        }
    }

    @Test
    void aFreshOutboxForADeviceTheServerKnowsContinuesAfterItsLastSeq() throws Exception {
        Api.Device registered = api.register(Api.uniqueId("sdknew"));
        try (VigilDevice first = device(registered, server.wsUri()).build()) {
            first.start();
            for (int i = 1; i <= 10; i++) {
                first.send(Map.of("v", i));
            }
            assertTrue(first.awaitDrained(WAIT));
        }
        // The device's storage was wiped: a new outbox starts at seq 1 before it has talked to the server.
        Path wiped = outboxes.resolve("wiped");
        try (VigilDevice second = device(registered, server.wsUri()).outboxDirectory(wiped).build()) {
            for (int i = 1; i <= 5; i++) {
                second.send(Map.of("v", 100 + i));
            }
            second.start();
            assertTrue(second.awaitDrained(WAIT));
            assertEquals(15, second.lastSeq());
        }
        List<Long> seqs = Stored.seqs(api, registered.id());
        assertEquals(LongStream.rangeClosed(1, 15).boxed().toList(), seqs, "no reading taken for a duplicate");
        assertTrue(Files.exists(wiped.resolve("readings.log")));
    }

    private JsonObject runCommand(String deviceId, String name, JsonObject args) throws InterruptedException {
        String id = api.post("/api/commands", Json.createObjectBuilder().add("deviceId", deviceId).add("name", name)
                .add("args", args).build()).object().getString("id");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            JsonObject command = api.get("/api/commands/" + id).object();
            if (!"PENDING".equals(command.getString("status"))) {
                return command;
            }
            assertTrue(System.nanoTime() < deadline, "no answer to " + name);
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private static void awaitState(VigilDevice device, ConnectionState state) throws InterruptedException {
        await(() -> device.state() == state, WAIT);
    }

    private static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not met within " + timeout);
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }
}
