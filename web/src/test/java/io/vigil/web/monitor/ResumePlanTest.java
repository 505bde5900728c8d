package io.vigil.web.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ResumePlanTest {

    @Test
    void anIdNeverIssuedGetsASnapshot() {
        assertEquals(ResumePlan.SNAPSHOT, ResumePlan.of(2_000, 1_000, 1_500, true));
    }

    @Test
    void anIdAtOrAfterTheConnectionsSnapshotNeedsNothing() {
        assertEquals(ResumePlan.UP_TO_DATE, ResumePlan.of(1_000, 1_000, 1_500, true));
        // Seen on another node of the cluster, not yet here: it comes live.
        assertEquals(ResumePlan.UP_TO_DATE, ResumePlan.of(1_400, 1_000, 1_500, false));
    }

    @Test
    void anOlderIdIsReplayedWhileTheLogHoldsWhatFollowsIt() {
        assertEquals(ResumePlan.REPLAY, ResumePlan.of(900, 1_000, 1_500, true));
        assertEquals(ResumePlan.SNAPSHOT, ResumePlan.of(900, 1_000, 1_500, false));
    }
}
