package io.vigil.telemetry;

import io.vigil.shared.NumberedEvent;
import java.util.List;

/**
 * Published through {@link io.vigil.shared.AfterCommit} once a batch of
 * readings is committed; reading {@code i} has the event id {@code firstEventId + i}.
 */
public record ReadingsStored(List<StoredReading> readings, long firstEventId) implements NumberedEvent {

    /** The event before its transaction commits and gives it its id ({@link io.vigil.shared.AfterCommit}). */
    public static ReadingsStored of(List<StoredReading> readings) {
        return new ReadingsStored(readings, 0);
    }

    @Override
    public int eventIds() {
        return readings.size();
    }

    @Override
    public ReadingsStored numbered(long firstEventId) {
        return new ReadingsStored(readings, firstEventId);
    }
}
