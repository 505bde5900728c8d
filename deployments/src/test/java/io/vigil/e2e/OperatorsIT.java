package io.vigil.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Operators sign in, and what each role may do: over REST and over the
 * monitor socket, a viewer watches and is refused every change (403 /
 * {@code error} "forbidden") with nothing changed; nobody without a sign-in
 * gets anything but 401; every change is in the audit log with who made it.
 */
class OperatorsIT extends E2E {

    private final Operator viewer = newOperator("viewer");
    private final Api asViewer = new Api(server.httpUri(), viewer);

    @Test
    void withoutSignInTheApiAndTheMonitorSocketAnswer401AndTheHealthCheckStaysOpen() throws Exception {
        Api anonymous = new Api(server.httpUri(), null);
        for (String path : List.of("/api/devices", "/api/alerts", "/api/rules", "/api/audit", "/api/operators/me")) {
            Api.Reply reply = anonymous.get(path);
            assertEquals(401, reply.status(), path);
            assertEquals("unauthorized", reply.object().getString("error"), path);
        }
        assertEquals(401, anonymous.post("/api/devices", Json.createObjectBuilder().add("id", "x").build()).status());
        assertEquals(200, anonymous.get("/api/health").status());

        HttpResponse<String> challenge = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(server.httpUri().resolve("/api/devices")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(challenge.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic realm=\"Vigil\""));

        Api wrongPassword = new Api(server.httpUri(), new Operator(Operator.ADMIN.username(), "not-the-password"));
        assertEquals(401, wrongPassword.get("/api/devices").status());
        Api nobody = new Api(server.httpUri(), new Operator("nobody-" + Api.uniqueId("x"), "whatever-password"));
        assertEquals(401, nobody.get("/api/devices").status());

        for (String authorization : new String[] {null, new Operator(Operator.ADMIN.username(), "wrong-password").basic()}) {
            Map<String, String> headers = new HashMap<>();
            headers.put("Authorization", authorization);
            try (RawWebSocket ws = RawWebSocket.open(server.httpUri(), "/ws/monitor", headers)) {
                assertEquals(401, ws.readHandshake().status());
            }
        }
    }

