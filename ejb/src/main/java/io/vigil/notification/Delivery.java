package io.vigil.notification;

import java.util.List;

/**
 * One message to one channel: a single alert event, or a burst of the same
 * event gathered into one ({@code alertJson} in order). Its {@code id} is the
 * {@code deliveryId} the receiver sees, the same on every attempt.
 */
public record Delivery(String id, long channelId, NotificationEvent event, List<String> alertJson, int attempts,
                       long firstCreatedAt) {
}
