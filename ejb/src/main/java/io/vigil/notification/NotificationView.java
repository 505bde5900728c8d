package io.vigil.notification;

/** A notification as the REST API and the page show it: where it is in its delivery, and why it failed. */
public record NotificationView(long id, long channelId, String channel, String event, Long alertId, String deliveryId,
                               String status, int attempts, long createdAt, Long lastAttemptAt, long nextAttemptAt,
                               String lastError, Long doneAt) {
}
