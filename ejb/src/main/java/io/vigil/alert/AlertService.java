package io.vigil.alert;

import io.vigil.audit.AuditAction;
import io.vigil.audit.AuditLog;
import io.vigil.device.DeviceSeen;
import io.vigil.shared.AfterCommit;
import io.vigil.telemetry.ReadingsWritten;
import io.vigil.shared.InvalidInputException;
import jakarta.ejb.Stateless;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one place alerts are written. Every change is stored and then announced
 * with {@link AlertChanged}, which monitors receive only after the commit.
 */
@Stateless
public class AlertService {

    public static final int MAX_NOTE_LENGTH = 1000;

    @PersistenceContext(unitName = "vigil")
    EntityManager em;

    @Inject
    AfterCommit afterCommit;

    @Inject
    AuditLog audit;

    @Inject
    MuteCheck mutes;

    @Inject
    Event<AlertTransition> transitions;

    /** Raises the alert of a rule whose condition a reading met ({@code message} says which). */
    public Alert raiseThreshold(String deviceId, long ruleId, String metric, Severity severity, double value,
                                String message, long now) {
        return store(Alert.threshold(deviceId, ruleId, metric, severity, value, now, message));
    }

    /** Devices were heard from in an ingest transaction: their offline alerts end in it. */
    public void readingsWritten(@Observes @Priority(Interceptor.Priority.APPLICATION) ReadingsWritten written) {
        clearOffline(written.devicesHeardFrom(), written.at());
    }

    /** A device was heard from (it connected): its offline alert ends. */
    public void deviceSeen(@Observes DeviceSeen seen) {
        clearOffline(List.of(seen.deviceId()), seen.at());
    }

    public void raiseOffline(String deviceId, long lastSeen, long now) {
        long silentSeconds = (now - lastSeen) / 1000;
        store(Alert.offline(deviceId, now, "no data for " + silentSeconds + " s"));
    }

    public void clear(Alert alert, long now) {
        alert.clear(now);
        // Release the open key now: a new alert for the same rule may be inserted later in this transaction.
        em.flush();
        announce(alert.view(), AlertTransition.Kind.CLEARED, now);
    }

    /**
     * A silence started or stopped covering this open alert: the flag is stored and shown; an
     * alert that is still ACTIVE when its silence ends is announced to those it would have reached.
     */
    public void setSilenced(long id, boolean silenced, long now) {
        Alert alert = em.find(Alert.class, id);
        if (alert == null || alert.getOpenKey() == null || alert.isSilenced() == silenced) {
            return;
        }
        alert.setSilenced(silenced);
        AlertView view = alert.view();
        afterCommit.publish(AlertChanged.of(view));
        if (!silenced && alert.getState() == AlertState.ACTIVE) {
            transitions.fire(new AlertTransition(view, AlertTransition.Kind.UNMUTED, now));
        }
    }

    /** Ends the offline alerts of these devices, where they have one, because they were heard from: one query. */
    public void clearOffline(Collection<String> deviceIds, long now) {
        if (deviceIds.isEmpty()) {
            return;
        }
        List<String> keys = deviceIds.stream().map(Alert::offlineKey).toList();
        em.createQuery("SELECT a FROM Alert a WHERE a.openKey IN :keys", Alert.class)
                .setParameter("keys", keys)
                .getResultList()
                .forEach(a -> clear(a, now));
    }

    public void clearAllOfRule(long ruleId, long now) {
        em.createQuery("SELECT a FROM Alert a WHERE a.ruleId = :rule AND a.openKey IS NOT NULL", Alert.class)
                .setParameter("rule", ruleId)
                .getResultList()
                .forEach(a -> clear(a, now));
    }

    /**
     * Records that an operator has seen the alert.
     *
     * @throws AlertNotFoundException when there is no such alert
     * @throws AlertStateException    when it is already acknowledged or cleared
     */
    public AlertView acknowledge(long id, String by, String note) {
        Alert alert = em.find(Alert.class, id);
        if (alert == null) {
            throw new AlertNotFoundException(id);
        }
        String trimmedNote = note == null || note.isBlank() ? null : note.strip();
        if (trimmedNote != null && trimmedNote.length() > MAX_NOTE_LENGTH) {
            throw new InvalidInputException("note must be at most " + MAX_NOTE_LENGTH + " characters");
        }
        long now = System.currentTimeMillis();
        alert.acknowledge(by, trimmedNote, now);
        AlertView view = alert.view();
        audit.record(by, AuditAction.ALERT_ACKNOWLEDGE, "alert:" + id, trimmedNote);
        announce(view, AlertTransition.Kind.ACKNOWLEDGED, now);
        return view;
    }

    /** One alert as the contract shows it, if there is such an alert. */
    public java.util.Optional<AlertView> find(long id) {
        return java.util.Optional.ofNullable(em.find(Alert.class, id)).map(Alert::view);
    }

    /** Alerts newest first, optionally of one state. */
    public List<AlertView> list(AlertState state, int limit) {
        TypedQuery<Alert> query = state == null
                ? em.createQuery("SELECT a FROM Alert a ORDER BY a.raisedAt DESC, a.id DESC", Alert.class)
                : em.createQuery("SELECT a FROM Alert a WHERE a.state = :state ORDER BY a.raisedAt DESC, a.id DESC",
                        Alert.class).setParameter("state", state);
        return query.setMaxResults(limit).getResultStream().map(Alert::view).toList();
    }

    /** ACTIVE and ACKNOWLEDGED alerts, newest first. */
    public List<AlertView> open() {
        return open(Integer.MAX_VALUE);
    }

    /** The newest {@code limit} open alerts. */
    public List<AlertView> open(int limit) {
        return em.createQuery("SELECT a FROM Alert a WHERE a.openKey IS NOT NULL ORDER BY a.raisedAt DESC, a.id DESC",
                Alert.class).setMaxResults(limit).getResultStream().map(Alert::view).toList();
    }

    public long countOpen() {
        return em.createQuery("SELECT COUNT(a) FROM Alert a WHERE a.openKey IS NOT NULL", Long.class).getSingleResult();
    }

    /** The open rule alerts of these devices, by open key. */
    public Map<String, Alert> openRuleAlerts(Collection<String> deviceIds) {
        return em.createQuery("SELECT a FROM Alert a WHERE a.openKey IS NOT NULL AND a.ruleId IS NOT NULL"
                        + " AND a.deviceId IN :ids", Alert.class)
                .setParameter("ids", deviceIds)
                .getResultStream()
                .collect(Collectors.toMap(Alert::getOpenKey, Function.identity()));
    }

    private Alert store(Alert alert) {
        alert.setSilenced(mutes.isMuted(alert.getDeviceId(), alert.getRaisedAt()));
        em.persist(alert);
        announce(alert.view(), AlertTransition.Kind.RAISED, alert.getRaisedAt());
        return alert;
    }

    /** Monitors hear of the change after the commit; whoever must act on it in this transaction, now. */
    private void announce(AlertView view, AlertTransition.Kind kind, long now) {
        afterCommit.publish(AlertChanged.of(view));
        transitions.fire(new AlertTransition(view, kind, now));
    }
}
