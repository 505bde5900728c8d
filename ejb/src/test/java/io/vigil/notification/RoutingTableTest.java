package io.vigil.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vigil.alert.Severity;
import io.vigil.device.Tags;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutingTableTest {

    private final Channel ops = channel(1, Severity.INFO);
    private final Channel north = channel(2, Severity.WARNING);
    private final Channel boss = channel(3, Severity.CRITICAL);
    private final Route northRoute = route(10, Map.of("site", "north"), Severity.INFO, List.of(2L), List.of(3L));
    private final RoutingTable table = new RoutingTable(List.of(ops, north, boss), List.of(northRoute));
    private final Tags northTags = Tags.of(Map.of("site", "north"), "tags");

    @Test
    void aChannelNoRouteNamesHearsOfEveryAlertFromItsSeverityUp() {
        assertEquals(Set.of(1L), table.channelsFor(Severity.INFO, Tags.NONE));
        assertEquals(Set.of(1L), table.channelsFor(Severity.CRITICAL, Tags.NONE), "routed channels only by route");
    }

    @Test
    void aRouteAddsItsChannelsForTheDevicesItSelectsEachFromItsOwnSeverity() {
        assertEquals(Set.of(1L), table.channelsFor(Severity.INFO, northTags), "north wants WARNING and up");
        assertEquals(Set.of(1L, 2L), table.channelsFor(Severity.WARNING, northTags));
    }

    @Test
    void escalationGoesToTheRoutesEscalationChannelsFromTheirSeverity() {
        assertEquals(Set.of(), table.escalationFor(northRoute, Severity.WARNING));
        assertEquals(Set.of(3L), table.escalationFor(northRoute, Severity.CRITICAL));
        Route noEscalationChannels = route(11, Map.of(), Severity.INFO, List.of(2L), List.of());
        assertEquals(Set.of(2L), table.escalationFor(noEscalationChannels, Severity.WARNING), "its own channels");
    }

    private static Channel channel(long id, Severity min) {
        Channel channel = new Channel(new ChannelDefinition("c" + id, ChannelType.WEBHOOK, "http://127.0.0.1/", null, min), 0);
        set(channel, "id", id);
        return channel;
    }

    private static Route route(long id, Map<String, String> selector, Severity min, List<Long> channels,
                               List<Long> escalation) {
        Route route = new Route(new RouteDefinition("r" + id, Tags.of(selector, "selector"), min, channels,
                escalation.isEmpty() ? 60 : 30, escalation, null), 0);
        set(route, "id", id);
        return route;
    }

    private static void set(Object target, String name, Object value) {
        try {
            Field field = target.getClass().getDeclaredField(name);
            field.setAccessible(true);
            field.set(target, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
