package io.vigil.web.monitor;

import io.vigil.telemetry.StoredReading;

/**
 * A stored reading with its {@code eventId}, as every monitor's outbox holds
 * it. Its JSON is written at most once, by whichever monitor sends it first,
 * and shared by the others.
 */
final class ReadingEvent {

    private final long eventId;
    private final StoredReading reading;
    private volatile String json;

    ReadingEvent(long eventId, StoredReading reading) {
        this.eventId = eventId;
        this.reading = reading;
    }

    long eventId() {
        return eventId;
    }

    StoredReading reading() {
        return reading;
    }

    String json() {
        String written = json;
        if (written == null) {
            written = new MonitorMessages.Reading(eventId, reading.deviceId(), reading.seq(), reading.ts(),
                    reading.metrics()).toJson();
            json = written;
        }
        return written;
    }
}
