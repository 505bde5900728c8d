package io.vigil.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Operators' commands to devices: monitor and REST in, the device's answer out (PROTOCOL.md sections 4 and 6). */
class CommandsIT extends E2E {

    private static Predicate<JsonObject> result(String commandId) {
        return m -> "command_result".equals(m.getString("type", "")) && commandId.equals(m.getString("id", ""));
    }

    private static JsonObject command(String deviceId, String name, JsonObject args) {
        return Json.createObjectBuilder().add("type", "command").add("deviceId", deviceId).add("name", name)
                .add("args", args).add("requestId", "r-1").build();
    }

    @Test
    void aMonitorsCommandReachesTheDeviceAndItsResultIsPushedToEveryMonitor() throws Exception {
        try (TestDevice device = newDevice("cmd"); MonitorClient sender = newMonitor(); MonitorClient watcher = newMonitor()) {
            sender.send(command(device.deviceId(), "set_interval", Json.createObjectBuilder().add("seconds", 5).build()));
            JsonObject accepted = sender.await(MonitorClient.ofType("command_accepted"), WAIT);
            assertEquals("r-1", accepted.getString("requestId"));
            String id = accepted.getJsonObject("command").getString("id");
            assertEquals("PENDING", accepted.getJsonObject("command").getString("status"));
            JsonObject sent = watcher.await(m -> "command_sent".equals(m.getString("type", ""))
                    && id.equals(m.getJsonObject("command").getString("id")), WAIT);
            assertEquals(Operator.ADMIN.username(), sent.getJsonObject("command").getString("requestedBy"));

            JsonObject forwarded = device.nextMessage(WAIT);
            while (forwarded != null && !"command".equals(forwarded.getString("type"))) {
                forwarded = device.nextMessage(WAIT);
            }
            assertTrue(forwarded != null, "the device got the command");
            assertEquals(id, forwarded.getString("id"));
            assertEquals("set_interval", forwarded.getString("name"));
            assertEquals(5, forwarded.getJsonObject("args").getInt("seconds"));

            device.sendText("{\"type\":\"command_result\",\"id\":\"" + id + "\",\"status\":\"ok\",\"result\":{\"interval\":5}}");
            for (MonitorClient monitor : new MonitorClient[] {sender, watcher}) {
                JsonObject pushed = monitor.await(result(id), WAIT);
                assertEquals("ok", pushed.getString("status"));
                assertEquals(device.deviceId(), pushed.getString("deviceId"));
                assertEquals(5, pushed.getJsonObject("result").getInt("interval"));
                assertTrue(pushed.getJsonNumber("eventId").longValue() > sent.getJsonNumber("eventId").longValue());
            }
            JsonObject stored = api.get("/api/commands/" + id).object();
            assertEquals("OK", stored.getString("status"));
            assertEquals(Operator.ADMIN.username(), stored.getString("requestedBy"));
            assertTrue(stored.getJsonNumber("completedAt").longValue() >= stored.getJsonNumber("requestedAt").longValue());
            assertEquals(id, api.get("/api/commands?deviceId=" + device.deviceId()).body().asJsonArray()
                    .getJsonObject(0).getString("id"));
        }
    }

    @Test
    void aCommandToADeviceThatIsNotConnectedEndsAtOnceAsAnError() throws Exception {
        Api.Device offline = api.register(Api.uniqueId("cmdoff"));
        try (MonitorClient monitor = newMonitor()) {
            Api.Reply reply = api.post("/api/commands", Json.createObjectBuilder().add("deviceId", offline.id())
                    .add("name", "identify").build());
            assertEquals(202, reply.status());
            assertEquals("ERROR", reply.object().getString("status"));
            assertEquals("device_offline", reply.object().getJsonObject("result").getString("error"));
            JsonObject pushed = monitor.await(result(reply.object().getString("id")), WAIT);
            assertEquals("error", pushed.getString("status"));
            assertEquals("device_offline", pushed.getJsonObject("result").getString("error"));
        }
    }

