package io.vigil.web.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.telemetry.StoredReading;
import io.vigil.web.protocol.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MonitorOutboxTest {

    private static JsonObject parse(String json) {
        return jakarta.json.Json.createReader(new StringReader(json)).readObject();
    }

    /** An outbox whose snapshot (numbered 10) has gone out, ready for live events. */
    private static MonitorOutbox startedOutbox() {
        MonitorOutbox outbox = new MonitorOutbox(10, 10);
        outbox.start("{}");
        outbox.poll();
        return outbox;
    }

    private static ReadingEvent reading(long eventId, String device, long seq, Map<String, Double> metrics) {
        return new ReadingEvent(eventId, new StoredReading(device, seq, seq * 100, metrics));
    }

    @Test
    void nothingIsSentBeforeTheSnapshotWhichGoesFirst() {
        MonitorOutbox outbox = new MonitorOutbox(10, 10);
        outbox.offerEvent(11, "{\"type\":\"alert\"}");
        assertNull(outbox.poll());
        assertTrue(outbox.isEmpty());
        outbox.start("{\"type\":\"snapshot\"}");
        assertEquals("{\"type\":\"snapshot\"}", outbox.poll());
        assertEquals("{\"type\":\"alert\"}", outbox.poll());
    }

    @Test
    void aFreshSnapshotGoesAfterWhatWasQueuedBeforeItAndBeforeEverythingNewer() {
        MonitorOutbox outbox = startedOutbox();
        outbox.offerEvent(20, "{\"type\":\"alert\",\"eventId\":20}");
        outbox.offerReading(reading(21, "pump-7", 1, Map.of("flow", 1.0)));
        assertTrue(outbox.holdForSnapshot(22));
        assertFalse(outbox.holdForSnapshot(22), "one fresh snapshot at a time");
        outbox.offerReading(reading(23, "pump-7", 2, Map.of("flow", 7.25)));

        assertEquals("alert", parse(outbox.poll()).getString("type"), "what is ahead of the snapshot goes on");
        assertEquals(1, parse(outbox.poll()).getInt("seq"), "the older reading, not merged with the newer one");
        assertNull(outbox.poll(), "nothing after the snapshot's place goes before it is built");
        assertTrue(outbox.isEmpty());
        outbox.releaseWithSnapshot("{\"type\":\"snapshot\",\"eventId\":22}");
        assertEquals("snapshot", parse(outbox.poll()).getString("type"));
        JsonObject newer = parse(outbox.poll());
        assertEquals(2, newer.getInt("seq"), "the reading after the snapshot is not rolled back by it");
        assertEquals(7.25, newer.getJsonObject("metrics").getJsonNumber("flow").doubleValue());
        assertNull(outbox.poll());
    }

    @Test
    void aFreshSnapshotThatCouldNotBeBuiltLeavesNoHole() {
        MonitorOutbox outbox = startedOutbox();
        outbox.holdForSnapshot(10);
        outbox.offerEvent(11, "{\"n\":11}");
        outbox.dropSnapshot();
        assertEquals("{\"n\":11}", outbox.poll());
    }

    @Test
    void aConflatedReadingMovesToWhereItsNewestIdBelongs() {
        MonitorOutbox outbox = startedOutbox();
        outbox.offerReading(reading(11, "pump-7", 1, Map.of("temperature", 20.0, "humidity", 40.0)));
        outbox.offerReading(reading(12, "pump-8", 5, Map.of("temperature", 5.0)));
        outbox.offerEvent(13, "{\"type\":\"alert\",\"eventId\":13}");
        outbox.offerReading(reading(14, "pump-7", 2, Map.of("temperature", 21.0)));

        assertEquals(12, parse(outbox.poll()).getInt("eventId"), "pump-8's reading now comes first");
        assertEquals(13, parse(outbox.poll()).getInt("eventId"));
        JsonObject merged = parse(outbox.poll());
        assertEquals("pump-7", merged.getString("deviceId"));
        assertEquals(2, merged.getInt("seq"));
        assertEquals(200, merged.getInt("ts"));
        assertEquals(14, merged.getInt("eventId"));
        assertEquals(21.0, merged.getJsonObject("metrics").getJsonNumber("temperature").doubleValue());
        assertEquals(40.0, merged.getJsonObject("metrics").getJsonNumber("humidity").doubleValue(),
                "newest value per metric wins; older metrics stay");
        assertNull(outbox.poll());
    }

    @Test
    void anEventThatWouldGoBackwardsIsRefused() {
        MonitorOutbox outbox = startedOutbox();
        outbox.offerEvent(12, "{}");
        assertThrows(MonitorOutbox.OutOfOrder.class, () -> outbox.offerEvent(12, "{}"));
        assertThrows(MonitorOutbox.OutOfOrder.class, () -> outbox.offerReading(reading(11, "a", 1, Map.of())));
        assertThrows(MonitorOutbox.OutOfOrder.class, () -> outbox.holdForSnapshot(11));
        assertTrue(outbox.holdForSnapshot(12), "a snapshot may carry the id of the event before it");
        assertTrue(outbox.offerReplayed("{\"eventId\":3}"), "a replay keeps its own ids");
        assertEquals(12, outbox.highWater());
    }

    @Test
    void alertAndDeviceEventsAreNeverConflatedAndOverTheBoundTheMonitorMustGo() {
        MonitorOutbox outbox = new MonitorOutbox(3, 0);
        outbox.start("{\"type\":\"snapshot\"}");
        assertTrue(outbox.offerEvent(1, "{\"n\":1}"));
        assertTrue(outbox.offerReply("{\"n\":2}"));
        assertFalse(outbox.offerEvent(3, "{\"n\":3}"), "snapshot + 3 messages is over a bound of 3");
        outbox.poll();
        assertEquals("{\"n\":1}", outbox.poll());
        assertEquals("{\"n\":2}", outbox.poll());
        assertEquals("{\"n\":3}", outbox.poll());
    }

    @Test
    void readingsOfUnsubscribedDevicesAreNotQueued() {
        MonitorOutbox outbox = startedOutbox();
        outbox.subscribe(Set.of("pump-7"));
        outbox.offerReading(reading(11, "pump-8", 1, Map.of("a", 1.0)));
        assertTrue(outbox.isEmpty());
        outbox.offerReading(reading(12, "pump-7", 1, Map.of("a", 1.0)));
        assertFalse(outbox.isEmpty());
    }

    @Test
    void errorsAreWrittenAsTheContractsJson() {
        assertEquals("{\"code\":\"c\",\"message\":\"m\",\"type\":\"error\"}",
                Json.write(new MonitorMessages.Error("c", "m")));
    }
}
