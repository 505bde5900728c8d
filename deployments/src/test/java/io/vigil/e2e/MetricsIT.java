package io.vigil.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Vigil's own series at WildFly's {@code /metrics} (Prometheus text, management
 * port), as Prometheus scrapes them: a scripted scenario (readings stored and
 * quarantined, a device and a monitor connecting and closing, an alert raised,
 * notifications delivered and given up, failed and throttled sign-ins) moves
 * each series by exactly what happened. The server is shared with other tests,
 * so the test compares a scrape before with one after.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class MetricsIT extends E2E {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One scrape: samples by name and labels. */
    record Scrape(Map<String, Double> samples) {
        double value(String name, String... labels) {
            Map<String, String> wanted = new TreeMap<>();
            for (int i = 0; i < labels.length; i += 2) {
                wanted.put(labels[i], labels[i + 1]);
            }
            return samples.entrySet().stream().filter(e -> matches(e.getKey(), name, wanted))
                    .mapToDouble(Map.Entry::getValue).sum();
        }

        boolean has(String name) {
            return samples.keySet().stream().anyMatch(k -> k.equals(name) || k.startsWith(name + "{"));
        }

        private static boolean matches(String key, String name, Map<String, String> wanted) {
            int brace = key.indexOf('{');
            if (!(brace < 0 ? key : key.substring(0, brace)).equals(name)) {
                return false;
            }
            Map<String, String> labels = new HashMap<>();
            Matcher label = LABEL.matcher(brace < 0 ? "" : key.substring(brace));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
            return wanted.entrySet().stream().allMatch(w -> w.getValue().equals(labels.get(w.getKey())));
        }
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void everySeriesMovesByWhatTheScenarioDid() throws Exception {
        Scrape before = scrape();
        for (String series : List.of("vigil_readings_stored_total", "vigil_readings_quarantined_total",
                "vigil_ingest_commit_seconds_count", "vigil_ingest_backlog", "vigil_device_connections",
                "vigil_monitor_connections", "vigil_monitor_conflated_total", "vigil_alerts_active",
                "vigil_signin_failures_total", "vigil_signin_throttled_total", "vigil_cluster_bus_published_total",
                "vigil_cluster_gaps_given_up_total", "vigil_timers_held")) {
            assertTrue(before.has(series), series + " is served from the start");
        }
        assertEquals(1.0, before.value("vigil_timers_held"), "a single node runs the timers");

        WebhookReceiver receiver = new WebhookReceiver();
        WebhookReceiver refusing = new WebhookReceiver();
        refusing.refuseFor(Duration.ofMinutes(5), 400);
        String zone = Api.uniqueId("metrics");
        long good = channel(receiver.url());
        long bad = channel(refusing.url());
        long route = api.post("/api/notifications/routes", Json.createObjectBuilder().add("name", "metrics")
                .add("selector", Json.createObjectBuilder().add("zone", zone))
                .add("channelIds", Json.createArrayBuilder().add(good).add(bad)).build())
                .object().getJsonNumber("id").longValue();
        String deviceId = Api.uniqueId("metered");
        Api.Reply registered = api.post("/api/devices", Json.createObjectBuilder().add("id", deviceId)
                .add("tags", Json.createObjectBuilder().add("zone", zone)).build());
        api.post("/api/rules", Json.createObjectBuilder().add("metric", "heat").add("op", ">").add("threshold", 100)
                .add("severity", "CRITICAL").add("deviceId", deviceId).build());
        try (MonitorClient monitor = newMonitor();
             TestDevice device = connect(new Api.Device(deviceId, registered.object().getString("token")))) {
            Scrape connected = scrape();
            assertEquals(1.0, connected.value("vigil_device_connections") - before.value("vigil_device_connections"));
            assertEquals(1.0, connected.value("vigil_monitor_connections") - before.value("vigil_monitor_connections"));
            long ts = System.currentTimeMillis();
            for (int seq = 1; seq <= 9; seq++) {
                device.sendTelemetry(seq, ts + seq, Map.of("heat", 20 + seq));
            }
            device.sendText("{\"type\":\"telemetry\",\"seq\":10,\"ts\":" + ts + ",\"metrics\":{\"bad name!\":1}}");
            device.sendText("{\"type\":\"telemetry\",\"seq\":11,\"ts\":" + ts + ",\"metrics\":{}}");
            device.sendTelemetry(12, ts + 12, Map.of("heat", 150));
            device.awaitAck(12, WAIT);
            receiver.awaitAccepted(WebhookReceiver.about(deviceId), 1, WAIT);
        }
        // Wrong passwords from an address of their own (127.0.0.9), so no other test's sign-in is held back.
        FromAddress elsewhere = new FromAddress("127.0.0.9", server.httpUri());
        String bogus = "Basic " + java.util.Base64.getEncoder().encodeToString((Api.uniqueId("nobody") + ":wrong")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        int refused = 0;
        int held = 0;
        for (int i = 0; i < 8; i++) {
            int status = elsewhere.get("/api/devices", bogus).status();
            refused += status == 401 ? 1 : 0;
            held += status == 429 ? 1 : 0;
        }
        assertTrue(held > 0, "the throttle held some of them back");

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Scrape after = scrape();
        while ((after.value("vigil_notifications_failed_total", "type", "webhook")
                - before.value("vigil_notifications_failed_total", "type", "webhook") < 1
                || after.value("vigil_alerts_active") <= before.value("vigil_alerts_active")
                || after.value("vigil_connections_closed_total", "kind", "monitor")
                        <= before.value("vigil_connections_closed_total", "kind", "monitor"))
                && System.nanoTime() < deadline) {
            Thread.sleep(500);
            after = scrape();
        }
        try {
            // The device's offline alert (it went silent) may add a notification at any moment: count what the
            // API says was delivered and given up on this test's channels, with a scrape that agrees with it.
            long sent = -1;
            long failed = -1;
            for (int attempt = 0; attempt < 5; attempt++) {
                long sentBefore = notifications(good, "SENT");
                long failedBefore = notifications(bad, "FAILED");
                after = scrape();
                sent = notifications(good, "SENT");
                failed = notifications(bad, "FAILED");
                if (sent == sentBefore && failed == failedBefore) {
                    break;
                }
            }
            assertTrue(sent >= 1 && failed >= 1, sent + " sent, " + failed + " failed");
            assertEquals((double) sent, delta(before, after, "vigil_notifications_sent_total", "type", "webhook"));
            assertEquals((double) failed, delta(before, after, "vigil_notifications_failed_total", "type", "webhook"),
                    "the receiver that answers 400 is given up at once");
            assertEquals(10.0, delta(before, after, "vigil_readings_stored_total"), "ten readings stored");
            assertEquals(2.0, delta(before, after, "vigil_readings_quarantined_total"));
            assertEquals(1.0, delta(before, after, "vigil_readings_rejected_total", "reason", "invalid_metric"));
            assertEquals(1.0, delta(before, after, "vigil_readings_rejected_total", "reason", "no_metrics"));
            assertTrue(delta(before, after, "vigil_ingest_commit_seconds_count") >= 1, "commits timed");
            assertTrue(delta(before, after, "vigil_ingest_commit_seconds_sum") > 0, "with their time");
            assertTrue(after.value("vigil_ingest_commit_seconds_max") > 0, "and the longest");
            assertEquals(0.0, after.value("vigil_ingest_backlog"));
            assertEquals(1.0, delta(before, after, "vigil_alerts_raised_total", "severity", "CRITICAL"));
            assertTrue(after.value("vigil_alerts_active") >= 1, "the open alert");
            assertEquals(1.0, delta(before, after, "vigil_connections_closed_total", "kind", "device", "code", "1000"));
            assertEquals(1.0, delta(before, after, "vigil_connections_closed_total", "kind", "monitor"));
            assertEquals(0.0, after.value("vigil_device_connections") - before.value("vigil_device_connections"));
            assertEquals((double) refused, delta(before, after, "vigil_signin_failures_total"));
            assertEquals((double) held, delta(before, after, "vigil_signin_throttled_total"));
            assertFalse(after.samples().keySet().stream().anyMatch(k -> k.startsWith("vigil_") && k.contains(deviceId)),
                    "no label names a device");
        } finally {
            api.delete("/api/notifications/routes/" + route);
            api.delete("/api/notifications/channels/" + good);
            api.delete("/api/notifications/channels/" + bad);
            receiver.close();
            refusing.close();
        }
    }

    /** After the scenario, so that series which appear with their first event (a close code, say) exist. */
    @Test
    @org.junit.jupiter.api.Order(2)
    void theGrafanaDashboardAsksOnlyForSeriesTheServerServes() throws Exception {
        String dashboard = java.nio.file.Files.readString(java.nio.file.Path.of("src/main/grafana/vigil-dashboard.json"));
        Scrape served = scrape();
        Matcher series = Pattern.compile("vigil_[a-z_]+").matcher(dashboard);
        int checked = 0;
        while (series.find()) {
            String name = series.group().replaceAll("_(bucket|count|sum)$", "");
            assertTrue(served.has(series.group()) || served.has(name + "_bucket") || served.has(name),
                    "the dashboard asks for " + series.group() + ", which /metrics does not serve");
            checked++;
        }
        assertTrue(checked >= 15, checked + " series checked");
    }

    private long channel(String url) {
        return api.post("/api/notifications/channels", Json.createObjectBuilder().add("name", "metrics")
                .add("type", "webhook").add("url", url).build()).object().getJsonNumber("id").longValue();
    }

    /** Notifications of a channel in a status, by the REST API. */
    private long notifications(long channel, String status) {
        return api.get("/api/notifications?status=" + status + "&limit=1000").body().asJsonArray().stream()
                .filter(n -> n.asJsonObject().getJsonNumber("channelId").longValue() == channel).count();
    }

    private static double delta(Scrape before, Scrape after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    static Scrape scrape() throws Exception {
        return scrape(HealthIT.MANAGEMENT);
    }

    /** One scrape of the server whose management interface is at {@code management}. */
    static Scrape scrape(URI management) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        management.resolve("/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), "/metrics answers without sign-in");
        Map<String, Double> samples = new HashMap<>();
        for (String line : response.body().split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (!line.startsWith("#") && sample.find()) {
                samples.merge(sample.group(1) + (sample.group(2) == null ? "" : sample.group(2)),
                        Double.parseDouble(sample.group(4)), Double::sum);
            }
        }
        return new Scrape(samples);
    }
}
