package io.vigil.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.CloseReason;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every row of PROTOCOL.md section 5 that a client can cause, on both endpoints. */
class CloseCodesIT extends E2E {

    @Test
    void aNormalCloseIsAnsweredWith1000AndMonitorsSeeTheDeviceGoOffline() throws Exception {
        try (MonitorClient monitor = newMonitor()) {
            TestDevice device = newDevice("cc");
            device.close();
            assertEquals(1000, device.awaitClose(WAIT).getCloseCode().getCode());
            monitor.await(m -> "device".equals(m.getString("type")) && device.deviceId().equals(m.getString("deviceId"))
                    && !m.getBoolean("online"), WAIT);
        }
    }

    @Test
    void binaryFrameFromADeviceCloses1003() throws Exception {
        try (TestDevice device = newDevice("cc")) {
            device.sendBinary(new byte[] {1, 2, 3});
            assertClose(device, 1003);
        }
    }

    @Test
    void textThatIsNotJsonCloses1007() throws Exception {
        assertFrameCloses("this is not json", 1007);
    }

    @Test
    void jsonWithoutAKnownTypeCloses1007() throws Exception {
        assertFrameCloses("{\"type\":\"launch_missiles\"}", 1007);
        assertFrameCloses("{\"seq\":1}", 1007);
        assertFrameCloses("[1,2,3]", 1007);
    }

    @Test
    void aReadingWithoutAUsableSeqCloses1007() throws Exception {
        assertFrameCloses("{\"type\":\"telemetry\",\"seq\":0,\"ts\":1,\"metrics\":{\"a\":1}}", 1007);
        assertFrameCloses("{\"type\":\"batch\",\"items\":[]}", 1007);
        assertFrameCloses("{\"type\":\"batch\",\"items\":[{\"seq\":2,\"ts\":1,\"metrics\":{\"a\":1}},"
                + "{\"seq\":1,\"ts\":1,\"metrics\":{\"a\":1}}]}", 1007);
    }

    @Test
    void aMessageOverTheSizeLimitCloses1009() throws Exception {
        assertFrameCloses("{\"type\":\"telemetry\",\"seq\":1,\"ts\":1,\"metrics\":{\"a\":1},\"pad\":\""
                + "x".repeat(70 * 1024) + "\"}", 1009);
    }

    @Test
    void aMessageFarOverTheLimitIsRefusedByTheContainerWith1009() throws Exception {
        assertFrameCloses("{\"type\":\"telemetry\",\"pad\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}", 1009);
    }

    @Test
    void aMessageJustUnderTheSizeLimitIsAccepted() throws Exception {
        try (TestDevice device = newDevice("cc")) {
            String text = "{\"type\":\"telemetry\",\"seq\":1,\"ts\":1,\"metrics\":{\"a\":1},\"pad\":\"";
            String almost = text + "x".repeat(64 * 1024 - text.length() - 2) + "\"}";
            device.sendText(almost);
            device.awaitAck(1, WAIT);
        }
    }

    @Test
    void aSecondConnectionReplacesTheFirstWith1008() throws Exception {
        Api.Device registered = api.register(Api.uniqueId("cc"));
        try (TestDevice first = connect(registered); TestDevice second = connect(registered)) {
            CloseReason reason = first.awaitClose(WAIT);
            assertEquals(1008, reason.getCloseCode().getCode());
            assertTrue(reason.getReasonPhrase().contains("replaced"), reason.getReasonPhrase());
            second.sendTelemetry(1, 1, Map.of("a", 1));
            second.awaitAck(1, WAIT);
            assertTrue(second.isOpen());
        }
    }

    @Test
    void monitorBinaryFrameCloses1003AndBadJsonCloses1007() throws Exception {
        try (MonitorClient monitor = newMonitor()) {
            monitor.sendBinary(new byte[] {0});
            assertEquals(1003, monitor.awaitClose(WAIT).code());
        }
        try (MonitorClient monitor = newMonitor()) {
            monitor.sendRaw("{nope");
            assertEquals(1007, monitor.awaitClose(WAIT).code());
        }
        try (MonitorClient monitor = newMonitor()) {
            monitor.sendRaw("{\"type\":\"dance\"}");
            assertEquals(1007, monitor.awaitClose(WAIT).code());
        }
    }

    /** 1,001 levels of nesting used to close with 1011 and log a 96 KB stack trace per 1 KB frame. */
    @Test
    void deeplyNestedJsonCloses1007OnBothEndpoints() throws Exception {
        String deep = "{\"type\":\"telemetry\",\"x\":" + "[".repeat(1_001) + "]".repeat(1_001) + "}";
        assertFrameCloses(deep, 1007);
        try (MonitorClient monitor = newMonitor()) {
            monitor.sendRaw(deep.replace("telemetry", "subscribe"));
            assertEquals(1007, monitor.awaitClose(WAIT).code());
        }
    }

    @Test
    void aMonitorMessageOverTheSizeLimitCloses1009() throws Exception {
        try (MonitorClient monitor = newMonitor()) {
            monitor.sendRaw("{\"type\":\"subscribe\",\"devices\":[\"" + "a".repeat(70 * 1024) + "\"]}");
            assertEquals(1009, monitor.awaitClose(WAIT).code());
        }
    }

    @Test
    void aMalformedMonitorRequestGetsAnErrorAndTheConnectionStays() throws Exception {
        try (MonitorClient monitor = newMonitor()) {
            int mark = monitor.mark();
            monitor.sendRaw("{\"type\":\"ack_alert\",\"alertId\":\"seventeen\"}");
            var error = monitor.await(mark, MonitorClient.ofType("error"), WAIT);
            assertEquals("invalid_request", error.getString("code"));
            mark = monitor.mark();
            monitor.sendRaw("{\"type\":\"ack_alert\",\"alertId\":999999999}");
            assertEquals("not_found", monitor.await(mark, MonitorClient.ofType("error"), WAIT).getString("code"));
            assertFalse(monitor.isClosed());
        }
    }

    /** A fresh device sends {@code frame} and is closed with {@code code}. */
    private void assertFrameCloses(String frame, int code) throws Exception {
        try (TestDevice device = newDevice("cc")) {
            device.sendText(frame);
            assertClose(device, code);
        }
    }

    private static void assertClose(TestDevice device, int code) throws Exception {
        CloseReason reason = device.awaitClose(WAIT);
        assertEquals(code, reason.getCloseCode().getCode(), reason.toString());
        assertFalse(reason.getReasonPhrase().isBlank(), "every close carries a reason");
    }
}
