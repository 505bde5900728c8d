package io.vigil.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sign-in that an attacker cannot turn against the operators (README "Security"): failures slow down
 * the name and address that fail, never the right password from elsewhere; a throttled try costs no
 * password check; the right Basic credential costs about what a session request does, and stops working
 * at once when its password changes or its operator goes.
 */
class SignInIT extends E2E {

    private static final String DEVICES = "/api/devices?limit=1";

    @Test
    void thirtyWrongPasswordsForAdminFromOneAddressDoNotLockAdminOutElsewhere() throws Exception {
        FromAddress attacker = new FromAddress("127.0.0.3", server.httpUri());
        FromAddress operator = new FromAddress("127.0.0.2", server.httpUri());
        String wrong = new Operator(Operator.ADMIN.username(), "guess").basic();
        List<Integer> statuses = new ArrayList<>();
        long throttledNanos = 0;
        int throttled = 0;
        for (int i = 0; i < 30; i++) {
            long started = System.nanoTime();
            int status = attacker.get(DEVICES, wrong).status();
            if (status == 429) {
                throttledNanos += System.nanoTime() - started;
                throttled++;
            }
            statuses.add(status);
        }
        assertEquals(List.of(401, 401, 401, 401, 401, 401), statuses.subList(0, 6), "the first tries are checked");
        assertTrue(throttled > 0, "later ones are held back: " + statuses);
        assertEquals(200, operator.get(DEVICES, Operator.ADMIN.basic()).status(), "admin from another address");
        long started = System.nanoTime();
        FromAddress.Answer next = attacker.get(DEVICES, wrong);
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(next.status() == 429 || waitedMillis >= 1_000, "the 31st try: " + next.status() + " after " + waitedMillis + " ms");
        if (next.status() == 429) {
            assertTrue(Integer.parseInt(next.headers().get("retry-after")) >= 1, next.headers().toString());
            assertTrue(next.body().contains("too_many_sign_in_failures"), next.body());
        }
        System.out.printf("SignInIT: 30 wrong passwords from 127.0.0.3: %s; %d held back, %.1f ms each; admin from"
                + " 127.0.0.2: 200; the 31st try: %d (Retry-After %s)%n", statuses, throttled,
                throttled == 0 ? 0 : throttledNanos / 1e6 / throttled, next.status(), next.headers().get("retry-after"));
        assertTrue(api.get("/api/operators/sign-in-throttles").body().asJsonArray().stream().map(JsonValue::asJsonObject)
                .anyMatch(t -> "127.0.0.3".equals(t.getString("address")) && "admin".equals(t.getString("username", ""))),
                "operators see who is held back");
    }

    @Test
    void anAddressGuessingAcrossManyNamesIsHeldBackButNotOthers() throws Exception {
        FromAddress sprayer = new FromAddress("127.0.0.4", server.httpUri());
        for (int i = 0; i < 25; i++) {
            sprayer.get(DEVICES, new Operator("sprayed-" + i, "Winter2026!").basic());
        }
        assertEquals(429, sprayer.get(DEVICES, new Operator("sprayed-99", "Winter2026!").basic()).status());
        assertEquals(200, new FromAddress("127.0.0.5", server.httpUri()).get(DEVICES, Operator.ADMIN.basic()).status());
    }

    @Test
    void theLoginFormIsThrottledTheSameWay() throws Exception {
        FromAddress guesser = new FromAddress("127.0.0.6", server.httpUri());
        FromAddress.Answer last = null;
        for (int i = 0; i < 8; i++) {
            last = guesser.postForm("/j_security_check", "j_username=admin&j_password=guess-" + i);
        }
        assertEquals(429, last.status(), last.toString());
        assertTrue(Integer.parseInt(last.headers().get("retry-after")) >= 1, last.headers().toString());
        assertTrue(last.body().contains("/login.html?throttled="), "the page leads back to the form: " + last.body());
    }

    @Test
    void theRightBasicCredentialCostsAboutWhatASessionRequestDoes() throws Exception {
        FromAddress script = new FromAddress("127.0.0.7", server.httpUri());
        List<Long> basic = new ArrayList<>();
        List<Long> health = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            long started = System.nanoTime();
            assertEquals(200, script.get(DEVICES, Operator.ADMIN.basic()).status());
            basic.add((System.nanoTime() - started) / 1_000);
            started = System.nanoTime();
            script.get("/api/health", null);
            health.add((System.nanoTime() - started) / 1_000);
        }
        double basicMedian = median(basic) / 1000.0;
        System.out.printf("SignInIT: 100 sequential GET %s with HTTP Basic: median %.1f ms, p90 %.1f ms (GET"
                + " /api/health without sign-in: median %.1f ms)%n", DEVICES, basicMedian, percentile(basic, 0.9) / 1000.0,
                median(health) / 1000.0);
        assertTrue(basicMedian < 25, "median " + basicMedian + " ms");
    }

    @Test
    void aRememberedCredentialStopsWorkingAtOnceWhenItsPasswordChangesOrItsOperatorGoes() throws Exception {
        String name = Api.uniqueId("cached");
        Operator viewer = new Operator(name, "first-password-1");
        assertEquals(201, api.post("/api/operators", Json.createObjectBuilder().add("username", name)
                .add("password", viewer.password()).add("role", "viewer").build()).status());
        FromAddress script = new FromAddress("127.0.0.8", server.httpUri());
        assertEquals(200, script.get(DEVICES, viewer.basic()).status());
        assertEquals(200, script.get(DEVICES, viewer.basic()).status(), "remembered");

        assertEquals(204, api.put("/api/operators/" + name + "/password",
                Json.createObjectBuilder().add("password", "second-password-2").build()).status());
        assertEquals(401, script.get(DEVICES, viewer.basic()).status(), "the old password, right after the change");
        Operator renewed = new Operator(name, "second-password-2");
        assertEquals(200, script.get(DEVICES, renewed.basic()).status());

        // Removed, then made again with the same password and another role: the role is the new one.
        assertEquals(204, api.delete("/api/operators/" + name).status());
        assertEquals(401, script.get(DEVICES, renewed.basic()).status(), "a removed operator, at once");
        assertEquals(201, api.post("/api/operators", Json.createObjectBuilder().add("username", name)
                .add("password", renewed.password()).add("role", "operator").build()).status());
        Api asOperator = new Api(server.httpUri(), renewed);
        assertEquals(201, asOperator.post("/api/devices", Json.createObjectBuilder().add("id", Api.uniqueId("by-" + name))
                .build()).status(), "the operator role, read fresh");
        api.delete("/api/operators/" + name);
    }

    private static long median(List<Long> values) {
        return percentile(values, 0.5);
    }

    private static long percentile(List<Long> values, double p) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
    }
}
