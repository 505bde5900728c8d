package io.vigil.alert;

import io.vigil.shared.NumberedEvent;

/** Published through {@link io.vigil.shared.AfterCommit} when an alert is raised, acknowledged or cleared. */
public record AlertChanged(AlertView alert, long eventId) implements NumberedEvent {

    /** The event before its transaction commits and gives it its id ({@link io.vigil.shared.AfterCommit}). */
    public static AlertChanged of(AlertView alert) {
        return new AlertChanged(alert, 0);
    }

    @Override
    public int eventIds() {
        return 1;
    }

    @Override
    public AlertChanged numbered(long firstEventId) {
        return new AlertChanged(alert, firstEventId);
    }
}
