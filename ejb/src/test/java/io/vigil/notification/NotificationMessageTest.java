package io.vigil.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.shared.JsonObjects;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotificationMessageTest {

    private static String alert(long id, String device) {
        return "{\"id\":" + id + ",\"deviceId\":\"" + device + "\",\"severity\":\"CRITICAL\",\"state\":\"ACTIVE\","
                + "\"raisedAt\":1700000000000,\"message\":\"temperature > 90 (value 95)\",\"kind\":\"threshold\"}";
    }

    @Test
    void oneAlertIsTheAlertItselfWithALinkToIt() {
        NotificationMessage message = NotificationMessage.of(new Delivery("d-1", 1, NotificationEvent.RAISED,
                List.of(alert(7, "pump-7")), 0, 0), "ops", "https://vigil.example.com", 5);
        JsonObject body = JsonObjects.parse(message.json());
        assertEquals("raised", body.getString("event"));
        assertEquals("d-1", body.getString("deliveryId"));
        assertEquals(7, body.getJsonObject("alert").getInt("id"));
        assertEquals(1, body.getInt("count"));
        assertEquals("https://vigil.example.com/#/alerts/7", body.getString("link"));
        assertEquals("[Vigil] Raised: CRITICAL pump-7: temperature > 90 (value 95)", message.subject());
        assertTrue(message.text().contains("Delivery d-1"));
    }

    @Test
    void aBurstIsOneMessageListingEveryAlert() {
        List<String> alerts = java.util.stream.IntStream.range(0, 500).mapToObj(i -> alert(i, "d" + i)).toList();
        NotificationMessage message = NotificationMessage.of(new Delivery("d-2", 1, NotificationEvent.RAISED, alerts, 0, 0),
                "ops", "http://x", 5);
        JsonObject body = JsonObjects.parse(message.json());
        assertEquals(500, body.getJsonArray("alerts").size());
        assertEquals(500, body.getInt("count"));
        assertEquals("http://x/#/alerts", body.getString("link"));
        assertTrue(message.subject().startsWith("[Vigil] Raised: 500 alerts, d0, d1, d2, d3, d4, ..."),
                message.subject());
    }

    @Test
    void retriesWaitLongerEachTimeWithJitterUpToTheCeiling() {
        for (int attempt = 1; attempt < 40; attempt++) {
            long full = Math.min(300_000L, 1000L << Math.min(attempt - 1, 30));
            long delay = Backoff.delayMillis(attempt, 300);
            assertTrue(delay >= full / 2 && delay <= full, attempt + ": " + delay);
        }
    }
}
