package io.vigil.web.monitor;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The most recent alert and device events, kept so that a monitor that
 * reconnects can {@code resume} without a snapshot. Not thread-safe: the hub
 * guards it.
 */
final class EventLog {

    private record Entry(long eventId, String json) {
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final int capacity;
    /** Every event with an id up to this one may have been evicted. */
    private long forgottenUpTo;

    EventLog(int capacity, long firstEventId) {
        this.capacity = Math.max(1, capacity);
        this.forgottenUpTo = firstEventId;
    }

    void add(long eventId, String json) {
        entries.addLast(new Entry(eventId, json));
        if (entries.size() > capacity) {
            forgottenUpTo = entries.removeFirst().eventId();
        }
    }

    /** True when every event after {@code lastEventId} is still here. */
    boolean canReplayAfter(long lastEventId) {
        return lastEventId >= forgottenUpTo;
    }

    /** The events with {@code after < eventId <= upTo}, oldest first. */
    List<String> between(long after, long upTo) {
        return entries.stream()
                .filter(e -> e.eventId() > after && e.eventId() <= upTo)
                .map(Entry::json)
                .toList();
    }
}