    @Test
    void aViewerWatchesButEveryChangeOverRestIsRefusedAndNothingChanges() throws Exception {
        Api.Device device = api.register(Api.uniqueId("viewed"));
        long ruleId = new AlertsIT().createRule(device.id(), "temperature", ">", 90, null, 0, "WARNING");
        long alertId;
        try (TestDevice connection = connect(device)) {
            connection.sendTelemetry(1, System.currentTimeMillis(), Map.of("temperature", 95));
            connection.awaitAck(1, WAIT);
            alertId = awaitActiveAlert(device.id());

            assertEquals(200, asViewer.get("/api/devices").status());
            assertEquals(200, asViewer.get("/api/alerts?state=ACTIVE").status());
            assertEquals(200, asViewer.get("/api/rules").status());
            assertEquals(200, asViewer.get("/api/devices/" + device.id() + "/readings").status());
            assertEquals(200, asViewer.get("/api/audit").status());
            JsonObject me = asViewer.get("/api/operators/me").object();
            assertEquals(viewer.username(), me.getString("username"));
            assertEquals("viewer", me.getString("role"));

            String newId = Api.uniqueId("not-registered");
            JsonObject rule = Json.createObjectBuilder().add("metric", "temperature").add("op", ">")
                    .add("threshold", 1).add("severity", "INFO").build();
            List<Api.Reply> refused = List.of(
                    asViewer.post("/api/devices", Json.createObjectBuilder().add("id", newId).build()),
                    asViewer.delete("/api/devices/" + device.id() + "/token"),
                    asViewer.post("/api/devices/" + device.id() + "/token", JsonValue.EMPTY_JSON_OBJECT),
                    asViewer.post("/api/rules", rule),
                    asViewer.put("/api/rules/" + ruleId, rule),
                    asViewer.delete("/api/rules/" + ruleId),
                    asViewer.post("/api/alerts/" + alertId + "/ack", Json.createObjectBuilder().add("note", "no").build()),
                    asViewer.post("/api/commands", Json.createObjectBuilder().add("deviceId", device.id())
                            .add("name", "identify").build()),
                    asViewer.post("/api/operators", Json.createObjectBuilder().add("username", "sneaky")
                            .add("password", "sneaky-password").add("role", "operator").build()),
                    asViewer.delete("/api/operators/" + Operator.ADMIN.username()),
                    asViewer.put("/api/devices/" + device.id() + "/tags", Json.createObjectBuilder().add("a", "b").build()),
                    asViewer.post("/api/devices/tags", Json.createObjectBuilder().add("devices",
                            Json.createArrayBuilder().add(device.id())).add("set", Json.createObjectBuilder().add("a", "b"))
                            .build()),
                    asViewer.post("/api/notifications/channels", Json.createObjectBuilder().add("name", "sneaky")
                            .add("type", "webhook").add("url", "http://127.0.0.1:9/").build()),
                    asViewer.post("/api/notifications/channels/1/test", JsonValue.EMPTY_JSON_OBJECT),
                    asViewer.delete("/api/notifications/channels/1"),
                    asViewer.post("/api/notifications/routes", Json.createObjectBuilder().add("name", "r").build()),
                    asViewer.post("/api/notifications/silences", Json.createObjectBuilder().add("deviceId", device.id())
                            .add("durationMinutes", 5).add("comment", "quiet").build()),
                    asViewer.delete("/api/notifications/silences/1"),
                    asViewer.put("/api/operators/" + Operator.ADMIN.username() + "/password",
                            Json.createObjectBuilder().add("password", "taken-over-now").build()));
            for (Api.Reply reply : refused) {
                assertEquals(403, reply.status(), String.valueOf(reply.body()));
                assertEquals("forbidden", reply.object().getString("error"));
            }

            assertEquals(404, api.get("/api/devices/" + newId).status());
            assertEquals(">", api.get("/api/rules/" + ruleId).object().getString("op"));
            assertEquals(90, api.get("/api/rules/" + ruleId).object().getJsonNumber("threshold").intValue());
            assertEquals("ACTIVE", alert(alertId).getString("state"));
            assertEquals(0, api.get("/api/commands?deviceId=" + device.id()).body().asJsonArray().size());
            assertFalse(api.get("/api/operators").body().asJsonArray().stream()
                    .anyMatch(o -> o.asJsonObject().getString("username").equals("sneaky")));
            assertEquals(0, api.get("/api/audit?actor=" + viewer.username()).body().asJsonArray().size());
            assertEquals(0, api.get("/api/devices/" + device.id() + "/tags").object().size());
            assertTrue(asViewer.get("/api/notifications/channels").status() == 200, "viewers may look");
            // ... but not at a webhook's credential, which chat services put in the URL's path.
            long hook = api.post("/api/notifications/channels", Json.createObjectBuilder().add("name", "chat")
                    .add("type", "webhook").add("url", "http://127.0.0.1:9/services/T0/B0/SECRETTOKEN").build())
                    .object().getJsonNumber("id").longValue();
            try {
                assertEquals("http://127.0.0.1:9/...", asViewer.get("/api/notifications/channels/" + hook).object()
                        .getString("url"));
                assertFalse(asViewer.get("/api/notifications/channels").body().toString().contains("SECRETTOKEN"));
                assertFalse(asViewer.get("/api/audit?target=channel:" + hook).body().toString().contains("SECRETTOKEN"));
                assertTrue(api.get("/api/notifications/channels/" + hook).object().getString("url")
                        .endsWith("SECRETTOKEN"), "operators see it whole");
            } finally {
                api.delete("/api/notifications/channels/" + hook);
            }
            // The device's token still works: the refused revocation changed nothing.
            assertTrue(connection.isOpen());
            connection.sendTelemetry(2, System.currentTimeMillis(), Map.of("temperature", 96));
            connection.awaitAck(2, WAIT);
        }
    }

