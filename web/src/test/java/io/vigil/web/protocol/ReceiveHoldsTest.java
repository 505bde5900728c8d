package io.vigil.web.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReceiveHoldsTest {

    private final List<String> calls = new ArrayList<>();
    private final ReceiveHolds holds = new ReceiveHolds(new ReceiveControl() {
        @Override
        public void pause() {
            calls.add("pause");
        }

        @Override
        public void resume() {
            calls.add("resume");
        }
    }, () -> calls.add("reaper hold"), () -> calls.add("reaper release"));

    @Test
    void theSocketIsReadAgainOnlyWhenNoReasonHoldsIt() {
        assertTrue(holds.hold(ReceiveHolds.Reason.FLOW));
        assertTrue(holds.hold(ReceiveHolds.Reason.RATE));
        assertFalse(holds.hold(ReceiveHolds.Reason.RATE), "already held for its rate");
        holds.release(ReceiveHolds.Reason.FLOW);
        assertEquals(List.of("reaper hold", "pause"), calls, "still held for its rate");
        holds.release(ReceiveHolds.Reason.RATE);
        assertEquals(List.of("reaper hold", "pause", "resume", "reaper release"), calls);
        holds.release(ReceiveHolds.Reason.RATE);
        assertEquals(4, calls.size(), "a release without a hold does nothing");
    }

    @Test
    void eachReasonHasItsOwnControl() {
        ReceiveControl flow = holds.control(ReceiveHolds.Reason.FLOW);
        flow.pause();
        flow.pause();
        assertTrue(holds.holds(ReceiveHolds.Reason.FLOW));
        flow.resume();
        assertFalse(holds.holds(ReceiveHolds.Reason.FLOW));
        assertEquals(List.of("reaper hold", "pause", "resume", "reaper release"), calls);
    }
}
