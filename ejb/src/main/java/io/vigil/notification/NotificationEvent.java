package io.vigil.notification;

import java.util.Locale;

/** What a notification tells: the {@code event} of a webhook body and the word in a mail's subject. */
public enum NotificationEvent {
    RAISED,
    ACKNOWLEDGED,
    CLEARED,
    ESCALATED,
    TEST;

    /** As the webhook body names it: {@code raised}, {@code acknowledged}, ... */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
