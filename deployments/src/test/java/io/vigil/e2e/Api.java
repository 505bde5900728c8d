package io.vigil.e2e;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/** The REST API as a client sees it: JSON in, status and JSON out. */
public final class Api {

    /** A response: its status and its JSON body (null when empty). */
    public record Reply(int status, JsonStructure body) {
        public JsonObject object() {
            return body.asJsonObject();
        }
    }

    /** A registered device. */
    public record Device(String id, String token) {
    }

    private final URI base;
    private final Operator operator;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Signs in as {@link Operator#ADMIN}. */
    public Api(URI base) {
        this(base, Operator.ADMIN);
    }

    /** Signs in as {@code operator} with HTTP Basic; null sends no credentials. */
    public Api(URI base, Operator operator) {
        this.base = base;
        this.operator = operator;
    }

    /** A unique device id for one test, so tests never share state. */
    public static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public Device register(String id) {
        Reply reply = post("/api/devices", Json.createObjectBuilder().add("id", id).add("name", "Device " + id).build());
        if (reply.status() != 201) {
            throw new IllegalStateException("registration of " + id + " answered " + reply.status() + " " + reply.body());
        }
        return new Device(id, reply.object().getString("token"));
    }

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    public Reply post(String path, JsonValue body) {
        return postRaw(path, body.toString());
    }

    public Reply postRaw(String path, String body) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Reply put(String path, JsonValue body) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    public Reply putRaw(String path, String body) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Reply delete(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).DELETE());
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            if (operator != null) {
                request.header("Authorization", operator.basic());
            }
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            if (text == null || text.isBlank()) {
                return new Reply(response.statusCode(), null);
            }
            try (JsonReader reader = Json.createReader(new StringReader(text))) {
                return new Reply(response.statusCode(), reader.read());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
