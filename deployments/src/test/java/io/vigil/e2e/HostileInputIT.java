package io.vigil.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input matrix: hostile handshakes and frames against the deployed
 * server, written from PROTOCOL.md and RFC 6455, each with the status, close
 * code or in-band answer it must get. After the matrix the server still
 * serves a normal device, its log grew by a bounded amount (no stack trace per
 * hostile frame) and its heap after GC is within a bound of where it started.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT extends E2E {

    /** What the whole matrix may add to server.log, and to the heap after GC. */
    private static final long LOG_GROWTH_BOUND = 64 * 1024;
    private static final long HEAP_GROWTH_BOUND = 24L * 1024 * 1024;

    private long logBefore;
    private long heapBefore;
    private int cases;
    private final List<String> tokens = new ArrayList<>();

    /** One hostile input and the check of what the server answered. */
    record Case(String name, Attack attack) {
        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface Attack {
        void run(HostileInputIT test) throws Exception;
    }

    @BeforeAll
    void measureBefore() throws IOException {
        logBefore = Files.size(server.serverLog());
        heapBefore = server.heapAfterGcBytes();
    }

    @AfterAll
    void serverIsStillWellAfterTheMatrix() throws Exception {
        try (TestDevice device = newDevice("after-matrix")) {
            device.sendTelemetry(1, 1, Map.of("temperature", 21.5));
            device.awaitAck(1, WAIT);
        }
        long logGrowth = Files.size(server.serverLog()) - logBefore;
        long heapGrowth = server.heapAfterGcBytes() - heapBefore;
        String figures = cases + " hostile inputs; server.log grew by " + logGrowth + " bytes (bound "
                + LOG_GROWTH_BOUND + "); heap after GC grew by " + heapGrowth / 1024 + " KiB (bound "
                + HEAP_GROWTH_BOUND / 1024 + " KiB)";
        System.out.println("MATRIX " + figures);
        String log = Files.readString(server.serverLog(), StandardCharsets.UTF_8);
        String matrixLog = log.substring((int) Math.min(logBefore, log.length()));
        assertTrue(!matrixLog.contains("\tat io.vigil"), "no stack trace from Vigil's code in the log: " + figures);
        assertTrue(tokens.stream().noneMatch(log::contains) && !matrixLog.contains("Bearer "),
                "no device token in the log");
        assertTrue(logGrowth < LOG_GROWTH_BOUND, figures);
        assertTrue(heapGrowth < HEAP_GROWTH_BOUND, figures);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void hostileInputGetsItsAnswer(Case hostile) throws Exception {
        cases++;
        hostile.attack().run(this);
    }

    // --- the matrix ---

    Stream<Case> matrix() {
        List<Case> all = new ArrayList<>();
        // Device handshake.
        all.add(handshake("no token", t -> t.deviceUpgrade(null), 401));
        all.add(handshake("empty bearer token", t -> t.deviceUpgrade("Bearer "), 401));
        all.add(handshake("garbled token", t -> t.deviceUpgrade("Bearer \u0001\u0002%%%"), 401));
        all.add(handshake("basic instead of bearer", t -> t.deviceUpgrade("Basic dXNlcjpwYXNz"), 401));
        all.add(handshake("unknown token", t -> t.deviceUpgrade("Bearer " + "A".repeat(43)), 401));
        all.add(handshake("token of another device", t -> {
            Api.Device other = t.api.register(Api.uniqueId("other"));
            return t.upgrade("/ws/devices/" + t.api.register(Api.uniqueId("victim")).id(),
                    Map.of("Authorization", "Bearer " + other.token()));
        }, 403));
        all.add(handshake("revoked token", t -> {
            Api.Device revoked = t.api.register(Api.uniqueId("revoked"));
            t.api.delete("/api/devices/" + revoked.id() + "/token");
            return t.upgrade("/ws/devices/" + revoked.id(), Map.of("Authorization", "Bearer " + revoked.token()));
        }, 401));
        all.add(handshake("device id with a space", t -> t.upgrade("/ws/devices/a%20b", Map.of()), 400));
        all.add(handshake("device id of 65 characters", t -> t.upgrade("/ws/devices/" + "d".repeat(65), Map.of()), 400));
        all.add(handshake("device id with a dot-dot path", t -> t.upgrade("/ws/devices/..%2F..%2Fetc", Map.of()), 400));
        all.add(handshake("version 8", t -> t.upgrade("/ws/devices/x", Map.of("Sec-WebSocket-Version", "8")), 426));
        all.add(handshake("version missing", t -> t.upgradeWithout("Sec-WebSocket-Version"), 426));
        all.add(handshake("key missing", t -> t.upgradeWithout("Sec-WebSocket-Key"), 400));
        all.add(handshake("key not base64", t -> t.upgrade("/ws/monitor", Map.of("Sec-WebSocket-Key", "%%%%")), 400));
        all.add(handshake("key of 8 bytes", t -> t.upgrade("/ws/monitor",
                Map.of("Sec-WebSocket-Key", Base64.getEncoder().encodeToString(new byte[8]))), 400));
        all.add(handshake("HTTP/1.0 upgrade", t -> RawWebSocket.sendRaw(t.server.httpUri(), "GET /ws/monitor HTTP/1.0\r\n"
                + "Host: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(new byte[16]) + "\r\nSec-WebSocket-Version: 13\r\n\r\n"), 400));
        all.add(handshake("no Upgrade header", t -> t.upgrade("/ws/monitor", mapWithNull("Upgrade")), 400));
        all.add(new Case("header of 100 KB", t -> {
            try (RawWebSocket ws = t.upgrade("/ws/monitor", Map.of("X-Padding", "p".repeat(100_000)))) {
                int status = ws.readHandshake().status();
                assertTrue(status == 400 || status == 431 || status == -1, "status " + status);
            } catch (IOException e) {
                // the server dropped the connection: also a refusal
            }
        }));
        all.add(new Case("handshake: headers never finished (slow client)", t -> {
            try (RawWebSocket ws = RawWebSocket.sendRaw(t.server.httpUri(), "GET /ws/monitor HTTP/1.1\r\nHost: 127.0.0.1\r\n")) {
                long started = System.nanoTime();
                RawWebSocket.Handshake answer = ws.readHandshake(); // the server gives up: an error or a closed socket
                long seconds = java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
                assertTrue(answer.status() != 101 && seconds <= 20, answer.status() + " after " + seconds + " s");
            } catch (IOException e) {
                // reset: also given up
            }
        }));
        all.add(new Case("handshake: permessage-deflate offered (stays off)", t -> {
            try (RawWebSocket ws = t.upgrade("/ws/monitor", Map.of("Sec-WebSocket-Extensions", "permessage-deflate"))) {
                RawWebSocket.Handshake answer = ws.readHandshake();
                assertEquals(101, answer.status());
                assertTrue(!answer.headers().containsKey("sec-websocket-extensions"), answer.headers().toString());
            }
        }));
        all.add(handshake("bogus subprotocol only (served v1 anyway)", t -> {
            Api.Device device = t.api.register(Api.uniqueId("subproto"));
            return t.upgrade("/ws/devices/" + device.id(), Map.of("Authorization", "Bearer " + device.token(),
                    "Sec-WebSocket-Protocol", "evil.v9"));
        }, 101));
        // Monitor handshake.
        all.add(handshake("monitor from a foreign origin", t -> t.upgrade("/ws/monitor",
                Map.of("Origin", "http://evil.example")), 403));
        all.add(handshake("monitor from origin null", t -> t.upgrade("/ws/monitor", Map.of("Origin", "null")), 403));
        all.add(handshake("monitor from a look-alike origin", t -> t.upgrade("/ws/monitor",
                Map.of("Origin", "http://127.0.0.1:8080.evil.example")), 403));
        all.add(handshake("monitor without a sign-in", t -> t.upgrade("/ws/monitor", mapWithNull("Authorization")), 401));
        all.add(handshake("monitor with a wrong password", t -> t.upgrade("/ws/monitor", Map.of("Authorization",
                new Operator(Operator.ADMIN.username(), "guessed-password").basic())), 401));
        all.add(handshake("monitor with Basic that is not base64", t -> t.upgrade("/ws/monitor",
                Map.of("Authorization", "Basic %%%not-base64%%%")), 401));
        all.add(handshake("monitor with Basic without a colon", t -> t.upgrade("/ws/monitor", Map.of("Authorization",
                "Basic " + Base64.getEncoder().encodeToString("adminpassword".getBytes(StandardCharsets.UTF_8)))), 401));
        all.add(handshake("monitor with a device's Bearer token", t -> t.upgrade("/ws/monitor",
                Map.of("Authorization", "Bearer " + t.api.register(Api.uniqueId("bearer")).token())), 401));
        all.add(handshake("monitor with a 40 KB Basic credential", t -> t.upgrade("/ws/monitor", Map.of("Authorization",
                "Basic " + Base64.getEncoder().encodeToString(("admin:" + "p".repeat(30_000)).getBytes(StandardCharsets.UTF_8)))),
                401));
        all.add(handshake("monitor with an SQL-looking operator name", t -> t.upgrade("/ws/monitor", Map.of("Authorization",
                new Operator("admin' OR '1'='1", "x' OR '1'='1").basic())), 401));

        // Device frames that end the connection.
        String valid = "{\"type\":\"telemetry\",\"seq\":1,\"ts\":1,\"metrics\":{\"a\":1}}";
        all.add(deviceClose("invalid UTF-8", ws -> ws.frame(0x1, true, new byte[] {(byte) 0xC3, 0x28}), 1007));
        all.add(deviceClose("not JSON", ws -> ws.text("hello"), 1007));
        all.add(deviceClose("JSON array", ws -> ws.text("[1,2,3]"), 1007));
        all.add(deviceClose("JSON string", ws -> ws.text("\"telemetry\""), 1007));
        all.add(deviceClose("no type", ws -> ws.text("{}"), 1007));
        all.add(deviceClose("type is a number", ws -> ws.text("{\"type\":7}"), 1007));
        all.add(deviceClose("unknown type", ws -> ws.text("{\"type\":\"launch_missiles\"}"), 1007));
        all.add(deviceClose("telemetry without seq", ws -> ws.text("{\"type\":\"telemetry\",\"ts\":1,\"metrics\":{\"a\":1}}"), 1007));
        all.add(deviceClose("seq 0", ws -> ws.text(valid.replace("\"seq\":1", "\"seq\":0")), 1007));
        all.add(deviceClose("seq negative", ws -> ws.text(valid.replace("\"seq\":1", "\"seq\":-5")), 1007));
        all.add(deviceClose("seq fractional", ws -> ws.text(valid.replace("\"seq\":1", "\"seq\":1.5")), 1007));
        all.add(deviceClose("seq as a string", ws -> ws.text(valid.replace("\"seq\":1", "\"seq\":\"1\"")), 1007));
        all.add(deviceClose("seq 2^53", ws -> ws.text(valid.replace("\"seq\":1", "\"seq\":9007199254740992")), 1007));
        all.add(deviceClose("seq 2^63-1", ws -> ws.text(valid.replace("\"seq\":1", "\"seq\":9223372036854775807")), 1007));
        all.add(deviceClose("seq 1e400", ws -> ws.text(valid.replace("\"seq\":1", "\"seq\":1e400")), 1007));
        all.add(deviceClose("empty batch", ws -> ws.text("{\"type\":\"batch\",\"items\":[]}"), 1007));
        all.add(deviceClose("batch of 501", ws -> ws.text(batch(501, 1)), 1007));
        all.add(deviceClose("batch out of order", ws -> ws.text("{\"type\":\"batch\",\"items\":[" + item(2) + "," + item(1) + "]}"), 1007));
        all.add(deviceClose("batch of numbers", ws -> ws.text("{\"type\":\"batch\",\"items\":[1,2]}"), 1007));
        all.add(deviceClose("nested 1,000 deep", ws -> ws.text("[".repeat(1000) + "]".repeat(1000)), 1007));
        all.add(deviceClose("nested objects 100 deep", ws -> ws.text("{\"a\":".repeat(100) + "1" + "}".repeat(100)), 1007));
        all.add(deviceClose("command_result without id", ws -> ws.text("{\"type\":\"command_result\",\"status\":\"ok\"}"), 1007));
        all.add(deviceClose("command_result with a bad status", ws -> ws.text("{\"type\":\"command_result\",\"id\":\"c-1\",\"status\":\"maybe\"}"), 1007));
        all.add(deviceClose("10,000 metrics (over the size limit)", ws -> ws.text(metrics(10_000)), 1009));
        all.add(deviceClose("a message of 70 KB", ws -> ws.text("{\"type\":\"telemetry\",\"pad\":\"" + "x".repeat(70_000) + "\"}"), 1009));
        all.add(deviceClose("70 KB in 100 fragments", ws -> fragments(ws, 100, 700), 1009));
        all.add(deviceClose("a frame announcing 10 MB", ws -> {
            byte[] mask = ws.frameHeader(0x1, true, 10_000_000);
            ws.payload(new byte[128 * 1024], mask, 0);
            ws.flush();
        }, 1009));
        all.add(deviceClose("5,000 one-byte fragments", ws -> fragments(ws, 5_000, 1), 1008));
        all.add(deviceClose("binary frame", ws -> ws.frame(0x2, true, new byte[] {1, 2, 3}), 1003));
        all.add(new Case("device: 3,000 valid frames at once (slowed to its rate, not closed: all acked)", t -> {
            try (RawWebSocket ws = t.device()) {
                for (int seq = 1; seq <= 3_000; seq++) {
                    ws.text("{\"type\":\"telemetry\",\"seq\":" + seq + ",\"ts\":1,\"metrics\":{\"a\":1}}");
                }
                t.awaitAck(ws, 3_000);
            }
        }));
        all.add(deviceClose("65,538 bytes of 3-byte characters (a 65,536-byte limit)", ws -> ws.text(
                "{\"type\":\"telemetry\",\"pad\":\"" + "\u20ac".repeat(21_840) + "\"}"), 1009));
        all.add(deviceClose("unmasked frame", ws -> ws.unmaskedText("{}"), 1002));
        all.add(deviceClose("reserved bit set", ws -> ws.frame(0x40 | 0x1, true, "{}".getBytes()), 1002));
        all.add(deviceClose("reserved opcode", ws -> ws.frame(0x3, true, "{}".getBytes()), 1002));
        all.add(deviceClose("ping of 126 bytes", ws -> ws.frame(0x9, true, new byte[126]), 1002));
        all.add(deviceClose("fragmented ping", ws -> ws.frame(0x9, false, new byte[4]), 1002));
        all.add(deviceClose("continuation without a start", ws -> ws.frame(0x0, true, "x".getBytes()), 1002));
        all.add(deviceClose("close with code 1004", ws -> ws.frame(0x8, true, new byte[] {0x03, (byte) 0xEC}), 1002));
        all.add(deviceClose("close with a one-byte body", ws -> ws.frame(0x8, true, new byte[] {0x03}), 1002));

        // Device frames that are answered in-band (quarantined: rejected, then acked).
        all.add(deviceRejected("value 1e400", "{\"a\":1e400}", "invalid_metric"));
        all.add(deviceRejected("NaN token", "{\"a\":NaN}", "invalid_metric"));
        all.add(deviceRejected("value \"NaN\" as a string", "{\"a\":\"NaN\"}", "invalid_metric"));
        all.add(deviceRejected("value null", "{\"a\":null}", "invalid_metric"));
        all.add(deviceRejected("metric name with a space", "{\"a b\":1}", "invalid_metric"));
        all.add(deviceRejected("metric name of 65 characters", "{\"" + "m".repeat(65) + "\":1}", "invalid_metric"));
        all.add(deviceRejected("65 metrics", metricsObject(65), "too_many_metrics"));
        all.add(deviceRejected("metrics as an array", "[1,2]", "invalid_metrics"));
        all.add(deviceRejected("no metrics", "{}", "no_metrics"));
        all.add(new Case("ts negative (rejected)", t -> t.expectRejected(
                "{\"type\":\"telemetry\",\"seq\":1,\"ts\":-1,\"metrics\":{\"a\":1}}", "invalid_ts")));
        all.add(new Case("ts as a string (rejected)", t -> t.expectRejected(
                "{\"type\":\"telemetry\",\"seq\":1,\"ts\":\"now\",\"metrics\":{\"a\":1}}", "invalid_ts")));
        all.add(new Case("2,000 pings without reading the pongs, then a reading", t -> {
            try (RawWebSocket ws = t.device()) {
                for (int i = 0; i < 2_000; i++) {
                    ws.frame(0x9, true, new byte[125]);
                }
                ws.text(valid);
                assertEquals("ack", type(t.nextReply(ws, "ack")));
            }
        }));

        // Monitor frames.
        all.add(monitorClose("monitor: not JSON", ws -> ws.text("hello"), 1007));
        all.add(monitorClose("monitor: unknown type", ws -> ws.text("{\"type\":\"drop_tables\"}"), 1007));
        all.add(monitorClose("monitor: nested 1,000 deep", ws -> ws.text("{\"a\":".repeat(1000) + "1" + "}".repeat(1000)), 1007));
        all.add(monitorClose("monitor: binary frame", ws -> ws.frame(0x2, true, new byte[] {1}), 1003));
        all.add(monitorClose("monitor: 70 KB", ws -> ws.text("{\"type\":\"subscribe\",\"pad\":\"" + "x".repeat(70_000) + "\"}"), 1009));
        all.add(monitorClose("monitor: a frame announcing 10 MB", ws -> {
            byte[] mask = ws.frameHeader(0x1, true, 10_000_000);
            ws.payload(new byte[128 * 1024], mask, 0);
            ws.flush();
        }, 1009));
        all.add(new Case("monitor: 500 frames at once (slowed, not closed: then answered)", t -> {
            try (RawWebSocket ws = t.monitor()) {
                for (int i = 0; i < 500; i++) {
                    ws.text("{\"type\":\"subscribe\",\"devices\":[\"*\"]}");
                }
                ws.text("{\"type\":\"ack_alert\",\"alertId\":\"x\"}");
                // Read at its rate (20 a second past a burst of 200): the answer comes some 15 s later, after
                // whatever live events flowed meanwhile.
                assertEquals("invalid_request", t.nextReply(ws, "error", 100_000).getString("code"));
            }
        }));
        all.add(monitorError("monitor: subscribe to a bad id", "{\"type\":\"subscribe\",\"devices\":[\"a b\"]}", "invalid_request"));
        all.add(monitorError("monitor: ack_alert with a string id", "{\"type\":\"ack_alert\",\"alertId\":\"17\"}", "invalid_request"));
        all.add(monitorError("monitor: ack_alert of an unknown alert", "{\"type\":\"ack_alert\",\"alertId\":999999999}", "not_found"));
        all.add(monitorError("monitor: resume with a negative id", "{\"type\":\"resume\",\"lastEventId\":-1}", "invalid_request"));
        all.add(monitorError("monitor: command to an unknown device", "{\"type\":\"command\",\"deviceId\":\"nobody-here\",\"name\":\"x\"}", "not_found"));
        all.add(monitorError("monitor: command with args not an object", "{\"type\":\"command\",\"deviceId\":\"x\",\"name\":\"x\",\"args\":7}", "invalid_request"));
        return all.stream();
    }

    // --- how cases are built ---

    private static Case handshake(String name, Opener opener, int status) {
        return new Case("handshake: " + name, t -> {
            try (RawWebSocket ws = opener.open(t)) {
                assertEquals(status, ws.readHandshake().status());
            }
        });
    }

    private static Case deviceClose(String name, Sender send, int code) {
        return new Case("device: " + name, t -> {
            try (RawWebSocket ws = t.device()) {
                try {
                    send.send(ws);
                } catch (IOException e) {
                    // the server closed while we were still writing; its close frame is what counts
                }
                RawWebSocket.Ending end = ws.readUntilClose();
                assertEquals(code, end.closeCode(), end.toString());
                assertTrue(!end.reason().isEmpty(), "every close carries a reason");
            }
        });
    }

    private static Case deviceRejected(String name, String metrics, String code) {
        return new Case("device: " + name + " (rejected)", t -> t.expectRejected(
                "{\"type\":\"telemetry\",\"seq\":1,\"ts\":1,\"metrics\":" + metrics + "}", code));
    }

    private static Case monitorClose(String name, Sender send, int code) {
        return new Case(name, t -> {
            try (RawWebSocket ws = t.monitor()) {
                try {
                    send.send(ws);
                } catch (IOException e) {
                    // closed while writing
                }
                RawWebSocket.Ending end = ws.readUntilClose();
                assertEquals(code, end.closeCode(), end.toString());
            }
        });
    }

    private static Case monitorError(String name, String frame, String code) {
        return new Case(name, t -> {
            try (RawWebSocket ws = t.monitor()) {
                ws.text(frame);
                JsonObject error = t.nextReply(ws, "error");
                assertEquals(code, error.getString("code"));
                ws.text("{\"type\":\"subscribe\",\"devices\":[\"*\"]}");  // and the connection goes on
            }
        });
    }

    @FunctionalInterface
    interface Opener {
        RawWebSocket open(HostileInputIT test) throws Exception;
    }

    @FunctionalInterface
    interface Sender {
        void send(RawWebSocket ws) throws Exception;
    }

    RawWebSocket upgrade(String path, Map<String, String> headers) throws IOException {
        return RawWebSocket.open(server.httpUri(), path, headers);
    }

    RawWebSocket deviceUpgrade(String authorization) throws IOException {
        Api.Device device = api.register(Api.uniqueId("hs"));
        return upgrade("/ws/devices/" + device.id(), authorization == null ? Map.of()
                : Map.of("Authorization", authorization));
    }

    /** A monitor upgrade without one of the standard headers. */
    RawWebSocket upgradeWithout(String header) throws IOException {
        return upgrade("/ws/monitor", mapWithNull(header));
    }

    RawWebSocket device() throws IOException {
        Api.Device device = api.register(Api.uniqueId("hostile"));
        tokens.add(device.token());
        RawWebSocket ws = upgrade("/ws/devices/" + device.id(), Map.of("Authorization", "Bearer " + device.token()));
        assertEquals(101, ws.readHandshake().status());
        assertEquals("welcome", type(parse(ws.readText())));
        return ws;
    }

    RawWebSocket monitor() throws IOException {
        RawWebSocket ws = upgrade("/ws/monitor", Map.of());
        assertEquals(101, ws.readHandshake().status());
        assertEquals("snapshot", type(parse(ws.readText())));
        return ws;
    }

    void expectRejected(String frame, String code) throws IOException {
        try (RawWebSocket ws = device()) {
            ws.text(frame);
            JsonObject rejected = nextReply(ws, "rejected");
            assertEquals(code, rejected.getString("code"));
            assertEquals("ack", type(nextReply(ws, "ack")), "a rejected reading is handled: an ack covers it");
        }
    }

    /** Reads until an ack covers {@code seq}. */
    void awaitAck(RawWebSocket ws, long seq) throws IOException {
        for (int i = 0; i < 10 * (int) seq; i++) {
            String text = ws.readText();
            assertNotNull(text, "the connection closed before the ack of " + seq);
            JsonObject message = parse(text);
            if ("ack".equals(type(message)) && message.getJsonNumber("seq").longValue() >= seq) {
                return;
            }
        }
        throw new AssertionError("no ack of " + seq);
    }

    /** The next text message of {@code type}, skipping others (pings are skipped by the reader). */
    JsonObject nextReply(RawWebSocket ws, String wanted) throws IOException {
        return nextReply(ws, wanted, 50);
    }

    JsonObject nextReply(RawWebSocket ws, String wanted, int within) throws IOException {
        for (int i = 0; i < within; i++) {
            String text = ws.readText();
            assertNotNull(text, "the connection closed before a '" + wanted + "'");
            JsonObject message = parse(text);
            if (wanted.equals(type(message))) {
                return message;
            }
        }
        throw new AssertionError("no '" + wanted + "' in " + within + " messages");
    }

    private static Map<String, String> mapWithNull(String header) {
        java.util.HashMap<String, String> headers = new java.util.HashMap<>();
        headers.put(header, null);
        return headers;
    }

    private static void fragments(RawWebSocket ws, int count, int size) throws IOException {
        byte[] part = new byte[size];
        java.util.Arrays.fill(part, (byte) 'x');
        ws.frame(0x1, false, ("{\"pad\":\"" + "x".repeat(Math.max(0, size - 8))).getBytes(StandardCharsets.UTF_8));
        for (int i = 1; i < count; i++) {
            ws.frame(0x0, i == count - 1, part);
        }
    }

    private static String item(long seq) {
        return "{\"seq\":" + seq + ",\"ts\":1,\"metrics\":{\"a\":1}}";
    }

    private static String batch(int count, long firstSeq) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < count; i++) {
            items.append(i == 0 ? "" : ",").append(item(firstSeq + i));
        }
        return "{\"type\":\"batch\",\"items\":[" + items + "]}";
    }

    private static String metricsObject(int count) {
        StringBuilder metrics = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            metrics.append(i == 0 ? "" : ",").append("\"m").append(i).append("\":").append(i);
        }
        return metrics.append('}').toString();
    }

    private static String metrics(int count) {
        return "{\"type\":\"telemetry\",\"seq\":1,\"ts\":1,\"metrics\":" + metricsObject(count) + "}";
    }

    private static JsonObject parse(String text) {
        assertNotNull(text, "the connection closed");
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private static String type(JsonObject message) {
        return message.getString("type", "");
    }
}