    @Test
    void aCommandNobodyAnswersTimesOut() throws Exception {
        try (TestDevice device = newDevice("cmdslow"); MonitorClient monitor = newMonitor()) {
            Api.Reply reply = api.post("/api/commands", Json.createObjectBuilder().add("deviceId", device.deviceId())
                    .add("name", "reboot").build());
            String id = reply.object().getString("id");
            JsonObject pushed = monitor.await(result(id), Duration.ofSeconds(VigilServer.COMMAND_TIMEOUT_SECONDS + 15));
            assertEquals("error", pushed.getString("status"));
            assertEquals("TIMEOUT", pushed.getString("outcome"));
            assertEquals("timeout", pushed.getJsonObject("result").getString("error"));
            // A late answer does not change how it ended.
            device.sendText("{\"type\":\"command_result\",\"id\":\"" + id + "\",\"status\":\"ok\"}");
            device.sendTelemetry(1, 1, java.util.Map.of("v", 1));
            device.awaitAck(1, WAIT);
            assertEquals("TIMEOUT", api.get("/api/commands/" + id).object().getString("status"));
        }
    }

    @Test
    void aDeviceCannotAnswerAnotherDevicesCommand() throws Exception {
        try (TestDevice target = newDevice("cmdtarget"); TestDevice other = newDevice("cmdother")) {
            String id = api.post("/api/commands", Json.createObjectBuilder().add("deviceId", target.deviceId())
                    .add("name", "identify").build()).object().getString("id");
            other.sendText("{\"type\":\"command_result\",\"id\":\"" + id + "\",\"status\":\"ok\"}");
            other.sendTelemetry(1, 1, java.util.Map.of("v", 1));
            other.awaitAck(1, WAIT);
            assertEquals("PENDING", api.get("/api/commands/" + id).object().getString("status"));
            assertTrue(other.isOpen(), "an unknown command id is ignored, not a protocol violation");
        }
    }

    @Test
    void badCommandRequestsAreAnsweredWithErrors() throws Exception {
        try (TestDevice device = newDevice("cmdbad"); MonitorClient monitor = newMonitor()) {
            int mark = monitor.mark();
            monitor.send(command(device.deviceId(), "bad name!", JsonValue.EMPTY_JSON_OBJECT));
            assertEquals("invalid_request", monitor.await(mark, MonitorClient.ofType("error"), WAIT).getString("code"));
            mark = monitor.mark();
            monitor.sendRaw("{\"type\":\"command\",\"deviceId\":\"" + device.deviceId() + "\",\"name\":\"x\",\"args\":[1]}");
            assertEquals("invalid_request", monitor.await(mark, MonitorClient.ofType("error"), WAIT).getString("code"));
            mark = monitor.mark();
            monitor.send(command("no-such-device-x", "identify", JsonValue.EMPTY_JSON_OBJECT));
            assertEquals("not_found", monitor.await(mark, MonitorClient.ofType("error"), WAIT).getString("code"));
            StringBuilder big = new StringBuilder();
            for (int i = 0; i < 1000; i++) {
                big.append(",\"k").append(i).append("\":\"0123456789\"");
            }
            mark = monitor.mark();
            monitor.sendRaw("{\"type\":\"command\",\"deviceId\":\"" + device.deviceId() + "\",\"name\":\"x\",\"args\":{"
                    + big.substring(1) + "}}");
            assertEquals("invalid_request", monitor.await(mark, MonitorClient.ofType("error"), WAIT).getString("code"));
            assertTrue(!monitor.isClosed(), "bad requests leave the monitor connected");
        }
        assertEquals(400, api.postRaw("/api/commands", "").status());
        assertEquals(400, api.post("/api/commands", Json.createObjectBuilder().add("deviceId", "x y")
                .add("name", "identify").build()).status());
        assertEquals(404, api.post("/api/commands", Json.createObjectBuilder().add("deviceId", "no-such-device-y")
                .add("name", "identify").build()).status());
        assertEquals(404, api.get("/api/commands/c-nothing").status());
        assertEquals(400, api.get("/api/commands?limit=0").status());
    }
}
