package io.vigil.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The live view's ordering guarantee as a client checks it (PROTOCOL.md section 6): on one connection
 * every message with an {@code eventId} carries a higher one than the message before it; a snapshot
 * may repeat the id of the event before it (it shows the state as of that event).
 */
final class EventOrder {

    private EventOrder() {
    }

    /** The places where the id did not increase, as "previous -> message" lines; empty when none. */
    static List<String> violations(List<JsonObject> messages) {
        List<String> found = new ArrayList<>();
        long previous = Long.MIN_VALUE;
        for (JsonObject message : messages) {
            if (!message.containsKey("eventId")) {
                continue;
            }
            long eventId = message.getJsonNumber("eventId").longValue();
            boolean snapshot = "snapshot".equals(message.getString("type", ""));
            if (snapshot ? eventId < previous : eventId <= previous) {
                String text = message.toString();
                found.add(previous + " -> " + (text.length() > 200 ? text.substring(0, 200) + "..." : text));
            }
            previous = Math.max(previous, eventId);
        }
        return found;
    }

    /** Fails, naming the first few, when any id did not increase. */
    static void assertIncreasing(String who, List<JsonObject> messages) {
        List<String> found = violations(messages);
        assertEquals(List.of(), found.subList(0, Math.min(5, found.size())),
                who + ": " + found.size() + " of " + messages.size() + " messages came with an eventId that did not increase");
    }
}
