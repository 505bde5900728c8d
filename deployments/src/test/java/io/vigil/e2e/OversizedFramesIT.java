package io.vigil.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A frame whose header announces far more than the size limit (64 KiB) must
 * be refused with 1009 after at most about the limit, never read to its end
 * into the heap: on the device endpoint and the (unauthenticated) monitor
 * endpoint alike, and from several connections at once.
 */
class OversizedFramesIT extends E2E {

    private static final long ANNOUNCED = 10_000_000;
    private static final int CHUNK = 16 * 1024;
    private static final long LIMIT = 64 * 1024;

    private RawWebSocket monitor() throws IOException {
        RawWebSocket ws = RawWebSocket.open(server.httpUri(), "/ws/monitor", Map.of());
        assertEquals(101, ws.readHandshake().status());
        return ws;
    }

    private RawWebSocket device() throws IOException {
        Api.Device device = api.register(Api.uniqueId("big"));
        RawWebSocket ws = RawWebSocket.open(server.httpUri(), "/ws/devices/" + device.id(),
                Map.of("Authorization", "Bearer " + device.token()));
        assertEquals(101, ws.readHandshake().status());
        assertTrue(ws.readText().contains("welcome"));
        return ws;
    }

    /** Sends the announced frame's payload chunk by chunk until the server's close arrives; returns the bytes sent. */
    private static long sendUntilClosed(RawWebSocket ws, CompletableFuture<RawWebSocket.Ending> ending) throws Exception {
        byte[] mask = ws.frameHeader(0x1, true, ANNOUNCED);
        ws.flush();
        byte[] chunk = new byte[CHUNK];
        java.util.Arrays.fill(chunk, (byte) 'a');
        long sent = 0;
        while (sent < ANNOUNCED && !ending.isDone()) {
            try {
                ws.payload(chunk, mask, sent);
                ws.flush();
            } catch (IOException e) {
                break; // the server has closed the connection
            }
            sent += CHUNK;
            if (sent > LIMIT) {
                ending.get(2, TimeUnit.SECONDS); // past the limit the close must come now; wait for it
            }
        }
        return sent;
    }

    private static CompletableFuture<RawWebSocket.Ending> closeOf(RawWebSocket ws) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return ws.readUntilClose();
            } catch (IOException e) {
                return new RawWebSocket.Ending(1006, e.toString(), true);
            }
        });
    }

    @Test
    void aFrameAnnouncingTenMegabytesIsRefusedWithinTheLimitOnBothEndpoints() throws Exception {
        for (RawWebSocket ws : List.of(monitor(), device())) {
            try (ws) {
                CompletableFuture<RawWebSocket.Ending> ending = closeOf(ws);
                long sent = sendUntilClosed(ws, ending);
                RawWebSocket.Ending end = ending.get(10, TimeUnit.SECONDS);
                assertEquals(1009, end.closeCode(), "close " + end);
                assertTrue(sent <= LIMIT + 2L * CHUNK, "refused after " + sent + " bytes of a frame over the limit");
                assertTrue(!end.reason().contains("UT0"), "no Undertow message ids in the reason: " + end.reason());
            }
        }
    }

    @Test
    void severalConnectionsSendingHugeFramesDoNotGrowTheHeapByTheirSize() throws Exception {
        long before = server.heapAfterGcBytes();
        List<RawWebSocket> sockets = new ArrayList<>();
        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            // Each opened right before it is used: a monitor left unread for longer than the send timeout would be
            // closed for that (1013) before its frame.
            RawWebSocket ws = i % 2 == 0 ? monitor() : device();
            sockets.add(ws);
            CompletableFuture<RawWebSocket.Ending> ending = closeOf(ws);
            sent.add(sendUntilClosed(ws, ending));
            assertEquals(1009, ending.get(10, TimeUnit.SECONDS).closeCode());
        }
        long after = server.heapAfterGcBytes();
        for (RawWebSocket ws : sockets) {
            ws.close();
        }
        long growth = after - before;
        System.out.println("heap after GC: before " + before / 1024 + " KiB, after 4 x " + ANNOUNCED / 1_000_000
                + " MB announced frames " + after / 1024 + " KiB (" + growth / 1024 + " KiB); bytes sent " + sent);
        assertTrue(growth < 8L * 1024 * 1024, "heap grew by " + growth / 1024 + " KiB");
    }
}
