package io.vigil.notification;

import java.util.List;
import java.util.Map;

/** A route as the REST API and the page show it. */
public record RouteView(long id, String name, Map<String, String> selector, String minSeverity, List<Long> channelIds,
                        Integer escalateAfterSeconds, List<Long> escalationChannelIds, Integer repeatSeconds,
                        long createdAt) {
}
