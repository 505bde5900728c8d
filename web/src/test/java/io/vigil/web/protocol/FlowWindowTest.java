package io.vigil.web.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FlowWindowTest {

    @Test
    void sendingPausesWhenTheWindowIsFullAndGoesOnAfterThePong() {
        FlowWindow window = new FlowWindow(100);
        window.sent(60);
        assertTrue(window.hasRoom());
        long ping = window.startPing(1_000);
        window.sent(50);
        assertFalse(window.hasRoom(), "110 bytes unconfirmed");
        window.pong(ping);
        assertEquals(50, window.unconfirmedBytes(), "the pong confirms what was sent before the ping");
        assertTrue(window.hasRoom());
    }

    @Test
    void onlyOnePingIsOutstandingAndItsWaitIsMeasured() {
        FlowWindow window = new FlowWindow(100);
        assertEquals(-1, window.startPing(0), "nothing unconfirmed, nothing to ask");
        window.sent(10);
        long ping = window.startPing(1_000);
        assertTrue(ping > 0);
        assertEquals(-1, window.startPing(1_500));
        assertEquals(2_000, window.pingWaitMillis(3_000));
        window.pong(ping + 7);
        assertEquals(2_500, window.pingWaitMillis(3_500), "an unknown pong changes nothing");
        window.pong(ping);
        assertEquals(0, window.pingWaitMillis(4_000));
    }

    @Test
    void anEarlyPingIsWantedOnceAQuarterOfTheWindowIsUnconfirmed() {
        FlowWindow window = new FlowWindow(100);
        window.sent(24);
        assertFalse(window.wantsPing());
        window.sent(1);
        assertTrue(window.wantsPing());
        window.startPing(0);
        assertFalse(window.wantsPing());
    }
}
