package io.vigil.client.sdk;

/** What {@link VigilDevice#send} does when the outbox already holds its maximum of unacknowledged readings. */
public enum OutboxFullPolicy {
    /** Refuse the new reading with {@link OutboxFullException}; nothing already kept is lost (the default). */
    REJECT_NEW,
    /** Keep the new reading and discard the oldest unacknowledged one (counted in {@link DeviceMetrics#dropped()}). */
    DROP_OLDEST
}
