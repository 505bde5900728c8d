package io.vigil.web.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.telemetry.StoredReading;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayLogTest {

    private static List<Long> ids(List<ReplayLog.Replayed> replay) {
        return replay.stream().map(ReplayLog.Replayed::eventId).toList();
    }

    @Test
    void replaysOnlyWhatItStillHas() {
        ReplayLog log = new ReplayLog(2, 100);
        assertTrue(log.canReplayAfter(100));
        assertFalse(log.canReplayAfter(99), "ids before the first one belong to an earlier run");
        log.add(101, "a");
        log.add(103, "b");
        log.add(105, "c");
        assertFalse(log.canReplayAfter(100), "101 was evicted");
        assertTrue(log.canReplayAfter(101));
        assertEquals(List.of(103L, 105L), ids(log.between(101, 105, d -> true)));
        assertEquals(List.of(103L), ids(log.between(101, 104, d -> true)));
    }

    @Test
    void anEventThatCameLateTakesItsPlaceInIdOrder() {
        ReplayLog log = new ReplayLog(10, 100);
        log.add(101, "a");
        log.add(104, "c");
        log.add(102, "late");
        assertEquals(List.of("a", "late", "c"), log.between(100, 110, d -> true).stream()
                .map(ReplayLog.Replayed::json).toList());
        log.add(99, "from before the start");
        assertEquals(3, log.between(0, 110, d -> true).size());
    }

    @Test
    void theNewestReadingPerDeviceIsReplayedInIdOrderWithTheEvents() {
        ReplayLog log = new ReplayLog(10, 100);
        log.reading(new ReadingEvent(101, new StoredReading("pump-7", 1, 1, Map.of("a", 1.0))));
        log.add(102, "alert");
        log.reading(new ReadingEvent(103, new StoredReading("pump-7", 2, 2, Map.of("a", 2.0))));
        log.reading(new ReadingEvent(104, new StoredReading("pump-8", 1, 1, Map.of("a", 1.0))));
        assertEquals(List.of(102L, 103L, 104L), ids(log.between(100, 110, d -> true)));
        assertEquals(List.of(102L, 103L), ids(log.between(100, 110, "pump-7"::equals)));
        assertEquals(List.of(102L), ids(log.between(100, 102, d -> true)), "up to the connection's snapshot");
    }
}
