package io.vigil.client.simulator;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gets a token for each simulated device: the one kept in its state
 * directory from an earlier run, or a new one from registering it over REST
 * ({@code POST /api/devices}). The server shows a token only once, so it is
 * written to {@code <state>/<device>/token} (readable by the owner only).
 * Registering signs in as an operator ({@link OperatorCredentials}).
 */
final class Registry {

    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI api;
    private final URI health;
    private final Path stateDir;
    private final OperatorCredentials operator;

    Registry(URI server, Path stateDir, OperatorCredentials operator) {
        String base = server.toString().replaceFirst("^ws", "http");
        this.api = URI.create((base.endsWith("/") ? base : base + "/") + "api/devices");
        this.health = api.resolve("health");
        this.stateDir = stateDir;
        this.operator = operator;
    }

    /** Waits until the server's REST API answers, at most {@code timeout}. */
    void awaitServer(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).GET()
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (ConnectException | java.net.http.HttpTimeoutException e) {
                // not up yet, or still booting
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the server at " + health + " did not answer within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(500);
        }
    }

    String token(String deviceId, String name) throws IOException, InterruptedException {
        Path file = stateDir.resolve(deviceId).resolve("token");
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        }
        String body = "{\"id\":\"" + deviceId + "\",\"name\":\"" + name + "\"}";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(api)
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", operator.authorization())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 409) {
            throw new IOException("device " + deviceId + " is already registered, but " + file
                    + " does not hold its token (the server shows a token only once): use another --prefix,"
                    + " or the --state-dir of the run that registered it");
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new IOException("registering " + deviceId + " was refused (HTTP " + response.statusCode() + "): "
                    + operator.username() + " must be an operator with the operator role and the right password");
        }
        Matcher token = TOKEN.matcher(response.body());
        if (response.statusCode() != 201 || !token.find()) {
            throw new IOException("registering " + deviceId + " failed: HTTP " + response.statusCode() + " "
                    + response.body());
        }
        Files.createDirectories(file.getParent());
        Path fresh = file.resolveSibling("token.new");
        Files.writeString(fresh, token.group(1) + "\n", StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(fresh, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's own protection applies
        }
        Files.move(fresh, file);
        return token.group(1);
    }
}
