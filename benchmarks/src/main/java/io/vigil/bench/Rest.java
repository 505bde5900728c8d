package io.vigil.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.BitSet;

/** The few REST calls the benchmark makes, signed in as the bench server's operator: register a device, read its history back. */
final class Rest {

    private final URI base;
    private final HttpClient http;

    Rest(URI base, HttpClient http) {
        this.base = base;
        this.http = http;
    }

    /** Registers a device and answers its token. */
    String register(String id) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/api/devices"))
                .header("Authorization", BenchServer.OPERATOR_AUTHORIZATION)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + id + "\",\"name\":\"Bench " + id + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("registering " + id + " answered " + response.statusCode());
        }
        String body = response.body();
        int at = body.indexOf("\"token\":\"") + 9;
        return body.substring(at, body.indexOf('"', at));
    }

    /** The raw history JSON of a device (at most 100,000 readings). */
    String history(String id) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        base.resolve("/api/devices/" + id + "/readings?limit=100000"))
                .header("Authorization", BenchServer.OPERATOR_AUTHORIZATION)
                .timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("history of " + id + " answered " + response.statusCode());
        }
        return response.body();
    }

    /** The chart history of a device over [from, to], in the server's automatic buckets (raw JSON). */
    String chartHistory(String id, long from, long to) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        base.resolve("/api/devices/" + id + "/history?from=" + from + "&to=" + to))
                .header("Authorization", BenchServer.OPERATOR_AUTHORIZATION)
                .timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("chart history of " + id + " answered " + response.statusCode());
        }
        return response.body();
    }

    /**
     * Whether the device's stored readings are exactly seqs 1..{@code sent},
     * each once; a description of what is wrong otherwise.
     */
    String checkExactlyOnce(String id, long sent) throws IOException, InterruptedException {
        String json = history(id);
        BitSet seen = new BitSet();
        long count = 0;
        int at = 0;
        while ((at = json.indexOf("\"seq\":", at)) >= 0) {
            at += 6;
            int end = at;
            while (end < json.length() && Character.isDigit(json.charAt(end))) {
                end++;
            }
            int seq = Integer.parseInt(json, at, end, 10);
            if (seen.get(seq)) {
                return id + ": seq " + seq + " stored twice";
            }
            seen.set(seq);
            count++;
        }
        if (count != sent || (sent > 0 && seen.nextClearBit(1) != sent + 1)) {
            return id + ": " + count + " readings stored, " + sent + " sent and acked";
        }
        return null;
    }
}
