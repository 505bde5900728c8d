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

    @Test
    void readingStopsAtTheUnackedLimitAndStartsAgainOnceAcksComeBack() {
        assertTrue(flow.admit(500));
        assertFalse(socket.paused, "below the limit the socket is read");
        assertTrue(flow.admit(500));
        assertTrue(socket.paused, "at the limit reading stops");
        assertTrue(flow.admit(500), "what was already in flight is still taken");
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
        assertTrue(flow.admit(1));
        assertTrue(socket.paused);
        flow.done(1);
        assertTrue(socket.paused, "its own acks came, but the backlog is still full");
        assertEquals(1, ingest.waiting.size(), "it waits for room once, not once per ack");
        ingest.makeRoom();
        assertFalse(socket.paused);
    }

    @Test
    void aClientThatGetsTwiceTheLimitInAnywayIsRefusedAndNothingOfItIsCounted() {
        assertTrue(flow.admit(1500));
        assertTrue(flow.admit(500));
        assertFalse(flow.admit(1), "past twice the limit");
        flow.done(2000);
        assertTrue(flow.admit(1000), "the refused message was not counted");
    }
}
