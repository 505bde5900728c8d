package io.vigil.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The REST API of PROTOCOL.md section 8, and its JSON errors. */
class RestApiIT extends E2E {

    @Test
    void healthIsUp() {
        Api.Reply health = api.get("/api/health");
        assertEquals(200, health.status());
        assertEquals("UP", health.object().getString("status"));
    }

    @Test
    void registrationReturnsATokenOnceAndRefusesBadOrTakenIds() {
        String id = Api.uniqueId("reg");
        Api.Reply created = api.post("/api/devices", Json.createObjectBuilder().add("id", id).add("name", "Pump").build());
        assertEquals(201, created.status());
        assertEquals(id, created.object().getString("id"));
        assertTrue(created.object().getString("token").length() >= 32);

        JsonObject listed = api.get("/api/devices/" + id).object();
        assertFalse(listed.containsKey("token"), "the token is shown only at registration");
        assertFalse(listed.getBoolean("online"));

        assertError(api.post("/api/devices", Json.createObjectBuilder().add("id", id).build()), 409, "conflict");
        assertError(api.post("/api/devices", Json.createObjectBuilder().add("id", "no spaces").build()), 400,
                "invalid_request");
        assertError(api.post("/api/devices", Json.createObjectBuilder().add("id", "x".repeat(65)).build()), 400,
                "invalid_request");
        assertError(api.postRaw("/api/devices", "{not json"), 400, "invalid_json");
        assertError(api.get("/api/devices/nobody-" + id), 404, "not_found");
    }

    @Test
    void devicesShowOnlineStateLastSeenAndLatestMetrics() throws Exception {
        try (TestDevice device = newDevice("listed")) {
            device.sendTelemetry(1, 1, Map.of("temperature", 19.5));
            device.awaitAck(1, WAIT);
            JsonObject mine = api.get("/api/devices").body().asJsonArray().stream().map(JsonValue::asJsonObject)
                    .filter(d -> d.getString("id").equals(device.deviceId())).findFirst().orElseThrow();
            assertTrue(mine.getBoolean("online"));
            assertTrue(mine.getJsonNumber("lastSeen").longValue() > 0);
            assertEquals(19.5, mine.getJsonObject("metrics").getJsonNumber("temperature").doubleValue());
        }
    }

    @Test
    void rulesCanBeCreatedReadUpdatedAndDeleted() {
        JsonObject rule = Json.createObjectBuilder().add("metric", Api.uniqueId("crud")).add("op", ">").add("threshold", 90)
                .add("clearThreshold", 85).add("forSeconds", 0).add("severity", "CRITICAL").addNull("deviceId").build();
        Api.Reply created = api.post("/api/rules", rule);
        assertEquals(201, created.status());
        long id = created.object().getJsonNumber("id").longValue();
        assertEquals(">", created.object().getString("op"));
        assertTrue(created.object().isNull("deviceId"));

        assertEquals(200, api.get("/api/rules/" + id).status());
        assertTrue(api.get("/api/rules").body().asJsonArray().stream()
                .anyMatch(r -> r.asJsonObject().getJsonNumber("id").longValue() == id));

        JsonObject changed = Json.createObjectBuilder(rule).add("threshold", 95).build();
        Api.Reply updated = api.put("/api/rules/" + id, changed);
        assertEquals(200, updated.status());
        assertEquals(95, updated.object().getJsonNumber("threshold").intValue());

        assertEquals(204, api.delete("/api/rules/" + id).status());
        assertError(api.get("/api/rules/" + id), 404, "not_found");
        assertError(api.delete("/api/rules/" + id), 404, "not_found");
    }

    @Test
    void invalidRulesAreRefusedWithTheReason() {
        JsonObject badOp = Json.createObjectBuilder().add("metric", "t").add("op", "!=").add("threshold", 1).build();
        Api.Reply reply = api.post("/api/rules", badOp);
        assertError(reply, 400, "invalid_request");
        assertTrue(reply.object().getString("message").contains("op"));

        JsonObject badHysteresis = Json.createObjectBuilder().add("metric", "t").add("op", ">").add("threshold", 90)
                .add("clearThreshold", 95).build();
        assertError(api.post("/api/rules", badHysteresis), 400, "invalid_request");
        JsonObject noThreshold = Json.createObjectBuilder().add("metric", "t").add("op", ">").build();
        assertError(api.post("/api/rules", noThreshold), 400, "invalid_request");
        JsonObject badSeverity = Json.createObjectBuilder().add("metric", "t").add("op", ">").add("threshold", 1)
                .add("severity", "APOCALYPTIC").build();
        assertError(api.post("/api/rules", badSeverity), 400, "invalid_request");
    }

    @Test
    void unknownPathsAndMethodsGetJsonErrorsToo() {
        assertError(api.get("/api/no-such-thing"), 404, "not_found");
        assertError(api.delete("/api/devices"), 405, "method_not_allowed");
        assertError(api.post("/api/alerts/not-a-number/ack", JsonValue.EMPTY_JSON_OBJECT), 404, "not_found");
        assertFalse(api.get("/api/no-such-thing").object().getString("message").contains("RESTEASY"),
                "messages speak of the request, not of the framework");
    }

    @Test
    void alertsCanBeFilteredByStateAndBadStatesAreRefused() {
        assertEquals(200, api.get("/api/alerts?state=ACTIVE").status());
        assertError(api.get("/api/alerts?state=BORED"), 400, "invalid_request");
    }

    @Test
    void queryParametersThatAreNotNumbersAreRefusedWith400AndTheReason() {
        Api.Device device = api.register(Api.uniqueId("params"));
        String readings = "/api/devices/" + device.id() + "/readings";
        for (String query : new String[] {"?limit=abc", "?limit=1e9", "?limit=0", "?limit=100001", "?from=abc",
                "?to=12.5", "?limit=99999999999999999999"}) {
            Api.Reply reply = api.get(readings + query);
            assertError(reply, 400, "invalid_request");
        }
        assertEquals(200, api.get(readings + "?from=0&to=9999999999999&limit=5").status());
        assertError(api.get("/api/alerts?limit=x"), 400, "invalid_request");
        assertError(api.get("/api/quarantine?limit=-1"), 400, "invalid_request");
        assertError(api.get("/api/commands?limit=many"), 400, "invalid_request");
    }

    @Test
    void pagesAndApiCarryHeadersAgainstFramingAndForeignContent() throws Exception {
        // Signed in (the page itself) and not (the login form the sign-in shows in its place).
        for (String authorization : new String[] {Operator.ADMIN.basic(), null}) {
            java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(server.httpUri().resolve("/"));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            java.net.http.HttpResponse<String> page = java.net.http.HttpClient.newHttpClient().send(request.build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains(authorization != null ? "Vigil monitor" : "j_security_check"), page.body());
            assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElse(""));
            assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"));
            assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
        }
    }

    private static void assertError(Api.Reply reply, int status, String error) {
        assertEquals(status, reply.status(), String.valueOf(reply.body()));
        assertEquals(error, reply.object().getString("error"));
        assertFalse(reply.object().getString("message").isBlank());
    }
}
