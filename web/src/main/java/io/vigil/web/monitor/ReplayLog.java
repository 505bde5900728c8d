package io.vigil.web.monitor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What a monitor that reconnects can {@code resume} from without a snapshot:
 * the most recent alert, device and command events, by id, and the newest
 * reading of every device. Events whose ids the hub had given up on when they
 * arrived at last are kept here too, in their place, so a later resume still
 * gets them. Not thread-safe: the hub guards it.
 */
final class ReplayLog {

    /** A message to re-send, with its eventId. */
    record Replayed(long eventId, String json) {
    }

    private final NavigableMap<Long, String> events = new TreeMap<>();
    private final Map<String, ReadingEvent> latestReadings = new HashMap<>();
    private final int capacity;
    /** Every event with an id up to this one may have been evicted (or came before this node started). */
    private long forgottenUpTo;

    ReplayLog(int capacity, long lastIdBeforeStart) {
        this.capacity = Math.max(1, capacity);
        this.forgottenUpTo = lastIdBeforeStart;
    }

    void add(long eventId, String json) {
        if (eventId <= forgottenUpTo) {
            return;
        }
        events.put(eventId, json);
        if (events.size() > capacity) {
            forgottenUpTo = events.pollFirstEntry().getKey();
        }
    }

    void reading(ReadingEvent reading) {
        latestReadings.merge(reading.reading().deviceId(), reading,
                (known, newer) -> newer.eventId() > known.eventId() ? newer : known);
    }

    /** True when every event after {@code lastEventId} is still here. */
    boolean canReplayAfter(long lastEventId) {
        return lastEventId >= forgottenUpTo;
    }

    /**
     * The events with {@code after < eventId <= upTo} and the newest reading
     * of each device (those {@code wanted}) in that range, in id order.
     */
    List<Replayed> between(long after, long upTo, Predicate<String> wanted) {
        List<Replayed> replay = new ArrayList<>();
        events.subMap(after, false, upTo, true).forEach((id, json) -> replay.add(new Replayed(id, json)));
        latestReadings.values().stream()
                .filter(r -> r.eventId() > after && r.eventId() <= upTo && wanted.test(r.reading().deviceId()))
                .forEach(r -> replay.add(new Replayed(r.eventId(), r.json())));
        replay.sort(Comparator.comparingLong(Replayed::eventId));
        return replay;
    }
}
