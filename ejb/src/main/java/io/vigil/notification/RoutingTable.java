package io.vigil.notification;

import io.vigil.alert.Severity;
import io.vigil.device.Tags;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Who hears of an alert, decided from the channels and routes as they stand:
 * each route whose selector picks the device and whose severity the alert
 * reaches adds its channels; a channel that no route names hears of every
 * alert (a channel a route names only for escalation hears of escalations
 * alone); and every channel still only from its own {@code minSeverity} up.
 */
public record RoutingTable(List<Channel> channels, List<Route> routes) {

    /** The channels (ids, in channel order) an alert of this severity on a device with these tags goes to. */
    public Set<Long> channelsFor(Severity severity, Tags deviceTags) {
        Set<Long> routed = new HashSet<>();
        Set<Long> chosen = new HashSet<>();
        for (Route route : routes) {
            routed.addAll(route.channelIds());
            routed.addAll(route.escalationChannelIds());
            if (route.matches(severity, deviceTags)) {
                chosen.addAll(route.channelIds());
            }
        }
        return within(severity, id -> chosen.contains(id) || !routed.contains(id));
    }

    /** The channels an escalation along this route goes to, each from its own severity up. */
    public Set<Long> escalationFor(Route route, Severity severity) {
        Set<Long> targets = new HashSet<>(route.escalationTargets());
        return within(severity, targets::contains);
    }

    /** Whether any route picks devices by tags, so that a device's tags must be read to route its alerts. */
    public boolean needsTags() {
        return routes.stream().anyMatch(route -> !route.selector().isEmpty());
    }

    private Set<Long> within(Severity severity, java.util.function.LongPredicate wanted) {
        Map<Long, Channel> byId = channels.stream().collect(Collectors.toMap(Channel::getId, Function.identity()));
        return byId.values().stream()
                .filter(channel -> wanted.test(channel.getId()) && severity.compareTo(channel.getMinSeverity()) >= 0)
                .map(Channel::getId)
                .sorted()
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
