package io.vigil.e2e;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * A real HTTP receiver for webhook channels, on a free loopback port: it
 * records every request it answers (headers and JSON body) and can be told to
 * refuse (503) for a while, as a receiver that is down or overloaded does.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived, and the status it was answered with. */
    record Call(Map<String, List<String>> headers, String raw, JsonObject body, int status, long at) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        String event() {
            return body.getString("event");
        }

        String deliveryId() {
            return body.getString("deliveryId");
        }

        /** The ids of the alerts the message lists. */
        List<Long> alertIds() {
            return body.getJsonArray("alerts").stream().map(a -> a.asJsonObject().getJsonNumber("id").longValue())
                    .toList();
        }

        List<String> deviceIds() {
            return body.getJsonArray("alerts").stream().map(a -> a.asJsonObject().getString("deviceId")).toList();
        }

        /** Whether it lists an alert a rule raised for this device (offline alerts of silent devices aside). */
        boolean aboutRuleOf(String deviceId) {
            return body.getJsonArray("alerts").stream().map(a -> a.asJsonObject())
                    .anyMatch(a -> a.getString("deviceId").equals(deviceId) && "threshold".equals(a.getString("kind")));
        }
    }

    private final HttpServer server;
    private final List<Call> calls = new ArrayList<>();
    private volatile long refuseUntilNanos;
    private volatile int refuseStatus = 503;
    private volatile long stallUntilNanos;
    private final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", exchange -> {
            waiting.incrementAndGet();
            String text;
            try (InputStream in = exchange.getRequestBody()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            JsonObject body;
            try (JsonReader reader = Json.createReader(new StringReader(text))) {
                body = reader.readObject();
            }
            while (System.nanoTime() < stallUntilNanos) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            int status = System.nanoTime() < refuseUntilNanos ? refuseStatus : 204;
            synchronized (calls) {
                calls.add(new Call(Map.copyOf(exchange.getRequestHeaders()), text, body, status, System.currentTimeMillis()));
                calls.notifyAll();
            }
            waiting.decrementAndGet();
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Answers {@code status} to every request for the next {@code duration}. */
    void refuseFor(Duration duration, int status) {
        refuseStatus = status;
        refuseUntilNanos = System.nanoTime() + duration.toNanos();
    }

    /** Holds every request without an answer for the next {@code duration}, as a receiver that hangs. */
    void stallFor(Duration duration) {
        stallUntilNanos = System.nanoTime() + duration.toNanos();
    }

    /** Requests it holds without an answer right now. */
    int waiting() {
        return waiting.get();
    }

    void acceptAgain() {
        refuseUntilNanos = 0;
    }

    /** Every call so far, refused ones included. */
    List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /** The calls it accepted (2xx) that match. */
    List<Call> accepted(Predicate<Call> which) {
        return calls().stream().filter(c -> c.status() < 300 && which.test(c)).toList();
    }

    /** Waits until {@code count} accepted calls match; returns them (fails with what did arrive). */
    List<Call> awaitAccepted(Predicate<Call> which, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (calls) {
            while (accepted(which).size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected " + count + " matching webhook calls within " + timeout
                            + ", got " + accepted(which).size() + "; all calls: " + calls.stream()
                            .map(c -> c.status() + " " + c.body()).toList());
                }
                calls.wait(Math.max(1, left / 1_000_000));
            }
        }
        return accepted(which);
    }

    /** Predicate: a message about an alert a rule raised for this device. */
    static Predicate<Call> about(String deviceId) {
        return call -> call.aboutRuleOf(deviceId);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
