package io.vigil.web.cluster;

import io.vigil.device.DevicePresence;
import io.vigil.web.device.DeviceConnections;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Which other nodes are alive: each node says so on the event bus every
 * {@value #BEAT_SECONDS} s (and every event it publishes says so too); a node
 * not heard from for {@value #SILENT_SECONDS} s is taken for dead, and the
 * device connections it held are forgotten, so its devices show offline here
 * until they reconnect (through the balancer, to a live node).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ClusterMembers {

    private static final Logger LOG = Logger.getLogger(ClusterMembers.class.getName());
    static final int BEAT_SECONDS = 2;
    static final int SILENT_SECONDS = 6;

    private final Map<String, Long> lastHeard = new ConcurrentHashMap<>();

    @Inject
    ClusterBus bus;

    @Inject
    DevicePresence presence;

    @Inject
    DeviceConnections connections;


    /**
     * Something came from {@code node} over the bus. A node heard for the
     * first time, or again after it was taken for gone, is told which device
     * connections this node holds and asked for its own (they may have
     * changed while the two did not hear each other).
     */
    public void heard(String node) {
        if (lastHeard.put(node, System.currentTimeMillis()) == null) {
            LOG.info(() -> "Cluster node " + node + " is here");
            bus.presence(connections.heldHere(), true);
        }
    }

    @Schedule(hour = "*", minute = "*", second = "*/" + BEAT_SECONDS, persistent = false)
    void beat() {
        if (!bus.enabled()) {
            return;
        }
        bus.heartbeat();
        long silentSince = System.currentTimeMillis() - SILENT_SECONDS * 1000L;
        for (Iterator<Map.Entry<String, Long>> it = lastHeard.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Long> member = it.next();
            if (member.getValue() < silentSince) {
                it.remove();
                List<String> offline = presence.forgetNode(member.getKey());
                LOG.warning(() -> "Cluster node " + member.getKey() + " has not been heard from for " + SILENT_SECONDS
                        + " s; its " + offline.size() + " device connection(s) are taken for gone");
            }
        }
    }
}
