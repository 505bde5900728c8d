package io.vigil.web.monitor;

import io.vigil.telemetry.StoredReading;
import io.vigil.web.protocol.Json;
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

    /** Queues an event that must not be lost; false when the monitor is too far behind to keep. */
    boolean offerEvent(String json) {
        synchronized (lock) {
            queue.addLast(json);
            pendingEvents++;
            return pendingEvents <= maxPendingEvents;
        }
    }

    void offerReading(long eventId, StoredReading reading) {
        if (!subscribed(reading.deviceId())) {
            return;
        }
        synchronized (lock) {
            PendingReading pending = pendingReadings.get(reading.deviceId());
            if (pending == null) {
                pending = new PendingReading(reading.deviceId());
                pendingReadings.put(reading.deviceId(), pending);
                queue.addLast(pending);
            }
            pending.merge(eventId, reading);
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
                pendingReadings.remove(pending.deviceId);
            } else {
                pendingEvents--;
            }
        }
        return next instanceof PendingReading pending ? Json.write(pending.message()) : (String) next;
    }

    @Override
    public boolean isEmpty() {
        synchronized (lock) {
            return !started || queue.isEmpty();
        }
    }

    /** Readings of one device that have not been sent yet, merged. */
    private static final class PendingReading {
        private final String deviceId;
        private final Map<String, Double> metrics = new LinkedHashMap<>();
        private long eventId;
        private long seq;
        private long ts;

        PendingReading(String deviceId) {
            this.deviceId = deviceId;
        }

        void merge(long newEventId, StoredReading reading) {
            eventId = newEventId;
            seq = reading.seq();
            ts = reading.ts();
            metrics.putAll(reading.metrics());
        }

        MonitorMessages.Reading message() {
            return new MonitorMessages.Reading(eventId, deviceId, seq, ts, metrics);
        }
    }
}