    @Test
    void aViewerOnTheMonitorSocketGetsForbiddenForAcknowledgementsAndCommandsAndNothingChanges() throws Exception {
        Api.Device device = api.register(Api.uniqueId("viewsock"));
        new AlertsIT().createRule(device.id(), "pressure", "<", 1, null, 0, "CRITICAL");
        try (TestDevice connection = connect(device);
             MonitorClient monitor = MonitorClient.connect(server.wsUri(), viewer)) {
            monitor.await(MonitorClient.ofType("snapshot"), WAIT);
            connection.sendTelemetry(1, System.currentTimeMillis(), Map.of("pressure", 0.5));
            connection.awaitAck(1, WAIT);
            long alertId = monitor.await(AlertsIT.alertOf(device.id(), "ACTIVE"), WAIT)
                    .getJsonObject("alert").getJsonNumber("id").longValue();

            int mark = monitor.mark();
            monitor.send(Json.createObjectBuilder().add("type", "ack_alert").add("alertId", alertId).build());
            JsonObject ackRefused = monitor.await(mark, MonitorClient.ofType("error"), WAIT);
            assertEquals("forbidden", ackRefused.getString("code", ackRefused.getString("error", "")));

            mark = monitor.mark();
            monitor.send(Json.createObjectBuilder().add("type", "command").add("deviceId", device.id())
                    .add("name", "identify").add("args", JsonValue.EMPTY_JSON_OBJECT).build());
            JsonObject commandRefused = monitor.await(mark, MonitorClient.ofType("error"), WAIT);
            assertEquals("forbidden", commandRefused.getString("code", commandRefused.getString("error", "")));

            assertEquals("ACTIVE", alert(alertId).getString("state"));
            assertEquals(0, api.get("/api/commands?deviceId=" + device.id()).body().asJsonArray().size());
            for (JsonObject message = connection.nextMessage(java.time.Duration.ofMillis(300)); message != null;
                 message = connection.nextMessage(java.time.Duration.ofMillis(300))) {
                assertFalse("command".equals(message.getString("type", "")), "no command reached the device: " + message);
            }
            assertFalse(monitor.isClosed(), "a refused action does not cost the viewer the connection");
        }
    }

    @Test
    void everyChangeIsInTheAuditLogWithWhoMadeIt() throws Exception {
        Operator second = newOperator("operator");
        Api asSecond = new Api(server.httpUri(), second);
        String id = Api.uniqueId("audited");
        Api.Reply registered = asSecond.post("/api/devices", Json.createObjectBuilder().add("id", id).build());
        assertEquals(201, registered.status());
        Api.Device device = new Api.Device(id, registered.object().getString("token"));
        JsonObject rule = Json.createObjectBuilder().add("metric", "temperature").add("op", ">").add("threshold", 90)
                .add("severity", "CRITICAL").add("deviceId", id).build();
        long ruleId = asSecond.post("/api/rules", rule).object().getJsonNumber("id").longValue();
        try (TestDevice connection = connect(device)) {
            connection.sendTelemetry(1, System.currentTimeMillis(), Map.of("temperature", 91));
            connection.awaitAck(1, WAIT);
            long alertId = awaitActiveAlert(id);
            assertEquals(200, asSecond.post("/api/alerts/" + alertId + "/ack",
                    Json.createObjectBuilder().add("note", "checking the pump").build()).status());
            assertEquals(second.username(), alert(alertId).getString("acknowledgedBy"));
            assertEquals(202, asSecond.post("/api/commands", Json.createObjectBuilder().add("deviceId", id)
                    .add("name", "identify").build()).status());
        }
        assertEquals(200, asSecond.put("/api/rules/" + ruleId, Json.createObjectBuilder(rule).add("threshold", 95).build())
                .status());
        assertEquals(204, asSecond.delete("/api/rules/" + ruleId).status());
        assertEquals(200, asSecond.post("/api/devices/" + id + "/token", JsonValue.EMPTY_JSON_OBJECT).status());
        assertEquals(204, asSecond.delete("/api/devices/" + id + "/token").status());

        List<String> actions = api.get("/api/audit?actor=" + second.username()).body().asJsonArray().stream()
                .map(JsonValue::asJsonObject).map(e -> e.getString("action")).toList();
        assertEquals(List.of("device.token.revoke", "device.token.rotate", "rule.delete", "rule.update",
                "command.send", "alert.acknowledge", "rule.create", "device.register"), actions, "newest first");

        List<JsonObject> forDevice = api.get("/api/audit?target=device:" + id).body().asJsonArray().stream()
                .map(JsonValue::asJsonObject).toList();
        assertEquals(4, forDevice.size(), forDevice.toString());
        assertTrue(forDevice.stream().allMatch(e -> e.getString("actor").equals(second.username())));
        JsonObject ack = api.get("/api/audit?action=alert.acknowledge&actor=" + second.username()).body().asJsonArray()
                .getJsonObject(0);
        assertEquals("checking the pump", ack.getString("detail"));
        assertTrue(ack.getJsonNumber("at").longValue() > 0);

        JsonObject newest = api.get("/api/audit?limit=1").body().asJsonArray().getJsonObject(0);
        Api.Reply older = api.get("/api/audit?limit=5&before=" + newest.getJsonNumber("id").longValue());
        assertTrue(older.body().asJsonArray().stream().allMatch(
                e -> e.asJsonObject().getJsonNumber("id").longValue() < newest.getJsonNumber("id").longValue()));
        assertEquals(400, api.get("/api/audit?before=yesterday").status());
    }

