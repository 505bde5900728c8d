package io.vigil.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Silent peers are reaped: the server pings a connection that has sent
 * nothing for a while and closes it (1008) when nothing comes back, so
 * half-open connections and clients stuck in a bogus frame do not hold
 * sockets for ever; a quiet client that answers pings stays. (That a device
 * the server itself holds back is not taken for silent: BackpressureIT.)
 * The test server pings after {@value VigilServer#PING_INTERVAL_SECONDS} s
 * and closes after {@value VigilServer#IDLE_TIMEOUT_SECONDS} s.
 */
class IdleConnectionsIT extends E2E {

    @Test
    void aDeviceThatNeverAnswersPingsIsClosedAfterTheIdleTimeout() throws Exception {
        Api.Device device = api.register(Api.uniqueId("mute"));
        try (RawWebSocket ws = RawWebSocket.open(server.httpUri(), "/ws/devices/" + device.id(),
                Map.of("Authorization", "Bearer " + device.token()))) {
            assertEquals(101, ws.readHandshake().status());
            long started = System.nanoTime();
            RawWebSocket.Ending end = ws.readUntilClose(); // skips the welcome and the pings it never answers
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            assertEquals(1008, end.closeCode(), end.toString());
            assertTrue(end.reason().contains("no answer to pings"), end.reason());
            assertTrue(seconds >= VigilServer.IDLE_TIMEOUT_SECONDS - 1 && seconds <= VigilServer.IDLE_TIMEOUT_SECONDS + 5,
                    "closed after " + seconds + " s");
        }
    }

    @Test
    void aQuietDeviceThatAnswersPingsStaysConnected() throws Exception {
        try (TestDevice device = newDevice("quiet")) {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(VigilServer.IDLE_TIMEOUT_SECONDS + 3);
            while (System.nanoTime() < until) {
                assertTrue(device.isOpen(), "a device that answers pings is not closed for being quiet");
                TimeUnit.MILLISECONDS.sleep(200);
            }
            device.sendTelemetry(1, 1, Map.of("v", 1));
            device.awaitAck(1, WAIT);
        }
    }

    @Test
    void aFrameWithTheTopBitOfItsLengthSetDoesNotLeaveTheConnectionHanging() throws Exception {
        // RFC 6455 5.2: the top bit of a 64-bit length must be 0. Undertow does not refuse it with 1002: it reads
        // the length without that bit. Whatever it then makes of the frame, the connection must end promptly
        // (here the payload is not JSON: 1007), and a frame that never ends is the idle reaper's (1008).
        try (RawWebSocket ws = RawWebSocket.open(server.httpUri(), "/ws/monitor", Map.of())) {
            assertEquals(101, ws.readHandshake().status());
            byte[] mask = ws.frameHeader(0x1, true, Long.MIN_VALUE | 5);
            ws.payload("hello".getBytes(java.nio.charset.StandardCharsets.UTF_8), mask, 0);
            ws.flush();
            long started = System.nanoTime();
            RawWebSocket.Ending end = ws.readUntilClose();
            assertTrue(java.util.Set.of(1002, 1007, 1008).contains(end.closeCode()), end.toString());
            assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) <= VigilServer.IDLE_TIMEOUT_SECONDS + 5);
        }
        try (MonitorClient monitor = newMonitor()) {
            assertTrue(!monitor.isClosed(), "the server still serves monitors");
        }
    }
}
