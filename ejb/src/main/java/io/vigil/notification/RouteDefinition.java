package io.vigil.notification;

import io.vigil.alert.Severity;
import io.vigil.device.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A route as an operator writes it: a selector (empty: every device), the
 * lowest severity, the channels, and optionally an escalation (after how many
 * seconds an alert still ACTIVE goes to which channels, and how often again).
 */
public record RouteDefinition(String name, Tags selector, Severity minSeverity, List<Long> channelIds,
                              Integer escalateAfterSeconds, List<Long> escalationChannelIds, Integer repeatSeconds) {

    public static final int MAX_SECONDS = 30 * 24 * 3600;
    public static final int MIN_REPEAT_SECONDS = 10;

    public RouteDefinition {
        channelIds = channelIds == null ? List.of() : List.copyOf(channelIds);
        escalationChannelIds = escalationChannelIds == null ? List.of() : List.copyOf(escalationChannelIds);
    }

    public List<String> problems(Set<Long> existingChannels) {
        List<String> problems = new ArrayList<>();
        if (name == null || name.isBlank() || name.length() > ChannelDefinition.MAX_NAME_LENGTH) {
            problems.add("name must be 1-" + ChannelDefinition.MAX_NAME_LENGTH + " characters");
        }
        if (minSeverity == null) {
            problems.add("minSeverity must be one of INFO, WARNING, CRITICAL");
        }
        if (channelIds.isEmpty()) {
            problems.add("channelIds must name at least one channel");
        }
        List<Long> unknown = new ArrayList<>();
        channelIds.stream().filter(id -> !existingChannels.contains(id)).forEach(unknown::add);
        escalationChannelIds.stream().filter(id -> !existingChannels.contains(id)).forEach(unknown::add);
        if (!unknown.isEmpty()) {
            problems.add("no channel with id " + unknown.stream().distinct().map(String::valueOf)
                    .reduce((a, b) -> a + ", " + b).orElseThrow());
        }
        if (escalateAfterSeconds != null && (escalateAfterSeconds < 1 || escalateAfterSeconds > MAX_SECONDS)) {
            problems.add("escalateAfterSeconds must be between 1 and " + MAX_SECONDS);
        }
        if (escalateAfterSeconds == null && (!escalationChannelIds.isEmpty() || repeatSeconds != null)) {
            problems.add("escalationChannelIds and repeatSeconds need escalateAfterSeconds");
        }
        if (repeatSeconds != null && (repeatSeconds < MIN_REPEAT_SECONDS || repeatSeconds > MAX_SECONDS)) {
            problems.add("repeatSeconds must be between " + MIN_REPEAT_SECONDS + " and " + MAX_SECONDS);
        }
        return problems;
    }
}