    @Test
    void operatorsAreManagedOverRestWithTheirPasswordsRulesAndTheLastOperatorKept() throws Exception {
        Operator created = newOperator("viewer");
        Api asCreated = new Api(server.httpUri(), created);
        assertEquals(200, asCreated.get("/api/devices").status());

        JsonObject listed = api.get("/api/operators").body().asJsonArray().stream().map(JsonValue::asJsonObject)
                .filter(o -> o.getString("username").equals(created.username())).findFirst().orElseThrow();
        assertEquals("viewer", listed.getString("role"));
        assertEquals(Operator.ADMIN.username(), listed.getString("createdBy"));
        assertFalse(listed.containsKey("passwordHash"), "the hash never leaves the server");
        assertFalse(listed.toString().contains("$2a$"));

        assertError(api.post("/api/operators", operatorBody(created.username(), "another-password", "viewer")), 409, "conflict");
        assertError(api.post("/api/operators", operatorBody(Api.uniqueId("short"), "short", "viewer")), 400, "invalid_request");
        assertError(api.post("/api/operators", operatorBody(Api.uniqueId("long"), "x".repeat(73), "viewer")), 400,
                "invalid_request");
        assertError(api.post("/api/operators", operatorBody("has space", "long-enough-password", "viewer")), 400,
                "invalid_request");
        assertError(api.post("/api/operators", operatorBody(Api.uniqueId("role"), "long-enough-password", "admin")), 400,
                "invalid_request");
        assertError(api.post("/api/operators", operatorBody("me", "long-enough-password", "viewer")), 400,
                "invalid_request");

        // Anyone may change their own password; the old one stops working at once.
        assertEquals(204, asCreated.put("/api/operators/" + created.username() + "/password",
                Json.createObjectBuilder().add("password", "a-brand-new-password").build()).status());
        assertEquals(401, asCreated.get("/api/devices").status());
        Api renewed = new Api(server.httpUri(), new Operator(created.username(), "a-brand-new-password"));
        assertEquals(200, renewed.get("/api/devices").status());
        assertEquals(1, api.get("/api/audit?action=operator.password&target=" + created.username()).body()
                .asJsonArray().size());

        assertEquals(204, api.delete("/api/operators/" + created.username()).status());
        assertEquals(401, renewed.get("/api/devices").status(), "a removed operator cannot sign in");
        assertError(api.delete("/api/operators/" + created.username()), 404, "not_found");

        // The last holder of the operator role stays, or nobody could manage Vigil.
        List<String> operators = api.get("/api/operators").body().asJsonArray().stream().map(JsonValue::asJsonObject)
                .filter(o -> o.getString("role").equals("operator")).map(o -> o.getString("username")).toList();
        for (String name : operators) {
            if (!name.equals(Operator.ADMIN.username())) {
                assertEquals(204, api.delete("/api/operators/" + name).status());
            }
        }
        assertError(api.delete("/api/operators/" + Operator.ADMIN.username()), 400, "invalid_request");
        assertEquals(200, api.get("/api/devices").status());
    }

