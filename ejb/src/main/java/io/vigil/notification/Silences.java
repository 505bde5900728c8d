package io.vigil.notification;

import io.vigil.alert.Alert;
import io.vigil.alert.AlertService;
import io.vigil.alert.MuteCheck;
import io.vigil.audit.AuditAction;
import io.vigil.audit.AuditLog;
import io.vigil.device.DeviceTags;
import io.vigil.device.Tags;
import jakarta.annotation.Resource;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Silences: created and ended by operators (audited), asked by
 * {@link AlertService} whether a new alert is muted ({@link MuteCheck}), and
 * kept true on the open alerts ({@link #reconcile}): an open alert a silence
 * now covers is marked silenced; one no silence covers any more is unmarked
 * and, if still active, announced to its channels as raised.
 */
@Stateless
@LocalBean
@Local(MuteCheck.class)
public class Silences implements MuteCheck {

    private static final Object ACTIVE = new Object();

    @PersistenceContext(unitName = "vigil")
    EntityManager em;

    @Resource
    TransactionSynchronizationRegistry registry;

    @Inject
    AuditLog audit;

    @Inject
    DeviceTags tags;

    @Inject
    AlertService alerts;

    @Override
    public boolean isMuted(String deviceId, long at) {
        List<Silence> active = activeInTransaction(at);
        if (active.isEmpty()) {
            return false;
        }
        Tags deviceTags = active.stream().anyMatch(Silence::bySelector) ? tags.of(deviceId) : Tags.NONE;
        return active.stream().anyMatch(s -> s.covers(deviceId, deviceTags, at));
    }

    /** Silences that have not ended (active or still to come) and, with {@code includeEnded}, those that have. */
    public List<SilenceView> list(boolean includeEnded, int limit) {
        long now = System.currentTimeMillis();
        String jpql = includeEnded ? "SELECT s FROM Silence s ORDER BY s.id DESC"
                : "SELECT s FROM Silence s WHERE s.endsAt > :now ORDER BY s.id DESC";
        var query = em.createQuery(jpql, Silence.class).setMaxResults(limit);
        if (!includeEnded) {
            query.setParameter("now", now);
        }
        return query.getResultStream().map(s -> s.view(now)).toList();
    }

    public Optional<SilenceView> find(long id) {
        return Optional.ofNullable(em.find(Silence.class, id)).map(s -> s.view(System.currentTimeMillis()));
    }

    public SilenceView create(SilenceDefinition definition, String actor) {
        long now = System.currentTimeMillis();
        List<String> problems = definition.problems(now);
        if (!problems.isEmpty()) {
            throw new InvalidNotificationSettingException(problems);
        }
        Silence silence = new Silence(definition, actor, now);
        em.persist(silence);
        SilenceView view = silence.view(now);
        audit.record(actor, AuditAction.SILENCE_CREATE, "silence:" + view.id(), describe(view));
        reconcile(now);
        return view;
    }

    /** Ends a silence now (it stays listed as ended); its alerts are announced if still active. */
    public Optional<SilenceView> end(long id, String actor) {
        Silence silence = em.find(Silence.class, id);
        if (silence == null) {
            return Optional.empty();
        }
        long now = System.currentTimeMillis();
        silence.endAt(now);
        SilenceView view = silence.view(now);
        audit.record(actor, AuditAction.SILENCE_END, "silence:" + id, describe(view));
        em.flush();
        reconcile(now);
        return Optional.of(view);
    }

    /** Marks the open alerts silenced exactly when an active silence covers them; returns how many changed. */
    public int reconcile(long now) {
        List<Silence> active = em.createQuery("SELECT s FROM Silence s WHERE s.startsAt <= :now AND s.endsAt > :now",
                Silence.class).setParameter("now", now).getResultList();
        List<Alert> candidates = em.createQuery(active.isEmpty()
                ? "SELECT a FROM Alert a WHERE a.openKey IS NOT NULL AND a.silenced = TRUE"
                : "SELECT a FROM Alert a WHERE a.openKey IS NOT NULL", Alert.class).getResultList();
        if (candidates.isEmpty()) {
            return 0;
        }
        Map<String, Tags> deviceTags = active.stream().anyMatch(Silence::bySelector)
                ? tags.ofDevices(candidates.stream().map(Alert::getDeviceId).collect(Collectors.toSet())) : Map.of();
        int changed = 0;
        for (Alert alert : candidates) {
            Tags labels = deviceTags.getOrDefault(alert.getDeviceId(), Tags.NONE);
            boolean muted = active.stream().anyMatch(s -> s.covers(alert.getDeviceId(), labels, now));
            if (muted != alert.isSilenced()) {
                alerts.setSilenced(alert.getId(), muted, now);
                changed++;
            }
        }
        return changed;
    }

    /** The silences active at {@code at}, read once per transaction (a batch may raise many alerts). */
    @SuppressWarnings("unchecked")
    private List<Silence> activeInTransaction(long at) {
        List<Silence> active = (List<Silence>) registry.getResource(ACTIVE);
        if (active == null) {
            active = em.createQuery("SELECT s FROM Silence s WHERE s.startsAt <= :at AND s.endsAt > :at", Silence.class)
                    .setParameter("at", at).getResultList();
            registry.putResource(ACTIVE, active);
        }
        return active;
    }

    private static String describe(SilenceView view) {
        return (view.deviceId() != null ? "device " + view.deviceId() : "") + (view.selector().isEmpty() ? ""
                : (view.deviceId() != null ? ", " : "") + "devices " + view.selector())
                + " from " + java.time.Instant.ofEpochMilli(view.startsAt()) + " to "
                + java.time.Instant.ofEpochMilli(view.endsAt()) + ": " + view.comment();
    }
}
