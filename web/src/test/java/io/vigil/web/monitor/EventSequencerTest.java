package io.vigil.web.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventSequencerTest {

    private final List<Long> delivered = new ArrayList<>();
    private final EventSequencer sequencer = new EventSequencer(100, 3_000, 50);

    private boolean offer(long firstId, int count, long now) {
        return sequencer.offer(firstId, count, () -> delivered.add(firstId), now);
    }

    @Test
    void eventsInOrderAreDeliveredAtOnce() {
        assertTrue(offer(101, 5, 0));
        assertTrue(offer(106, 1, 0));
        assertEquals(List.of(101L, 106L), delivered);
        assertEquals(106, sequencer.lastDelivered());
    }

    @Test
    void anEventWaitsForTheIdsBeforeIt() {
        offer(103, 2, 0);
        offer(105, 1, 0);
        assertEquals(List.of(), delivered);
        offer(101, 2, 10);
        assertEquals(List.of(101L, 103L, 105L), delivered);
    }

    @Test
    void missingIdsAreGivenUpAfterTheGapTimeAndTheirLateEventIsRefused() {
        offer(104, 1, 1_000);
        assertEquals(0, sequencer.giveUpStaleGaps(3_999));
        assertEquals(List.of(), delivered);
        assertEquals(3, sequencer.giveUpStaleGaps(4_000));
        assertEquals(List.of(104L), delivered);
        assertFalse(offer(101, 3, 4_001), "its ids were given up");
        assertEquals(1, sequencer.lateEvents());
        assertEquals(3, sequencer.skippedIds());
        assertTrue(offer(105, 1, 4_002));
        assertEquals(List.of(104L, 105L), delivered);
    }

    @Test
    void gapAfterGapNoEventWaitsMuchLongerThanTheGapTime() {
        offer(102, 1, 0);
        offer(104, 1, 1_000);
        offer(106, 1, 2_000);  // 101, 103 and 105 never come (the bus is away)
        assertEquals(1, sequencer.giveUpStaleGaps(3_000));
        assertEquals(List.of(102L), delivered);
        assertEquals(1, sequencer.giveUpStaleGaps(4_000));
        assertEquals(1, sequencer.giveUpStaleGaps(5_000));
        assertEquals(List.of(102L, 104L, 106L), delivered);
    }

    @Test
    void theGapTimeCountsFromTheArrivalOfTheEventBehindIt() {
        offer(103, 1, 0);
        offer(102, 1, 2_000);  // 101 still missing; 102 and 103 wait
        offer(101, 1, 2_500);
        offer(106, 1, 2_600);  // 104 and 105 missing from now on
        assertEquals(0, sequencer.giveUpStaleGaps(5_000), "waited 2.4 s for 104, not 5 s");
        assertEquals(2, sequencer.giveUpStaleGaps(5_600));
        assertEquals(List.of(101L, 102L, 103L, 106L), delivered);
    }

    @Test
    void tooManyWaitingIdsGiveUpTheGapAtOnce() {
        offer(102, 30, 0);
        assertEquals(List.of(), delivered);
        offer(132, 30, 0);  // 60 waiting, more than 50
        assertEquals(List.of(102L, 132L), delivered);
        assertEquals(1, sequencer.skippedIds());
    }

    @Test
    void anEventFromBeforeTheStartOrTwiceIsRefused() {
        assertFalse(offer(90, 1, 0));
        offer(103, 1, 0);
        assertFalse(offer(103, 1, 0));
        assertEquals(2, sequencer.lateEvents());
    }
}
