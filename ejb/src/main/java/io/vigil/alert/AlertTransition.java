package io.vigil.alert;

/**
 * Fired synchronously, in the transaction that changed the alert, each time
 * {@link AlertService} raises, acknowledges or clears one (or a silence
 * starts or stops covering it), so that whatever must happen with the change
 * commits with it or not at all. Observed by {@code notification.NotificationPlanner},
 * which writes the notifications to send; alerting's layers above observe,
 * the alert package knows none of them.
 */
public record AlertTransition(AlertView alert, Kind kind, long at) {

    /** What happened to the alert. */
    public enum Kind {
        RAISED,
        ACKNOWLEDGED,
        CLEARED,
        /** A silence stopped covering an alert that is still active: it is announced now, as if raised. */
        UNMUTED
    }
}
