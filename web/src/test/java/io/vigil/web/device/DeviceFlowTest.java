package io.vigil.web.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.telemetry.TelemetryIngest;
import io.vigil.web.protocol.ReceiveControl;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One connection's back-pressure: when reading its socket stops and starts again, and when it is refused. */
class DeviceFlowTest {

    /** An ingest whose fullness the test sets, and which calls back when told there is room. */
    static final class FakeIngest extends TelemetryIngest {
        boolean full;
        final List<Runnable> waiting = new ArrayList<>();

        @Override
        public boolean isFull() {
            return full;
        }

        @Override
        public void whenRoom(Runnable action) {
            waiting.add(action);
        }

        void makeRoom() {
            full = false;
            List<Runnable> due = new ArrayList<>(waiting);
            waiting.clear();
            due.forEach(Runnable::run);
        }
    }

    /** Counts pauses and resumes; {@code paused} is what the socket is now. */
    static final class Socket implements ReceiveControl {
        int pauses;
        int resumes;
        boolean paused;

        @Override
        public void pause() {
            pauses++;
            paused = true;
        }

        @Override
        public void resume() {
            resumes++;
            paused = false;
        }
    }

    private final FakeIngest ingest = new FakeIngest();
    private final Socket socket = new Socket();
    private DeviceFlow flow;

    @BeforeEach
    void setUp() {
        System.setProperty("vigil.ingest.maxUnackedPerDevice", "1000");
        flow = new DeviceFlow(ingest, socket);
    }

    @AfterEach
    void tearDown() {
        System.clearProperty("vigil.ingest.maxUnackedPerDevice");
    }

    private final List<Integer> submitted = new ArrayList<>();

    private boolean offer(int count) {
        return flow.offer(count, () -> submitted.add(count));
    }

    @Test
    void readingStopsAtTheUnackedLimitAndStartsAgainOnceAcksComeBack() {
        assertTrue(offer(500));
        assertFalse(socket.paused, "below the limit the socket is read");
        assertTrue(offer(500));
        assertTrue(socket.paused, "at the limit reading stops");
        assertTrue(offer(500), "what was already in flight is still taken");
        assertEquals(List.of(500, 500, 500), submitted);
        flow.done(500);
        assertTrue(socket.paused, "still 1000 waiting");
        flow.done(500);
        assertFalse(socket.paused, "below the limit again: reading resumes");
        assertEquals(1, socket.pauses);
        assertEquals(1, socket.resumes);
    }

    @Test
    void aFullBacklogStopsEveryConnectionUntilTheIngestAnnouncesRoom() {
        ingest.full = true;
        assertTrue(offer(1));
        assertTrue(socket.paused);
        flow.done(1);
        assertTrue(socket.paused, "its own acks came, but the backlog is still full");
        assertEquals(1, ingest.waiting.size(), "it waits for room once, not once per ack");
        ingest.makeRoom();
        assertFalse(socket.paused);
    }

    @Test
    void readingsThatCameInPastTwiceTheLimitWaitInOrderAndGoOnAsAcksMakeRoom() {
        assertTrue(offer(1500));
        assertTrue(offer(500));
        assertTrue(offer(300), "past twice the limit: kept, not refused");
        assertTrue(offer(1), "and what follows waits behind it");
        assertEquals(List.of(1500, 500), submitted, "only twice the limit went to storage");
        assertEquals(2301, flow.waiting());
        flow.done(200);
        assertEquals(List.of(1500, 500), submitted, "300 do not fit yet");
        flow.done(101);
        assertEquals(List.of(1500, 500, 300, 1), submitted, "in arrival order");
        assertTrue(socket.paused, "still far past the limit");
        flow.done(2000);
        assertFalse(socket.paused);
    }

    @Test
    void onlyAClientThatThePauseDoesNotHoldIsRefused() {
        assertTrue(offer(2000));
        int parked = 0;
        while (parked + 1000 <= flow.maxParked()) {
            assertTrue(offer(1000));
            parked += 1000;
        }
        assertFalse(offer(flow.maxParked() - parked + 1), "past the most that may wait");
        assertEquals(2000 + parked, flow.waiting(), "the refused message was not counted");
    }
}
