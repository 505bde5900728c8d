package io.vigil.notification;

import io.vigil.alert.Severity;
import io.vigil.device.Tags;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Which channels hear of the alerts of the devices a tag selector picks, from
 * a severity up; and, for an alert nobody acknowledged in time, which channels
 * it is escalated to, and how often again while it stays so.
 */
@Entity
@Table(name = "notification_route")
public class Route {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(length = 2000)
    private String selector;

    @Column(name = "min_severity", nullable = false, length = 16)
    @Enumerated(EnumType.STRING)
    private Severity minSeverity;

    @Column(name = "channel_ids", nullable = false, length = 2000)
    private String channelIds;

    @Column(name = "escalate_after_seconds")
    private Integer escalateAfterSeconds;

    @Column(name = "escalation_channel_ids", length = 2000)
    private String escalationChannelIds;

    @Column(name = "repeat_seconds")
    private Integer repeatSeconds;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    /** The columns parsed once per loaded route: routing asks for them for every alert change. */
    @Transient
    private Parsed parsed;

    private record Parsed(Tags selector, List<Long> channelIds, List<Long> escalationChannelIds) {
    }

    protected Route() {
    }

    Route(RouteDefinition definition, long createdAt) {
        this.createdAt = createdAt;
        update(definition);
    }

    final void update(RouteDefinition d) {
        name = d.name();
        selector = d.selector().toJson();
        minSeverity = d.minSeverity();
        channelIds = join(d.channelIds());
        escalateAfterSeconds = d.escalateAfterSeconds();
        escalationChannelIds = d.escalationChannelIds().isEmpty() ? null : join(d.escalationChannelIds());
        repeatSeconds = d.repeatSeconds();
        parsed = null;
    }

    private Parsed parsed() {
        if (parsed == null) {
            parsed = new Parsed(Tags.fromJson(selector), split(channelIds), split(escalationChannelIds));
        }
        return parsed;
    }

    public Long getId() {
        return id;
    }

    public Tags selector() {
        return parsed().selector();
    }

    public Severity getMinSeverity() {
        return minSeverity;
    }

    public List<Long> channelIds() {
        return parsed().channelIds();
    }

    /** The channels named for escalation (none: it escalates to its own channels). */
    public List<Long> escalationChannelIds() {
        return parsed().escalationChannelIds();
    }

    /** Where an escalation goes: the escalation channels, or the route's own when none are named. */
    public List<Long> escalationTargets() {
        List<Long> escalation = escalationChannelIds();
        return escalation.isEmpty() ? channelIds() : escalation;
    }

    public Integer getEscalateAfterSeconds() {
        return escalateAfterSeconds;
    }

    public Integer getRepeatSeconds() {
        return repeatSeconds;
    }

    /** Whether an alert of this severity on a device with these tags takes this route. */
    public boolean matches(Severity severity, Tags deviceTags) {
        return severity.compareTo(minSeverity) >= 0 && selector().selects(deviceTags);
    }

    /** Whether the route names the channel, for routing or escalation. */
    public boolean uses(long channelId) {
        return channelIds().contains(channelId) || escalationChannelIds().contains(channelId);
    }

    public RouteView view() {
        return new RouteView(id, name, selector().labels(), minSeverity.name(), channelIds(), escalateAfterSeconds,
                escalationChannelIds(), repeatSeconds, createdAt);
    }

    private static String join(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static List<Long> split(String ids) {
        return ids == null || ids.isBlank() ? List.of()
                : Arrays.stream(ids.split(",")).map(String::strip).map(Long::valueOf).toList();
    }
}
