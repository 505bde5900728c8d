package io.vigil.notification;

import java.util.Map;

/** A silence as the REST API and the page show it; {@code active} says whether it mutes now. */
public record SilenceView(long id, String deviceId, Map<String, String> selector, long startsAt, long endsAt,
                          String comment, String createdBy, long createdAt, boolean active) {
}
