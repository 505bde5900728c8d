package io.vigil.device;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class DevicePresenceTest {

    private final DevicePresence presence = new DevicePresence();

    @Test
    void deviceStaysOnlineWhileAnyNodeHoldsIt() {
        presence.reportedBy("node-a", "pump-7", true);
        presence.reportedBy("node-b", "pump-7", true);
        presence.reportedBy("node-a", "pump-7", false);
        assertTrue(presence.isOnline("pump-7"), "node-b still holds it");
        presence.reportedBy("node-b", "pump-7", false);
        assertFalse(presence.isOnline("pump-7"));
    }

    @Test
    void repeatedReportsAreIdempotent() {
        presence.reportedBy("node-a", "pump-7", true);
        presence.reportedBy("node-a", "pump-7", true);
        presence.reportedBy("node-b", "pump-7", false);
        presence.reportedBy("node-a", "pump-7", false);
        assertFalse(presence.isOnline("pump-7"), "one disconnect ends one node's hold however often it connected");
        presence.reportedBy("node-a", "pump-7", false);
        assertFalse(presence.isOnline("pump-7"));
    }

    @Test
    void replacingANodesViewDropsWhatItNoLongerHolds() {
        presence.reportedBy("node-b", "pump-7", true);
        presence.reportedBy("node-b", "pump-8", true);
        presence.reportedBy("node-c", "pump-8", true);
        assertTrue(presence.replaceNode("node-b", Set.of("pump-9")));
        assertFalse(presence.isOnline("pump-7"));
        assertTrue(presence.isOnline("pump-8"), "node-c still holds it");
        assertTrue(presence.isOnline("pump-9"));
        assertFalse(presence.replaceNode("node-b", Set.of("pump-9")), "nothing changed");
    }
}
