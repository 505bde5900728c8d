package io.vigil.web.monitor;

import io.vigil.telemetry.StoredReading;
import io.vigil.web.protocol.Outbox;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One monitor's queue of outgoing messages, in the order they are sent. Every
 * live message in it carries a higher {@code eventId} than the one before it,
 * and the outbox refuses any that would not ({@link OutOfOrder}): that is the
 * ordering guarantee of PROTOCOL.md section 6, kept in the one place every
 * message passes.
 *
 * <p>Alert, device, command and snapshot messages are never dropped. Readings
 * are conflated: while a device's reading waits, a newer one merges into it
 * (newest value per metric wins) and the merged reading moves to the tail,
 * where its new, highest id belongs; so a slow monitor costs at most one
 * waiting reading per device and still sees ids increase. Messages without an
 * id (errors and other replies) and the replay that answers a {@code resume}
 * (the missed events, with their own, older ids) go at the tail without
 * moving the high-water mark. Nothing is sent before {@link #start} puts the
 * connection's snapshot first. Thread-safe.
 */
final class MonitorOutbox implements Outbox {

    /** Readings merged into a waiting one, on every monitor since start ({@code vigil_monitor_conflated_total}). */
    static final java.util.concurrent.atomic.LongAdder CONFLATED = new java.util.concurrent.atomic.LongAdder();


    /** A message that would have gone out with an id not above the one before it. */
    static final class OutOfOrder extends IllegalStateException {
        OutOfOrder(long eventId, long highWater) {
            super("event " + eventId + " would follow event " + highWater + " on this monitor");
        }
    }

    private final Object lock = new Object();
    /** Head and tail of the queue, a doubly linked list so that a conflated reading can move to the tail. */
    private Entry head;
    private Entry tail;
    /** The waiting reading of each device that a newer reading may still merge into. */
    private final Map<String, PendingReading> pendingReadings = new HashMap<>();
    private final int maxPendingEvents;
    private int pendingEvents;
    private boolean started;
    /** The highest eventId queued so far; every later live message must be above it (a snapshot may equal it). */
    private long highWater;
    /** A fresh snapshot's place while it is being built; messages before it may still go out. */
    private SnapshotSlot slot;
    private volatile Set<String> subscription = Set.of("*");

    MonitorOutbox(int maxPendingEvents, long joinedAt) {
        this.maxPendingEvents = maxPendingEvents;
        this.highWater = joinedAt;
    }

    /**
     * Queues the snapshot the connection joined with ({@code eventId} as of the
     * join) ahead of everything that arrived while it was being built, which is
     * all newer, and allows sending.
     */
    void start(String snapshot) {
        synchronized (lock) {
            prepend(new Message(snapshot));
            pendingEvents++;
            started = true;
        }
    }

    /**
     * Makes room at the tail for a fresh snapshot numbered {@code eventId}
     * (the last id delivered to monitors, so everything queued so far is as
     * old or older, and everything queued from now on newer). Messages ahead
     * of it go on being sent; none after it goes before it is filled in. False
     * (and nothing done) when a snapshot is already on its way to this
     * monitor: the one it joined with, or another fresh one.
     */
    boolean holdForSnapshot(long eventId) {
        synchronized (lock) {
            if (!started || slot != null) {
                return false;
            }
            if (eventId < highWater) {
                throw new OutOfOrder(eventId, highWater);
            }
            highWater = eventId;
            slot = new SnapshotSlot();
            append(slot);
            pendingEvents++;
            pendingReadings.clear(); // a newer reading must not merge into one the snapshot already covers
            return true;
        }
    }

    /** Fills in the snapshot where {@link #holdForSnapshot} left room for it. */
    void releaseWithSnapshot(String snapshot) {
        synchronized (lock) {
            if (slot != null) {
                slot.json = snapshot;
                slot = null;
            }
        }
    }

    /** Leaves out a fresh snapshot that could not be built (the monitor is being closed). */
    void dropSnapshot() {
        synchronized (lock) {
            if (slot != null) {
                unlink(slot);
                pendingEvents--;
                slot = null;
            }
        }
    }

    /** Queues a live event that must not be lost; false when the monitor is too far behind to keep. */
    boolean offerEvent(long eventId, String json) {
        synchronized (lock) {
            advance(eventId);
            return queue(json);
        }
    }

    /** Queues a message without an eventId (an answer to this monitor); false when it is too far behind. */
    boolean offerReply(String json) {
        synchronized (lock) {
            return queue(json);
        }
    }

    /**
     * Queues a message of the replay that answers a {@code resume}: an event
     * the monitor missed before its snapshot, with its own id. It does not
     * move the high-water mark: live events go on from where they were.
     */
    boolean offerReplayed(String json) {
        return offerReply(json);
    }

    void offerReading(ReadingEvent event) {
        String deviceId = event.reading().deviceId();
        if (!subscribed(deviceId)) {
            return;
        }
        synchronized (lock) {
            advance(event.eventId());
            PendingReading pending = pendingReadings.get(deviceId);
            if (pending == null) {
                pending = new PendingReading(event);
                pendingReadings.put(deviceId, pending);
            } else {
                pending.merge(event);
                CONFLATED.increment();
                unlink(pending);
            }
            append(pending);
        }
    }

    void subscribe(Set<String> devices) {
        subscription = Set.copyOf(devices);
    }

    boolean subscribed(String deviceId) {
        Set<String> current = subscription;
        return current.contains("*") || current.contains(deviceId);
    }

    /** The highest eventId queued so far (the snapshot this monitor joined with, if nothing since). */
    long highWater() {
        synchronized (lock) {
            return highWater;
        }
    }

    @Override
    public String poll() {
        synchronized (lock) {
            Entry next = head;
            if (!started || next == null || next instanceof SnapshotSlot s && s.json == null) {
                return null;
            }
            unlink(next);
            if (next instanceof PendingReading pending) {
                pendingReadings.remove(pending.deviceId(), pending);
            } else {
                pendingEvents--;
            }
            return next.json();
        }
    }

    @Override
    public boolean isEmpty() {
        synchronized (lock) {
            return !started || head == null || head instanceof SnapshotSlot s && s.json == null;
        }
    }

    private void advance(long eventId) {
        if (eventId <= highWater) {
            throw new OutOfOrder(eventId, highWater);
        }
        highWater = eventId;
    }

    private boolean queue(String json) {
        append(new Message(json));
        pendingEvents++;
        return pendingEvents <= maxPendingEvents;
    }

    private void prepend(Entry entry) {
        entry.prev = null;
        entry.next = head;
        if (head != null) {
            head.prev = entry;
        } else {
            tail = entry;
        }
        head = entry;
    }

    private void append(Entry entry) {
        entry.prev = tail;
        entry.next = null;
        if (tail != null) {
            tail.next = entry;
        } else {
            head = entry;
        }
        tail = entry;
    }

    private void unlink(Entry entry) {
        if (entry.prev != null) {
            entry.prev.next = entry.next;
        } else {
            head = entry.next;
        }
        if (entry.next != null) {
            entry.next.prev = entry.prev;
        } else {
            tail = entry.prev;
        }
        entry.prev = null;
        entry.next = null;
    }

    private abstract static class Entry {
        Entry prev;
        Entry next;

        abstract String json();
    }

    private static final class Message extends Entry {
        private final String json;

        Message(String json) {
            this.json = json;
        }

        @Override
        String json() {
            return json;
        }
    }

    private static final class SnapshotSlot extends Entry {
        String json;

        @Override
        String json() {
            return json;
        }
    }

    /**
     * Readings of one device that have not been sent yet. Usually just one,
     * whose JSON every monitor shares; merged into a message of its own only
     * when this monitor fell behind (newest value per metric wins).
     */
    private static final class PendingReading extends Entry {
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

        @Override
        String json() {
            return merged != null ? merged.toJson() : single.json();
        }
    }
}
