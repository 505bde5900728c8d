package io.vigil.web.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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

    /** An outbox whose snapshot has gone out, ready for live events. */
    private static MonitorOutbox startedOutbox() {
        MonitorOutbox outbox = new MonitorOutbox(10);
        outbox.start("{}");
        outbox.poll();
        return outbox;
    }

    @Test
    void nothingIsSentBeforeTheSnapshotWhichGoesFirst() {
        MonitorOutbox outbox = new MonitorOutbox(10);
        outbox.offerEvent("{\"type\":\"alert\"}");
        assertNull(outbox.poll());
        assertTrue(outbox.isEmpty());
        outbox.start("{\"type\":\"snapshot\"}");
        assertEquals("{\"type\":\"snapshot\"}", outbox.poll());
        assertEquals("{\"type\":\"alert\"}", outbox.poll());
    }

    @Test
    void aResumeSnapshotGoesAfterWhatWasQueuedBeforeItAndBeforeEverythingNewer() {
        MonitorOutbox outbox = startedOutbox();
        outbox.offerEvent("{\"type\":\"alert\",\"eventId\":20}");
        outbox.offerReading(new ReadingEvent(21, new StoredReading("pump-7", 1, 100, Map.of("flow", 1.0))));
        outbox.holdForSnapshot();
        outbox.offerReading(new ReadingEvent(23, new StoredReading("pump-7", 2, 200, Map.of("flow", 7.25))));
        assertNull(outbox.poll(), "nothing goes out while the snapshot is being built");
        outbox.releaseWithSnapshot("{\"type\":\"snapshot\",\"eventId\":22}");

        assertEquals("alert", parse(outbox.poll()).getString("type"));
        assertEquals(1, parse(outbox.poll()).getInt("seq"), "the older reading, not merged with the newer one");
        assertEquals("snapshot", parse(outbox.poll()).getString("type"));
        JsonObject newer = parse(outbox.poll());
        assertEquals(2, newer.getInt("seq"), "the reading after the snapshot is not rolled back by it");
        assertEquals(7.25, newer.getJsonObject("metrics").getJsonNumber("flow").doubleValue());
        assertNull(outbox.poll());
    }

    @Test
    void aResumeSnapshotWithNothingQueuedGoesAtOnce() {
        MonitorOutbox outbox = startedOutbox();
        outbox.holdForSnapshot();
        outbox.releaseWithSnapshot("{\"type\":\"snapshot\"}");
        assertEquals("snapshot", parse(outbox.poll()).getString("type"));
        assertNull(outbox.poll());
    }

    @Test
    void waitingReadingsOfADeviceAreConflatedNewestValuePerMetricWins() {
        MonitorOutbox outbox = startedOutbox();
        outbox.offerReading(new ReadingEvent(11, new StoredReading("pump-7", 1, 100, Map.of("temperature", 20.0, "humidity", 40.0))));
        outbox.offerReading(new ReadingEvent(12, new StoredReading("pump-8", 5, 150, Map.of("temperature", 5.0))));
        outbox.offerReading(new ReadingEvent(13, new StoredReading("pump-7", 2, 200, Map.of("temperature", 21.0))));

        JsonObject first = parse(outbox.poll());
        assertEquals("reading", first.getString("type"));
        assertEquals("pump-7", first.getString("deviceId"));
        assertEquals(2, first.getInt("seq"));
        assertEquals(200, first.getInt("ts"));
        assertEquals(13, first.getInt("eventId"));
        assertEquals(21.0, first.getJsonObject("metrics").getJsonNumber("temperature").doubleValue());
        assertEquals(40.0, first.getJsonObject("metrics").getJsonNumber("humidity").doubleValue());
        assertEquals("pump-8", parse(outbox.poll()).getString("deviceId"));
        assertNull(outbox.poll());
    }

    @Test
    void alertAndDeviceEventsAreNeverConflatedAndOverTheBoundTheMonitorMustGo() {
        MonitorOutbox outbox = new MonitorOutbox(3);
        outbox.start("{\"type\":\"snapshot\"}");
        assertTrue(outbox.offerEvent("{\"n\":1}"));
        assertTrue(outbox.offerEvent("{\"n\":2}"));
        assertFalse(outbox.offerEvent("{\"n\":3}"), "snapshot + 3 events is over a bound of 3");
        outbox.poll();
        assertEquals("{\"n\":1}", outbox.poll());
        assertEquals("{\"n\":2}", outbox.poll());
        assertEquals("{\"n\":3}", outbox.poll());
    }

    @Test
    void readingsOfUnsubscribedDevicesAreNotQueued() {
        MonitorOutbox outbox = startedOutbox();
        outbox.subscribe(Set.of("pump-7"));
        outbox.offerReading(new ReadingEvent(1, new StoredReading("pump-8", 1, 1, Map.of("a", 1.0))));
        assertTrue(outbox.isEmpty());
        outbox.offerReading(new ReadingEvent(2, new StoredReading("pump-7", 1, 1, Map.of("a", 1.0))));
        assertFalse(outbox.isEmpty());
    }

    @Test
    void eventLogReplaysOnlyWhatItStillHas() {
        EventLog log = new EventLog(2, 100);
        assertTrue(log.canReplayAfter(100));
        assertFalse(log.canReplayAfter(99), "ids before the first one belong to an earlier run");
        log.add(101, "a");
        log.add(103, "b");
        log.add(105, "c");
        assertFalse(log.canReplayAfter(100), "101 was evicted");
        assertTrue(log.canReplayAfter(101));
        assertEquals(java.util.List.of("b", "c"), log.between(101, 105));
        assertEquals(java.util.List.of("b"), log.between(101, 104));
    }

    @Test
    void errorsAreWrittenAsTheContractsJson() {
        assertEquals("{\"code\":\"c\",\"message\":\"m\",\"type\":\"error\"}",
                Json.write(new MonitorMessages.Error("c", "m")));
    }
}
