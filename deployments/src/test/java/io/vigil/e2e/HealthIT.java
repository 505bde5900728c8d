package io.vigil.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * MicroProfile Health on the management port, as balancers and orchestrators
 * ask it: readiness (the database at its schema, the ingest backlog, the broker
 * in a cluster) and liveness (the ingest writers make progress); readiness goes
 * DOWN while the database is away and comes back with it.
 */
class HealthIT extends E2E {

    /** What a check answered: its status and its data. */
    record Answer(int status, Map<String, JsonObject> checks) {
    }

    static final URI MANAGEMENT = URI.create("http://127.0.0.1:9990");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void readinessAndLivenessSayWhatTheyChecked() throws Exception {
        Answer ready = ask(MANAGEMENT, "/health/ready");
        assertEquals(200, ready.status(), ready.toString());
        JsonObject database = ready.checks().get("database");
        assertEquals("UP", database.getString("status"));
        assertEquals("13", database.getJsonObject("data").getString("schemaVersion"), "migrated to the newest schema");
        assertEquals("UP", ready.checks().get("ingest").getString("status"));
        assertTrue(ready.checks().get("ingest").getJsonObject("data").getInt("capacity") > 0);
        assertEquals(false, ready.checks().get("broker").getJsonObject("data").getBoolean("clustered"));

        Answer live = ask(MANAGEMENT, "/health/live");
        assertEquals(200, live.status(), live.toString());
        assertEquals("UP", live.checks().get("ingest-writers").getString("status"));
        assertEquals(200, ask(MANAGEMENT, "/health").status(), "all checks together");
    }

    @Test
    void readinessGoesDownWhileTheDatabaseIsAwayAndComesBackWithIt() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(server.databaseProxy() != null,
                "the database can be cut only on PostgreSQL (through the test's proxy)");
        server.databaseProxy().outage(Duration.ofSeconds(30));
        try {
            Answer down = awaitStatus("/health/ready", 503, Duration.ofSeconds(20));
            assertEquals("DOWN", down.checks().get("database").getString("status"));
            assertEquals(200, ask(MANAGEMENT, "/health/live").status(), "alive all the same: a restart would not help");
        } finally {
            server.databaseProxy().endOutage();
        }
        awaitStatus("/health/ready", 200, Duration.ofSeconds(30));
    }

    private Answer awaitStatus(String path, int status, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        Answer answer = ask(MANAGEMENT, path);
        while (answer.status() != status && System.nanoTime() < deadline) {
            Thread.sleep(250);
            answer = ask(MANAGEMENT, path);
        }
        assertEquals(status, answer.status(), answer.toString());
        return answer;
    }

    /** One health answer from a node's management port. */
    static Answer ask(URI management, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(management.resolve(path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        JsonObject body;
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            body = reader.readObject();
        }
        Map<String, JsonObject> checks = body.getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(c -> c.getString("name"), c -> c, (a, b) -> a));
        return new Answer(response.statusCode(), checks);
    }
}
