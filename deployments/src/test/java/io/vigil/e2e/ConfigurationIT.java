package io.vigil.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A setting Vigil does not allow stops the deployment with a message that
 * names the property, the value and what is allowed, instead of a server that
 * quietly runs on a default; with the setting mended, it starts as before.
 */
class ConfigurationIT extends E2E {

    @Test
    void aDeploymentWithAnInvalidSettingFailsToStartNamingIt() throws Exception {
        server.stop();
        try {
            String log = server.startFailing(List.of("-Dvigil.ingest.maxBatch=banana", "-Dvigil.ws.requireTls=maybe"));
            assertTrue(log.contains("Invalid setting vigil.ingest.maxBatch=banana: must be an integer from 1 to"),
                    "the log names the property, the value and what is allowed");
            assertTrue(log.contains("Invalid setting vigil.ws.requireTls=maybe: must be true or false"),
                    "every bad setting at once");
            assertTrue(log.contains("vigil.ear"), "the deployment is what failed");
        } finally {
            server.start();
        }
        assertEquals(200, api.get("/api/devices?limit=1").status(), "mended, it starts as before");
    }
}
