package io.vigil.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Alerts reach people who are not looking (README "Notifications"): channels
 * (a real HTTP receiver, a real SMTP server), routes by tags and severity,
 * escalation, bursts grouped, silences, delivery that survives a receiver's
 * outage and a killed server, and the refusals that keep a channel from
 * becoming a way into the server's network.
 */
class NotificationsIT extends E2E {

    private static final Duration DELIVERY = Duration.ofSeconds(30);
    private static GreenMail smtp;

    private final List<WebhookReceiver> receivers = new ArrayList<>();
    private final List<Long> channels = new ArrayList<>();
    private final List<Long> routes = new ArrayList<>();

    @BeforeAll
    static void startSmtp() {
        smtp = new GreenMail(new ServerSetup(VigilServer.SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    /** What a test made goes, so no later test's alerts are owed to a receiver that is gone. */
    @AfterEach
    void cleanUp() {
        routes.forEach(id -> api.delete("/api/notifications/routes/" + id));
        channels.forEach(id -> api.delete("/api/notifications/channels/" + id));
        receivers.forEach(WebhookReceiver::close);
    }

    @Test
    void aChannelIsCreatedListedChangedTestedAndDeleted() throws Exception {
        WebhookReceiver receiver = receiver();
        Api.Reply created = api.post("/api/notifications/channels", Json.createObjectBuilder().add("name", "ops")
                .add("type", "webhook").add("url", receiver.url()).add("minSeverity", "WARNING").build());
        assertEquals(201, created.status(), String.valueOf(created.body()));
        long id = created.object().getJsonNumber("id").longValue();
        channels.add(id);
        assertEquals("webhook", created.object().getString("type"));
        assertEquals(receiver.url(), created.object().getString("url"));
        assertEquals("WARNING", created.object().getString("minSeverity"));
        assertFalse(created.object().getBoolean("secretSet"));

        assertTrue(api.get("/api/notifications/channels").body().asJsonArray().stream()
                .anyMatch(c -> c.asJsonObject().getJsonNumber("id").longValue() == id));

        Api.Reply changed = api.put("/api/notifications/channels/" + id, Json.createObjectBuilder().add("name", "ops-2")
                .add("type", "webhook").add("url", receiver.url()).add("minSeverity", "CRITICAL")
                .add("secret", "s3cret").build());
        assertEquals(200, changed.status(), String.valueOf(changed.body()));
        assertEquals("CRITICAL", changed.object().getString("minSeverity"));
        assertTrue(changed.object().getBoolean("secretSet"));
        assertFalse(changed.object().containsKey("secret"), "the secret is never shown");

        Api.Reply tested = api.post("/api/notifications/channels/" + id + "/test", JsonValue.EMPTY_JSON_OBJECT);
        assertEquals(200, tested.status(), String.valueOf(tested.body()));
        assertTrue(tested.object().getBoolean("delivered"));
        WebhookReceiver.Call test = receiver.awaitAccepted(c -> "test".equals(c.event()), 1, DELIVERY).get(0);
        assertEquals(tested.object().getString("deliveryId"), test.deliveryId());
        assertEquals(tested.object().getString("deliveryId"), test.header("X-Vigil-Delivery"));
        assertEquals(JsonValue.NULL, test.body().get("alert"));
        String signed = test.header("X-Vigil-Signature");
        assertNotNull(signed, "a channel with a secret signs its bodies");
        assertEquals("sha256=" + hmac("s3cret", test.raw()), signed);

        receiver.refuseFor(Duration.ofMinutes(1), 500);
        Api.Reply failed = api.post("/api/notifications/channels/" + id + "/test", JsonValue.EMPTY_JSON_OBJECT);
        assertEquals(502, failed.status());
        assertFalse(failed.object().getBoolean("delivered"));
        assertTrue(failed.object().getString("error").contains("500"), failed.object().getString("error"));

        assertTrue(api.get("/api/audit?target=channel:" + id).body().asJsonArray().stream()
                .map(e -> e.asJsonObject().getString("action")).toList()
                .containsAll(List.of("channel.create", "channel.update", "channel.test")), "changes are audited");

        assertEquals(204, api.delete("/api/notifications/channels/" + id).status());
        assertEquals(404, api.get("/api/notifications/channels/" + id).status());
        channels.remove(id);
    }

    @Test
    void channelsThatCouldReachTheServersOwnNetworkOrMakeNoSenseAreRefusedWith400() {
        Map<String, JsonObject> bad = new HashMap<>();
        bad.put("not a URL", webhook("http://exa mple.com/x"));
        bad.put("ftp:", webhook("ftp://example.com/hook"));
        bad.put("no scheme", webhook("example.com/hook"));
        bad.put("file:", webhook("file:///etc/passwd"));
        bad.put("metadata address", webhook("http://169.254.169.254/latest/meta-data/"));
        bad.put("link-local", webhook("http://169.254.10.20:8080/"));
        bad.put("IPv6 link-local", webhook("http://[fe80::1]/hook"));
        bad.put("metadata name", webhook("http://metadata.google.internal/computeMetadata/v1/"));
        bad.put("unspecified address", webhook("http://0.0.0.0:8080/"));
        bad.put("IPv4-compatible metadata", webhook("http://[::169.254.169.254]/"));
        bad.put("bad mail address", Json.createObjectBuilder().add("name", "m").add("type", "email")
                .add("address", "not-an-address").build());
        bad.put("two mail addresses", Json.createObjectBuilder().add("name", "m").add("type", "email")
                .add("address", "a@example.com, b@example.com").build());
        bad.put("unknown type", Json.createObjectBuilder().add("name", "m").add("type", "pigeon").build());
        bad.put("bad severity", Json.createObjectBuilder().add("name", "m").add("type", "webhook")
                .add("url", "http://127.0.0.1:9/").add("minSeverity", "LOUD").build());
        bad.forEach((what, body) -> {
            Api.Reply reply = api.post("/api/notifications/channels", body);
            assertEquals(400, reply.status(), what + ": " + reply.body());
            assertEquals("invalid_request", reply.object().getString("error"), what);
            assertFalse(reply.object().getString("message").isBlank(), what);
        });
        assertTrue(api.post("/api/notifications/channels", webhook("http://169.254.169.254/")).object()
                .getString("message").contains("vigil.notifications.allowedHosts"), "the refusal says how to allow it");
        Api.Reply badRoute = api.post("/api/notifications/routes", Json.createObjectBuilder().add("name", "r")
                .add("channelIds", Json.createArrayBuilder().add(987654321L)).build());
        assertEquals(400, badRoute.status());
        assertTrue(badRoute.object().getString("message").contains("987654321"), badRoute.object().toString());
        Api.Reply badSilence = api.post("/api/notifications/silences", Json.createObjectBuilder()
                .add("durationMinutes", 5).add("comment", "everything").build());
        assertEquals(400, badSilence.status(), "a silence of every device is refused");
        assertTrue(api.get("/api/notifications/channels").body().asJsonArray().stream()
                .noneMatch(c -> c.asJsonObject().getString("url", "").contains("169.254")), "nothing was stored");
    }

    @Test
    void badTagsSelectorsRoutesAndSilencesAreRefusedWith400AndChangeNothing() {
        Api.Device device = api.register(Api.uniqueId("tagged"));
        String tags = "/api/devices/" + device.id() + "/tags";
        assertEquals(200, api.put(tags, Json.createObjectBuilder().add("site", "north").build()).status());
        List<Api.Reply> refused = List.of(
                api.put(tags, Json.createObjectBuilder().add("bad key", "v").build()),
                api.put(tags, Json.createObjectBuilder().add("site", "").build()),
                api.put(tags, Json.createObjectBuilder().add("site", "x".repeat(201)).build()),
                api.put(tags, Json.createObjectBuilder().add("site", "a\u0007b").build()),
                api.post("/api/devices/tags", Json.createObjectBuilder().add("devices", Json.createArrayBuilder()
                        .add(device.id()).add("no-such-device-" + device.id())).add("set", Json.createObjectBuilder()
                        .add("site", "south")).build()),
                api.post("/api/devices/tags", Json.createObjectBuilder().add("devices", Json.createArrayBuilder()
                        .add(device.id())).build()),
                api.post("/api/devices", Json.createObjectBuilder().add("id", Api.uniqueId("t"))
                        .add("tags", Json.createObjectBuilder().add("k y", "v")).build()),
                api.post("/api/rules", Json.createObjectBuilder().add("metric", "t").add("op", ">").add("threshold", 1)
                        .add("selector", Json.createObjectBuilder().add("", "v")).build()),
                api.post("/api/notifications/routes", Json.createObjectBuilder().add("name", "r")
                        .add("channelIds", Json.createArrayBuilder()).build()),
                api.post("/api/notifications/routes", Json.createObjectBuilder().add("name", "r")
                        .add("channelIds", ids(1)).add("repeatSeconds", 60).build()),
                api.post("/api/notifications/silences", Json.createObjectBuilder().add("deviceId", device.id())
                        .add("durationMinutes", 5).build()),
                api.post("/api/notifications/silences", Json.createObjectBuilder().add("deviceId", device.id())
                        .add("startsAt", 2_000_000_000_000L).add("endsAt", 1_000_000_000_000L).add("comment", "c").build()),
                api.post("/api/notifications/silences", Json.createObjectBuilder().add("deviceId", device.id())
                        .add("endsAt", 1_000L).add("comment", "in the past").build()));
        for (Api.Reply reply : refused) {
            assertEquals(400, reply.status(), String.valueOf(reply.body()));
            assertFalse(reply.object().getString("message").isBlank());
        }
        assertEquals(400, api.putRaw(tags, "{\"site\":[1,2]}").status(), "a value that is not a string");
        assertEquals(Map.of("site", "north"), api.get(tags).object().entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, e -> ((jakarta.json.JsonString) e.getValue()).getString())), "nothing changed");
        assertEquals(404, api.put("/api/devices/no-such-device-x/tags", Json.createObjectBuilder().add("a", "b").build())
                .status());
    }

    @Test
    void raisedAcknowledgedClearedAndEscalatedEachArriveOncePerChannel() throws Exception {
        String team = Api.uniqueId("team");
        WebhookReceiver everything = receiver();
        WebhookReceiver routed = receiver();
        WebhookReceiver escalation = receiver();
        String mailbox = Api.uniqueId("oncall") + "@example.com";
        long all = channel(webhook("all", everything.url(), "INFO"));
        long mail = channel(Json.createObjectBuilder().add("name", "mail").add("type", "email")
                .add("address", mailbox).add("minSeverity", "WARNING").build());
        long team1 = channel(webhook("team", routed.url(), "INFO"));
        long boss = channel(webhook("boss", escalation.url(), "INFO"));
        route(Json.createObjectBuilder().add("name", "team").add("selector", Json.createObjectBuilder().add("team", team))
                .add("channelIds", ids(team1)).add("escalateAfterSeconds", 2).add("escalationChannelIds", ids(boss))
                .build());

        try (TestDevice device = connect(registerTagged("pump", Map.of("team", team)))) {
            rule(device.deviceId(), "temperature", ">", 90, "CRITICAL");
            long ts = System.currentTimeMillis();
            device.sendTelemetry(1, ts, Map.of("temperature", 95));
            device.awaitAck(1, WAIT);
            long alertId = everything.awaitAccepted(c -> "raised".equals(c.event())
                    && c.aboutRuleOf(device.deviceId()), 1, DELIVERY).get(0).alertIds().get(0);
            WebhookReceiver.Call raised = routed.awaitAccepted(c -> c.alertIds().contains(alertId), 1, DELIVERY).get(0);
            assertEquals("raised", raised.event());
            assertEquals(alertId, raised.body().getJsonObject("alert").getJsonNumber("id").longValue());
            assertEquals("ACTIVE", raised.body().getJsonObject("alert").getString("state"));
            assertEquals(server.httpUri() + "/#/alerts/" + alertId, raised.body().getString("link"));
            assertEquals(1, raised.body().getInt("count"));

            WebhookReceiver.Call escalated = escalation.awaitAccepted(c -> c.alertIds().contains(alertId), 1,
                    DELIVERY).get(0);
            assertEquals("escalated", escalated.event());
            assertEquals(List.of(alertId), escalated.alertIds());
            assertEquals(0, escalation.accepted(c -> "raised".equals(c.event())).size(),
                    "the escalation channel hears only of escalations");

            assertEquals(200, api.post("/api/alerts/" + alertId + "/ack", Json.createObjectBuilder()
                    .add("note", "on my way").build()).status());
            device.sendTelemetry(2, ts + 1000, Map.of("temperature", 80));
            device.awaitAck(2, WAIT);
            for (WebhookReceiver receiver : List.of(everything, routed)) {
                receiver.awaitAccepted(c -> "cleared".equals(c.event()) && c.alertIds().contains(alertId), 1, DELIVERY);
            }
            // The mail channel has no route: it hears of every alert from WARNING up, offline ones of other devices too.
            long mailDeadline = System.nanoTime() + DELIVERY.toNanos();
            while (mailsAbout(mailbox, alertId).size() < 3 && System.nanoTime() < mailDeadline) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
            TimeUnit.SECONDS.sleep(3);  // anything sent twice would have arrived by now (retries wait at most 2 s)

            for (WebhookReceiver receiver : List.of(everything, routed)) {
                List<String> events = receiver.accepted(c -> c.alertIds().contains(alertId)).stream()
                        .map(WebhookReceiver.Call::event).toList();
                assertEquals(List.of("raised", "acknowledged", "cleared"), events, "once each, in order");
            }
            assertEquals(1, escalation.accepted(c -> c.alertIds().contains(alertId)).size(),
                    "escalated once, and not again once acknowledged");
            List<MimeMessage> mails = mailsAbout(mailbox, alertId);
            assertEquals(3, mails.size(), "three mails: raised, acknowledged, cleared");
            assertTrue(mails.get(0).getSubject().startsWith("[Vigil] Raised: "), mails.get(0).getSubject());
            assertTrue(mails.get(1).getSubject().startsWith("[Vigil] Acknowledged"), mails.get(1).getSubject());
            assertTrue(mails.get(2).getSubject().startsWith("[Vigil] Cleared"), mails.get(2).getSubject());
            assertNotNull(mails.get(0).getHeader("X-Vigil-Delivery"));
            assertTrue(text(mails.get(0)).contains(device.deviceId() + ": temperature > 90"), text(mails.get(0)));
            assertEquals(3, api.get("/api/notifications?alertId=" + alertId + "&status=SENT").body().asJsonArray()
                    .stream().filter(n -> n.asJsonObject().getJsonNumber("channelId").longValue() == mail).count());
            assertEquals(3, api.get("/api/notifications?alertId=" + alertId).body().asJsonArray()
                    .stream().filter(n -> n.asJsonObject().getJsonNumber("channelId").longValue() == all).count());
        }
    }

    @Test
    void aReceiverThatRefusesFor30SecondsGetsEverythingAfterwardsInOrderUnderTheSameDeliveryIds() throws Exception {
        WebhookReceiver receiver = receiver();
        channel(webhook("flaky", receiver.url(), "INFO"));
        receiver.refuseFor(Duration.ofSeconds(30), 503);
        long refusedFrom = System.nanoTime();
        List<String> devices = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            try (TestDevice device = newDevice("flaky")) {
                devices.add(device.deviceId());
                rule(device.deviceId(), "level", "<", 10, "WARNING");
                long ts = System.currentTimeMillis();
                device.sendTelemetry(1, ts, Map.of("level", 5));
                device.sendTelemetry(2, ts + 1, Map.of("level", 50));
                device.awaitAck(2, WAIT);
            }
        }
        Duration leftOfOutage = Duration.ofSeconds(30).minusNanos(System.nanoTime() - refusedFrom);
        List<WebhookReceiver.Call> delivered = receiver.awaitAccepted(c -> devices.stream()
                .anyMatch(c::aboutRuleOf), 6, leftOfOutage.plus(DELIVERY));
        long backAt = System.currentTimeMillis() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - refusedFrom) + 30_000;
        long lastDelivered = delivered.stream().mapToLong(WebhookReceiver.Call::at).max().orElseThrow();
        long refused = receiver.calls().stream().filter(c -> c.status() == 503).count();
        assertTrue(refused >= 1, "the receiver refused attempts while it was down");
        for (String device : devices) {
            List<String> events = delivered.stream().filter(WebhookReceiver.about(device))
                    .map(WebhookReceiver.Call::event).toList();
            assertEquals(List.of("raised", "cleared"), events, device + ": everything, once, in order");
        }
        Set<String> refusedIds = receiver.calls().stream().filter(c -> c.status() == 503)
                .map(WebhookReceiver.Call::deliveryId).collect(Collectors.toSet());
        assertTrue(delivered.stream().anyMatch(c -> refusedIds.contains(c.deliveryId())),
                "a message refused before was delivered under the same deliveryId");
        List<JsonValue> sent = api.get("/api/notifications?status=SENT&limit=1000").body().asJsonArray();
        assertTrue(sent.stream().map(JsonValue::asJsonObject).anyMatch(n -> n.getInt("attempts") > 1),
                "the API shows the attempts it took");
        NotificationReport.add("receiver refusing (503) for 30 s", 6,
                delivered.stream().map(c -> c.event() + c.alertIds()).distinct().count(),
                delivered.size() - delivered.stream().map(c -> c.event() + c.alertIds()).distinct().count(),
                receiver.calls().size(), refused + " refused attempts (all messages to the channel, other tests' "
                        + "offline alerts included); last of the 6 delivered " + (lastDelivered - backAt)
                        + " ms after the receiver came back");
    }

    @Test
    void receiversThatHangDelayNeitherIngestNorAcks() throws Exception {
        try (TestDevice device = newDevice("steady")) {
            long ts = System.currentTimeMillis();
            List<Long> before = new ArrayList<>();
            for (int i = 0; i < 200; i++) {  // acks as they are with nothing to deliver, for comparison
                long sent = System.nanoTime();
                device.sendTelemetry(1000 + i, ts - 10_000 + i, Map.of("v", 30));
                device.awaitAck(1000 + i, WAIT);
                before.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent));
            }
            before.sort(null);
            WebhookReceiver hanging = receiver();
            hanging.stallFor(Duration.ofSeconds(40));
            for (int i = 0; i < 10; i++) {  // more channels than delivery threads: every one of them waits on a receiver
                channel(webhook("hangs-" + i, hanging.url() + "/" + i, "INFO"));
            }
            rule(device.deviceId(), "v", ">", 50, "WARNING");
            for (int i = 0; i < 20; i++) {  // 20 alert changes for every channel while the receiver hangs
                device.sendTelemetry(1200 + i + 1, ts + i, Map.of("v", i % 2 == 0 ? 80 : 20));
            }
            device.awaitAck(1220, WAIT);
            long deadline = System.nanoTime() + DELIVERY.toNanos();
            while (hanging.calls().isEmpty() && hanging.waiting() == 0 && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
            List<Long> ackMillis = new ArrayList<>();
            for (int i = 20; i < 220; i++) {
                long sent = System.nanoTime();
                device.sendTelemetry(1200 + i + 1, ts + i, Map.of("v", 30));
                device.awaitAck(1200 + i + 1, WAIT);
                ackMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent));
            }
            ackMillis.sort(null);
            long p99 = ackMillis.get(ackMillis.size() * 99 / 100 - 1);
            assertTrue(hanging.waiting() > 0, "deliveries were hanging on the receiver meanwhile");
            assertTrue(p99 < 1000, "ack p99 " + p99 + " ms while every delivery thread waited; all: " + ackMillis);
            NotificationReport.add("10 channels whose receiver hangs 40 s", 200, 0, 0, hanging.calls().size(),
                    hanging.waiting() + " requests held open; 200 single readings acked meanwhile, ack median "
                            + ackMillis.get(ackMillis.size() / 2) + " ms, p99 " + p99 + " ms (before the receiver hung: "
                            + before.get(before.size() / 2) + " ms, " + before.get(before.size() * 99 / 100 - 1) + " ms)");
        }
    }

    @Test
    void fiveHundredDevicesGoingOfflineTogetherAreOneMessagePerChannel() throws Exception {
        String group = Api.uniqueId("grp");
        WebhookReceiver receiver = receiver();
        String mailbox = Api.uniqueId("fleet") + "@example.com";
        long hook = channel(webhook("fleet", receiver.url(), "INFO"));
        long mail = channel(Json.createObjectBuilder().add("name", "fleet-mail").add("type", "email")
                .add("address", mailbox).build());
        route(Json.createObjectBuilder().add("name", "fleet").add("selector", Json.createObjectBuilder().add("group", group))
                .add("channelIds", ids(hook, mail)).build());
        int count = 500;
        List<Api.Device> devices = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            devices.add(api.register(Api.uniqueId("off" + i)));
        }
        JsonArrayBuilder ids = Json.createArrayBuilder();
        devices.forEach(d -> ids.add(d.id()));
        Api.Reply tagged = api.post("/api/devices/tags", Json.createObjectBuilder().add("devices", ids)
                .add("set", Json.createObjectBuilder().add("group", group)).build());
        assertEquals(200, tagged.status(), String.valueOf(tagged.body()));
        assertEquals(count, tagged.object().getInt("updated"));

        long started = System.nanoTime();
        seenOnce(devices);
        long spreadMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        Set<String> wanted = devices.stream().map(Api.Device::id).collect(Collectors.toSet());
        List<WebhookReceiver.Call> calls = receiver.awaitAccepted(c -> "raised".equals(c.event())
                && wanted.containsAll(c.deviceIds()), 1, DELIVERY);
        long deadline = System.nanoTime() + DELIVERY.toNanos();
        while (calls.stream().mapToInt(c -> c.deviceIds().size()).sum() < count && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(200);
            calls = receiver.accepted(c -> "raised".equals(c.event()) && wanted.containsAll(c.deviceIds()));
        }
        List<String> listed = calls.stream().flatMap(c -> c.deviceIds().stream()).toList();
        assertEquals(wanted, new HashSet<>(listed), "every offline device is listed");
        assertEquals(count, listed.size(), "each once");
        // The offline check runs every 5 s: devices last seen over a moment that spans one of its runs go
        // offline in two runs, and so in at most two messages.
        NotificationReport.add("500 devices offline together (webhook)", count, new HashSet<>(listed).size(),
                listed.size() - new HashSet<>(listed).size(), calls.size(), calls.size() + " message(s) for " + count
                        + " alerts; devices last seen within " + spreadMillis + " ms");
        assertTrue(calls.size() <= 2, calls.size() + " messages for " + count + " devices seen within "
                + spreadMillis + " ms");
        assertEquals(calls.get(0).body().getJsonArray("alerts").size(), calls.get(0).body().getInt("count"));
        assertTrue(smtp.waitForIncomingEmail(DELIVERY.toMillis(), 1));
        TimeUnit.SECONDS.sleep(2);
        List<MimeMessage> mails = Arrays.stream(smtp.getReceivedMessages()).filter(m -> recipient(m).equals(mailbox))
                .toList();
        assertTrue(!mails.isEmpty() && mails.size() <= 2, mails.size() + " mails");
        assertTrue(mails.get(0).getSubject().contains("alerts"), mails.get(0).getSubject());
    }

    @Test
    void aSilenceMutesItsDevicesAndTheAlertIsAnnouncedWhenItEnds() throws Exception {
        String site = Api.uniqueId("site");
        WebhookReceiver receiver = receiver();
        channel(webhook("site", receiver.url(), "INFO"));
        long silenceSeconds = 8;
        Api.Reply silence = api.post("/api/notifications/silences", Json.createObjectBuilder()
                .add("selector", Json.createObjectBuilder().add("site", site))
                .add("endsAt", System.currentTimeMillis() + silenceSeconds * 1000).add("comment", "pump swap").build());
        assertEquals(201, silence.status(), String.valueOf(silence.body()));
        assertTrue(silence.object().getBoolean("active"));
        try (TestDevice muted = connect(registerTagged("muted", Map.of("site", site)));
             TestDevice loud = newDevice("loud")) {
            rule(muted.deviceId(), "v", ">", 1, "CRITICAL");
            rule(loud.deviceId(), "v", ">", 1, "CRITICAL");
            muted.sendTelemetry(1, System.currentTimeMillis(), Map.of("v", 5));
            loud.sendTelemetry(1, System.currentTimeMillis(), Map.of("v", 5));
            muted.awaitAck(1, WAIT);
            loud.awaitAck(1, WAIT);
            receiver.awaitAccepted(WebhookReceiver.about(loud.deviceId()), 1, DELIVERY);
            JsonObject alert = openAlertOf(muted.deviceId());
            assertTrue(alert.getBoolean("silenced"), "stored and shown, marked silenced");
            assertEquals(0, receiver.accepted(WebhookReceiver.about(muted.deviceId())).size(), "nothing sent");
            assertTrue(api.get("/api/notifications/silences").body().asJsonArray().stream()
                    .anyMatch(s -> s.asJsonObject().getJsonNumber("id").equals(silence.object().getJsonNumber("id"))));

            WebhookReceiver.Call after = receiver.awaitAccepted(WebhookReceiver.about(muted.deviceId()), 1,
                    Duration.ofSeconds(silenceSeconds).plus(DELIVERY)).get(0);
            assertEquals("raised", after.event(), "an alert still active when its silence ends is announced");
            assertFalse(openAlertOf(muted.deviceId()).getBoolean("silenced"));
            assertFalse(api.get("/api/notifications/silences/" + silence.object().getJsonNumber("id"))
                    .object().getBoolean("active"));
        }
    }

    @Test
    void rulesAndRoutesCanSelectDevicesByTags() throws Exception {
        String line = Api.uniqueId("line");
        String metric = Api.uniqueId("vib").replace('-', '_');
        WebhookReceiver lineReceiver = receiver();
        WebhookReceiver otherReceiver = receiver();
        long lineChannel = channel(webhook("line", lineReceiver.url(), "INFO"));
        long otherChannel = channel(webhook("other", otherReceiver.url(), "INFO"));
        route(Json.createObjectBuilder().add("name", "line").add("selector", Json.createObjectBuilder().add("line", line))
                .add("channelIds", ids(lineChannel)).build());
        route(Json.createObjectBuilder().add("name", "others").add("selector", Json.createObjectBuilder()
                .add("line", line + "-other")).add("channelIds", ids(otherChannel)).build());
        Api.Reply rule = api.post("/api/rules", Json.createObjectBuilder().add("metric", metric).add("op", ">")
                .add("threshold", 10).add("severity", "WARNING")
                .add("selector", Json.createObjectBuilder().add("line", line)).build());
        assertEquals(201, rule.status(), String.valueOf(rule.body()));
        assertEquals(line, rule.object().getJsonObject("selector").getString("line"));

        try (TestDevice onLine = connect(registerTagged("on", Map.of("line", line)));
             TestDevice offLine = connect(registerTagged("off", Map.of("line", line + "-other")))) {
            onLine.sendTelemetry(1, System.currentTimeMillis(), Map.of(metric, 20));
            offLine.sendTelemetry(1, System.currentTimeMillis(), Map.of(metric, 20));
            onLine.awaitAck(1, WAIT);
            offLine.awaitAck(1, WAIT);
            lineReceiver.awaitAccepted(WebhookReceiver.about(onLine.deviceId()), 1, DELIVERY);
            assertEquals(1, alertsOf(onLine.deviceId()).size(), "the rule applies to the tagged device");
            assertEquals(0, alertsOf(offLine.deviceId()).size(), "and not to a device with another tag");

            Api.Reply moved = api.post("/api/devices/tags", Json.createObjectBuilder()
                    .add("devices", Json.createArrayBuilder().add(offLine.deviceId()))
                    .add("set", Json.createObjectBuilder().add("line", line)).build());
            assertEquals(1, moved.object().getInt("updated"));
            assertEquals(line, api.get("/api/devices/" + offLine.deviceId()).object().getJsonObject("tags")
                    .getString("line"));
            offLine.sendTelemetry(2, System.currentTimeMillis(), Map.of(metric, 21));
            offLine.awaitAck(2, WAIT);
            lineReceiver.awaitAccepted(WebhookReceiver.about(offLine.deviceId()), 1, DELIVERY);
            TimeUnit.SECONDS.sleep(2);
            assertEquals(0, otherReceiver.accepted(c -> c.aboutRuleOf(onLine.deviceId())
                    || c.aboutRuleOf(offLine.deviceId())).size(), "the other route's channel heard of neither rule alert");
        } finally {
            api.delete("/api/rules/" + rule.object().getJsonNumber("id"));
        }
    }

    @Test
    void notificationsPendingWhenTheServerIsKilledAreDeliveredAfterTheRestart() throws Exception {
        WebhookReceiver receiver = receiver();
        channel(webhook("crash", receiver.url(), "INFO"));
        receiver.refuseFor(Duration.ofMinutes(5), 503);
        String deviceId;
        try (TestDevice device = newDevice("crash")) {
            deviceId = device.deviceId();
            rule(deviceId, "p", ">", 100, "WARNING");
            long ts = System.currentTimeMillis();
            for (int i = 0; i < 50; i++) {  // 25 raised, 25 cleared: 50 notifications, none groups with the next
                device.sendTelemetry(i + 1, ts + i, Map.of("p", i % 2 == 0 ? 150 : 50));
            }
            device.awaitAck(50, WAIT);
        }
        long deadline = System.nanoTime() + DELIVERY.toNanos();
        while (receiver.calls().isEmpty() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        assertFalse(receiver.calls().isEmpty(), "delivery was under way when the server died");
        int attemptsBefore = receiver.calls().size();
        server.kill();
        server.start();
        long restartedAt = System.currentTimeMillis();
        receiver.acceptAgain();
        List<WebhookReceiver.Call> delivered = receiver.awaitAccepted(WebhookReceiver.about(deviceId), 50,
                Duration.ofSeconds(60));
        TimeUnit.SECONDS.sleep(3);  // a second copy of anything would have arrived by now
        delivered = receiver.accepted(WebhookReceiver.about(deviceId));
        Map<String, Long> perEvent = delivered.stream().collect(Collectors.groupingBy(WebhookReceiver.Call::event,
                Collectors.counting()));
        long distinct = delivered.stream().map(c -> c.event() + c.alertIds()).distinct().count();
        NotificationReport.add("WildFly SIGKILL with 50 pending", 50, distinct, delivered.size() - distinct,
                receiver.calls().size(), attemptsBefore + " refused attempts before the kill; all delivered "
                        + (delivered.stream().mapToLong(WebhookReceiver.Call::at).max().orElseThrow() - restartedAt)
                        + " ms after the restart");
        assertEquals(Map.of("raised", 25L, "cleared", 25L), perEvent);
        assertEquals(50, distinct, "every notification once");
    }

    private WebhookReceiver receiver() throws Exception {
        WebhookReceiver receiver = new WebhookReceiver();
        receivers.add(receiver);
        return receiver;
    }

    private long channel(JsonObject body) {
        Api.Reply reply = api.post("/api/notifications/channels", body);
        assertEquals(201, reply.status(), String.valueOf(reply.body()));
        long id = reply.object().getJsonNumber("id").longValue();
        channels.add(id);
        return id;
    }

    private void route(JsonObject body) {
        Api.Reply reply = api.post("/api/notifications/routes", body);
        assertEquals(201, reply.status(), String.valueOf(reply.body()));
        routes.add(reply.object().getJsonNumber("id").longValue());
    }

    private void rule(String deviceId, String metric, String op, double threshold, String severity) {
        Api.Reply reply = api.post("/api/rules", Json.createObjectBuilder().add("metric", metric).add("op", op)
                .add("threshold", threshold).add("severity", severity).add("deviceId", deviceId).build());
        assertEquals(201, reply.status(), String.valueOf(reply.body()));
    }

    private Api.Device registerTagged(String prefix, Map<String, String> tags) {
        String id = Api.uniqueId(prefix);
        JsonObjectBuilder labels = Json.createObjectBuilder();
        tags.forEach(labels::add);
        Api.Reply reply = api.post("/api/devices", Json.createObjectBuilder().add("id", id).add("tags", labels).build());
        assertEquals(201, reply.status(), String.valueOf(reply.body()));
        assertEquals(tags, api.get("/api/devices/" + id + "/tags").object().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> ((jakarta.json.JsonString) e.getValue()).getString())));
        return new Api.Device(id, reply.object().getString("token"));
    }

    private List<JsonObject> alertsOf(String deviceId) {
        return api.get("/api/alerts?limit=1000").body().asJsonArray().stream().map(JsonValue::asJsonObject)
                .filter(a -> a.getString("deviceId").equals(deviceId)).toList();
    }

    private JsonObject openAlertOf(String deviceId) {
        return alertsOf(deviceId).stream().filter(a -> !"CLEARED".equals(a.getString("state"))).findFirst()
                .orElseThrow(() -> new AssertionError("no open alert of " + deviceId));
    }

    /** Each device connects once (so it has been seen) and goes away, 50 at a time, over the JDK's client. */
    private void seenOnce(List<Api.Device> devices) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int from = 0; from < devices.size(); from += 50) {
            List<CompletableFuture<WebSocket>> open = new ArrayList<>();
            for (Api.Device device : devices.subList(from, Math.min(devices.size(), from + 50))) {
                open.add(http.newWebSocketBuilder().header("Authorization", "Bearer " + device.token())
                        .subprotocols(TestDevice.SUBPROTOCOL)
                        .buildAsync(URI.create(server.wsUri() + "/ws/devices/" + device.id()), new WebSocket.Listener() { }));
            }
            for (CompletableFuture<WebSocket> socket : open) {
                socket.get(20, TimeUnit.SECONDS).sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(20, TimeUnit.SECONDS);
            }
        }
    }

    private static JsonArrayBuilder ids(long... ids) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        Arrays.stream(ids).forEach(array::add);
        return array;
    }

    private static JsonObject webhook(String url) {
        return webhook("hook", url, "INFO");
    }

    private static JsonObject webhook(String name, String url, String minSeverity) {
        return Json.createObjectBuilder().add("name", name).add("type", "webhook").add("url", url)
                .add("minSeverity", minSeverity).build();
    }

    /** The mails to this mailbox that list this alert (alone, or in a burst with others). */
    private static List<MimeMessage> mailsAbout(String mailbox, long alertId) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> recipient(m).equals(mailbox))
                .filter(m -> text(m).contains("alert " + alertId + ")")).toList();
    }

    private static String text(MimeMessage message) {
        try {
            return String.valueOf(message.getContent());
        } catch (jakarta.mail.MessagingException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hmac(String secret, String body) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "HmacSHA256"));
        return java.util.HexFormat.of().formatHex(mac.doFinal(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
