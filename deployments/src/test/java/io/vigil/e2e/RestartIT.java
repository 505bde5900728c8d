package io.vigil.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What was acked survives a restart of the server (PROTOCOL.md sections 2 and 5). */
class RestartIT extends E2E {

    @Test
    void afterARestartWelcomeLastSeqIsRightAndTheDataIsStillThere() throws Exception {
        Api.Device registered = api.register(Api.uniqueId("durable"));
        try (TestDevice device = connect(registered); MonitorClient monitor = newMonitor()) {
            device.sendBatch(1, 50, System.currentTimeMillis(), Map.of("flow", 3.5));
            device.awaitAck(50, WAIT);

            server.stop();
            assertEquals(1001, device.awaitClose(WAIT).getCloseCode().getCode(), "shutdown closes devices with 1001");
            assertEquals(1001, monitor.awaitClose(WAIT).code(), "and monitors too");
        }
        server.start();

        try (TestDevice device = connect(registered)) {
            assertEquals(50, device.awaitWelcome(WAIT));
            device.sendTelemetry(51, System.currentTimeMillis(), Map.of("flow", 4));
            device.awaitAck(51, WAIT);
        }
        assertEquals(51, api.get("/api/devices/" + registered.id() + "/readings").body().asJsonArray().size());
    }
}
