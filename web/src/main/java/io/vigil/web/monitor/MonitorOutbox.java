package io.vigil.web.monitor;

import io.vigil.telemetry.StoredReading;
import io.vigil.web.protocol.Outbox;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One monitor's queue of outgoing messages. Alert, device and snapshot
 * messages are kept in order and never dropped; readings are conflated: while
 * a device's reading waits, a newer one merges into it (newest value per
 * metric wins), so a slow monitor costs at most one waiting reading per device.
 * Nothing is sent before {@link #start} puts the snapshot first.
 */
final class MonitorOutbox implements Outbox {

    private final Object lock = new Object();
    /** Either a serialized event (String) or a {@link PendingReading}. */
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private final Map<String, PendingReading> pendingReadings = new HashMap<>();
    private final int maxPendingEvents;
    private int pendingEvents;
    private boolean started;
    /** While a fresh snapshot is being built: how many messages were queued before it (they go first). */
    private int heldAt = -1;
    private volatile Set<String> subscription = Set.of("*");

    MonitorOutbox(int maxPendingEvents) {
        this.maxPendingEvents = maxPendingEvents;
    }

    /** Queues the snapshot ahead of everything that arrived while it was being built, and allows sending. */
    void start(String snapshot) {
        synchronized (lock) {
            queue.addFirst(snapshot);
            pendingEvents++;
            started = true;
        }
    }

    /**
     * A fresh snapshot is about to be built for this monitor (a {@code resume}
     * that could not be replayed, or events it missed): stop sending, and from
     * now on queue new messages behind where the snapshot will go. What is
     * already queued is older than the snapshot and goes before it; nothing
     * newer may, or the snapshot would roll it back on the page. False (and
     * nothing done) when a snapshot is already on its way to it: the one it
     * joined with, or another fresh one.
     */
    boolean holdForSnapshot() {
        synchronized (lock) {
            if (!started) {
                return false;
            }
            started = false;
            heldAt = queue.size();
            pendingReadings.clear(); // newer readings must not merge into ones queued before the snapshot
            return true;
        }
    }

    /** Puts the snapshot where {@link #holdForSnapshot} left room for it, and sends again. */
    void releaseWithSnapshot(String snapshot) {
        synchronized (lock) {
            ArrayDeque<Object> reordered = new ArrayDeque<>(queue.size() + 1);
            int index = 0;
            for (Object message : queue) {
                if (index++ == heldAt) {
                    reordered.addLast(snapshot);
                }
                reordered.addLast(message);
            }
            if (heldAt >= queue.size()) {
                reordered.addLast(snapshot);
            }
            queue.clear();
            queue.addAll(reordered);
            pendingEvents++;
            heldAt = -1;
            started = true;
        }
    }

    /** Queues an event that must not be lost; false when the monitor is too far behind to keep. */
    boolean offerEvent(String json) {
        synchronized (lock) {
            queue.addLast(json);
            pendingEvents++;
            return pendingEvents <= maxPendingEvents;
        }
    }

    void offerReading(ReadingEvent event) {
        if (!subscribed(event.reading().deviceId())) {
            return;
        }
        synchronized (lock) {
            PendingReading pending = pendingReadings.get(event.reading().deviceId());
            if (pending == null) {
                pending = new PendingReading(event);
                pendingReadings.put(event.reading().deviceId(), pending);
                queue.addLast(pending);
            } else {
                pending.merge(event);
            }
        }
    }

    void subscribe(Set<String> devices) {
        subscription = Set.copyOf(devices);
    }

    boolean subscribed(String deviceId) {
        Set<String> current = subscription;
        return current.contains("*") || current.contains(deviceId);
    }

    @Override
    public String poll() {
        Object next;
        synchronized (lock) {
            if (!started || (next = queue.pollFirst()) == null) {
                return null;
            }
            if (next instanceof PendingReading pending) {
                pendingReadings.remove(pending.deviceId(), pending);
            } else {
                pendingEvents--;
            }
        }
        return next instanceof PendingReading pending ? pending.json() : (String) next;
    }

    @Override
    public boolean isEmpty() {
        synchronized (lock) {
            return !started || queue.isEmpty();
        }
    }

    /**
     * Readings of one device that have not been sent yet. Usually just one,
     * whose JSON every monitor shares; merged into a message of its own only
     * when this monitor fell behind (newest value per metric wins).
     */
    private static final class PendingReading {
        private ReadingEvent single;
        private MonitorMessages.Reading merged;

        PendingReading(ReadingEvent event) {
            this.single = event;
        }

        void merge(ReadingEvent newer) {
            Map<String, Double> metrics = new LinkedHashMap<>(
                    merged != null ? merged.metrics() : single.reading().metrics());
            metrics.putAll(newer.reading().metrics());
            StoredReading reading = newer.reading();
            merged = new MonitorMessages.Reading(newer.eventId(), reading.deviceId(), reading.seq(), reading.ts(),
                    metrics);
            single = null;
        }

        String deviceId() {
            return merged != null ? merged.deviceId() : single.reading().deviceId();
        }

        String json() {
            return merged != null ? merged.toJson() : single.json();
        }
    }
}