    @Test
    void aStateChangingRequestFromAnotherSitesPageIsRefusedWhoeverSignedIn() throws Exception {
        HttpResponse<String> forged = registerFrom("http://evil.example");
        assertEquals(403, forged.statusCode());
        assertTrue(forged.body().contains("forbidden_origin"), forged.body());
        HttpResponse<String> sameSite = registerFrom("http://127.0.0.1:8080");
        assertEquals(201, sameSite.statusCode(), sameSite.body());
    }

    /** An admin's device registration as a page at {@code origin} would send it. */
    private HttpResponse<String> registerFrom(String origin) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.httpUri().resolve("/api/devices"))
                .header("Authorization", Operator.ADMIN.basic())
                .header("Origin", origin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + Api.uniqueId("origin") + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theFormSignInGivesASessionCookieThatOpensTheMonitorSocketAndSignOutEndsIt() throws Exception {
        java.net.CookieManager cookies = new java.net.CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
        URI base = server.httpUri();
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(base.resolve("/j_security_check"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("j_username=" + Operator.ADMIN.username()
                        + "&j_password=" + Operator.ADMIN.password())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, signedIn.statusCode());
        String setCookie = signedIn.headers().firstValue("Set-Cookie").orElse("");
        assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"), setCookie);
        String session = setCookie.substring(0, setCookie.indexOf(';'));

        HttpResponse<String> me = browser.send(HttpRequest.newBuilder(base.resolve("/api/operators/me")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, me.statusCode());
        assertTrue(me.body().contains("\"operator\""), me.body());

        Map<String, String> withCookie = new HashMap<>();
        withCookie.put("Authorization", null);
        withCookie.put("Cookie", session);
        withCookie.put("Origin", "http://127.0.0.1:8080");
        try (RawWebSocket ws = RawWebSocket.open(base, "/ws/monitor", withCookie)) {
            assertEquals(101, ws.readHandshake().status());
        }

        HttpResponse<String> failed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/j_security_check"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("j_username=admin&j_password=wrong")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, failed.statusCode(), "a failed sign-in is not sent on to the page");
        assertTrue(failed.body().contains("j_security_check"), "it shows the form again");

        HttpResponse<String> out = browser.send(HttpRequest.newBuilder(base.resolve("/logout"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, out.statusCode());
        assertTrue(out.headers().firstValue("Location").orElse("").contains("login.html"));
        try (RawWebSocket ws = RawWebSocket.open(base, "/ws/monitor", withCookie)) {
            assertEquals(401, ws.readHandshake().status(), "the session cookie no longer signs anyone in");
        }
    }

    /** A new operator with the given role, made by the admin over REST. */
    private Operator newOperator(String role) {
        Operator operator = new Operator(Api.uniqueId(role), "password-of-" + role);
        Api.Reply reply = api.post("/api/operators", operatorBody(operator.username(), operator.password(), role));
        if (reply.status() != 201) {
            throw new IllegalStateException("creating " + role + " answered " + reply.status() + " " + reply.body());
        }
        return operator;
    }

    private static JsonObject operatorBody(String username, String password, String role) {
        return Json.createObjectBuilder().add("username", username).add("password", password).add("role", role).build();
    }

    private long awaitActiveAlert(String deviceId) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            var active = api.get("/api/alerts?state=ACTIVE").body().asJsonArray().stream().map(JsonValue::asJsonObject)
                    .filter(a -> a.getString("deviceId").equals(deviceId)).findFirst();
            if (active.isPresent()) {
                return active.get().getJsonNumber("id").longValue();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no active alert for " + deviceId);
    }

    private JsonObject alert(long id) {
        return api.get("/api/alerts?limit=10000").body().asJsonArray().stream().map(JsonValue::asJsonObject)
                .filter(a -> a.getJsonNumber("id").longValue() == id).findFirst().orElseThrow();
    }

    private static void assertError(Api.Reply reply, int status, String error) {
        assertEquals(status, reply.status(), String.valueOf(reply.body()));
        assertEquals(error, reply.object().getString("error"));
    }
}
