package io.vigil.web.monitor;

import java.util.Map;
import java.util.TreeMap;

/**
 * Puts the events a node hears back into event id order before monitors see
 * them. Ids are handed out without gaps in commit order ({@link io.vigil.shared.EventIds}),
 * but this node hears its own commits on its commit lane and the other nodes'
 * over the event bus, each a little late; an event is delivered once every id
 * before it has been. Ids that do not come (a node died between its commit and
 * publishing, the bus dropped an event or is away) are given up once the
 * event waiting behind them has waited {@code gapMillis}, or at once when more
 * than {@code maxWaitingIds} wait; so no event waits much longer than
 * {@code gapMillis}, however many gaps follow each other. An event that
 * arrives after its ids were given up is not delivered (monitors must see ids
 * increase) and is counted. Not thread-safe: the hub guards it.
 */
final class EventSequencer {

    private record Waiting(int count, Runnable delivery, long arrivedAt) {
    }

    private final TreeMap<Long, Waiting> waiting = new TreeMap<>();
    private final long gapMillis;
    private final int maxWaitingIds;
    private long next;
    private long waitingIds;
    private long skippedIds;
    private long lateEvents;

    /** {@code lastDelivered}: the id before the first one this node will deliver. */
    EventSequencer(long lastDelivered, long gapMillis, int maxWaitingIds) {
        this.next = lastDelivered + 1;
        this.gapMillis = gapMillis;
        this.maxWaitingIds = maxWaitingIds;
    }

    /**
     * An event with the ids {@code firstId .. firstId + count - 1}: delivered
     * now if every id before it was, later otherwise. False when it came too late.
     */
    boolean offer(long firstId, int count, Runnable delivery, long now) {
        if (firstId < next || waiting.containsKey(firstId)) {
            lateEvents++;
            return false;
        }
        waiting.put(firstId, new Waiting(count, delivery, now));
        waitingIds += count;
        deliverReady();
        while (waitingIds > maxWaitingIds) {
            giveUpGap();
        }
        return true;
    }

    /** Gives up the missing ids before every event that has waited {@code gapMillis}; answers how many. */
    long giveUpStaleGaps(long now) {
        long skipped = 0;
        while (!waiting.isEmpty() && now - waiting.firstEntry().getValue().arrivedAt() >= gapMillis) {
            skipped += giveUpGap();
        }
        return skipped;
    }

    /** The id of the last event delivered. */
    long lastDelivered() {
        return next - 1;
    }

    long skippedIds() {
        return skippedIds;
    }

    long lateEvents() {
        return lateEvents;
    }

    private long giveUpGap() {
        long missing = waiting.firstKey() - next;
        skippedIds += missing;
        next = waiting.firstKey();
        deliverReady();
        return missing;
    }

    private void deliverReady() {
        while (!waiting.isEmpty() && waiting.firstKey() == next) {
            Map.Entry<Long, Waiting> first = waiting.pollFirstEntry();
            next += first.getValue().count();
            waitingIds -= first.getValue().count();
            first.getValue().delivery().run();
        }
    }
}
