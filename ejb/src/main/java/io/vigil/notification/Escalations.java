package io.vigil.notification;

import io.vigil.alert.Alert;
import io.vigil.alert.AlertState;
import io.vigil.alert.Severity;
import io.vigil.device.DeviceTags;
import io.vigil.device.Tags;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Escalation: an alert still ACTIVE (nobody acknowledged it, it did not
 * clear) and not silenced, older than a route's {@code escalateAfterSeconds},
 * is sent as {@code escalated} to the route's escalation channels, once, and
 * again every {@code repeatSeconds} while it stays so when the route repeats.
 * What was escalated when is stored ({@link AlertEscalation}), so a restart or
 * a move of the timers to another node neither repeats nor skips one.
 */
@Stateless
public class Escalations {

    @PersistenceContext(unitName = "vigil")
    EntityManager em;

    @Inject
    NotificationPlanner planner;

    @Inject
    DeviceTags tags;

    /** Escalates what is due at {@code now}; returns how many notifications it wrote. */
    public int run(long now) {
        RoutingTable table = planner.table();
        List<Route> escalating = table.routes().stream().filter(r -> r.getEscalateAfterSeconds() != null).toList();
        if (escalating.isEmpty()) {
            return 0;
        }
        int shortest = escalating.stream().mapToInt(Route::getEscalateAfterSeconds).min().orElseThrow();
        List<Alert> waiting = em.createQuery("SELECT a FROM Alert a WHERE a.state = :active AND a.silenced = FALSE"
                        + " AND a.raisedAt <= :since ORDER BY a.id", Alert.class)
                .setParameter("active", AlertState.ACTIVE)
                .setParameter("since", now - shortest * 1000L)
                .getResultList();
        if (waiting.isEmpty()) {
            return 0;
        }
        Map<String, Tags> deviceTags = table.needsTags()
                ? tags.ofDevices(waiting.stream().map(Alert::getDeviceId).collect(Collectors.toSet())) : Map.of();
        int written = 0;
        for (Alert alert : waiting) {
            Tags labels = deviceTags.getOrDefault(alert.getDeviceId(), Tags.NONE);
            Set<Long> targets = new HashSet<>();
            for (Route route : escalating) {
                if (due(alert, route, labels, now)) {
                    targets.addAll(table.escalationFor(route, alert.getSeverity()));
                }
            }
            planner.enqueue(targets, NotificationEvent.ESCALATED, alert.view(), now);
            written += targets.size();
        }
        return written;
    }

    private boolean due(Alert alert, Route route, Tags labels, long now) {
        Severity severity = alert.getSeverity();
        if (alert.getRaisedAt() > now - route.getEscalateAfterSeconds() * 1000L || !route.matches(severity, labels)) {
            return false;
        }
        AlertEscalation.Key key = new AlertEscalation.Key(alert.getId(), route.getId());
        AlertEscalation done = em.find(AlertEscalation.class, key);
        if (done == null) {
            em.persist(new AlertEscalation(alert.getId(), route.getId(), now));
            return true;
        }
        if (route.getRepeatSeconds() != null && done.getEscalatedAt() <= now - route.getRepeatSeconds() * 1000L) {
            done.again(now);
            return true;
        }
        return false;
    }
}
