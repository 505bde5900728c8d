package io.vigil.device;

import io.vigil.config.Settings;
import io.vigil.shared.AfterCommit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which devices hold a live connection right now, and on which node. The
 * device endpoint reports this node's connects and disconnects; in a cluster
 * the other nodes' come in over the event bus ({@link #reportedBy}).
 * Everything that shows "online" reads it: a device is online while any
 * node holds a connection for it, so the old node's disconnect after a
 * device moved does not hide the new node's connection.
 */
@ApplicationScoped
public class DevicePresence {

    private final String node = Settings.nodeName();
    private final Map<String, Set<String>> nodesByDevice = new ConcurrentHashMap<>();

    @Inject
    DeviceService devices;

    @Inject
    AfterCommit afterCommit;

    public void connected(String deviceId) {
        mark(node, deviceId, true);
        long seen = devices.markSeen(deviceId, System.currentTimeMillis());
        afterCommit.publish(DeviceStatusChanged.of(deviceId, true, seen));
    }

    public void disconnected(String deviceId) {
        mark(node, deviceId, false);
        afterCommit.publish(DeviceStatusChanged.of(deviceId, false, devices.lastSeen(deviceId)));
    }

    /** Another node reports that it holds, or no longer holds, a device's connection. */
    public void reportedBy(String otherNode, String deviceId, boolean online) {
        mark(otherNode, deviceId, online);
    }

    /**
     * Another node is gone (it stopped being heard): it holds no connection any
     * more. The devices that are offline now because of it are announced as
     * such (by every node that noticed; the page takes the repeat as it is) and
     * answered.
     */
    public List<String> forgetNode(String otherNode) {
        List<String> offline = new ArrayList<>();
        for (String deviceId : List.copyOf(nodesByDevice.keySet())) {
            mark(otherNode, deviceId, false);
            if (!nodesByDevice.containsKey(deviceId)) {
                offline.add(deviceId);
            }
        }
        afterCommit.publishAll(offline.stream().map(id -> DeviceStatusChanged.of(id, false, devices.lastSeen(id)))
                .toList());
        return offline;
    }

    /**
     * Another node says which device connections it holds now, all of them
     * (after it joined, or after the two nodes lost each other for a while,
     * e.g. while the broker was away): this node's view of that node is
     * replaced. Answers whether any device's online state changed here.
     */
    public boolean replaceNode(String otherNode, Set<String> held) {
        boolean changed = false;
        for (String deviceId : List.copyOf(nodesByDevice.keySet())) {
            Set<String> nodes = nodesByDevice.get(deviceId);
            if (nodes != null && nodes.contains(otherNode) && !held.contains(deviceId)) {
                mark(otherNode, deviceId, false);
                changed |= !isOnline(deviceId);
            }
        }
        for (String deviceId : held) {
            changed |= !isOnline(deviceId);
            mark(otherNode, deviceId, true);
        }
        return changed;
    }

    public boolean isOnline(String deviceId) {
        return nodesByDevice.containsKey(deviceId);
    }

    /**
     * Sets are replaced, not changed: a device is almost always held by one
     * node, and an immutable one-element set is a tenth of the heap of a
     * concurrent one (it is kept for every connected device).
     */
    private void mark(String where, String deviceId, boolean online) {
        nodesByDevice.compute(deviceId, (d, nodes) -> {
            Set<String> now = nodes == null ? new HashSet<>() : new HashSet<>(nodes);
            boolean changed = online ? now.add(where) : now.remove(where);
            return !changed ? nodes : now.isEmpty() ? null : Set.copyOf(now);
        });
    }
}
