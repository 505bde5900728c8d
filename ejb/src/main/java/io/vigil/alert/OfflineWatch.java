package io.vigil.alert;

import io.vigil.config.Settings;
import io.vigil.shared.TimerLease;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * The built-in offline alert: every few seconds, raise one for each device
 * that has been heard from before but not for longer than its offline limit
 * (default {@code vigil.device.offlineAfterSeconds}, 60 s). Hearing from the
 * device again clears it (see {@link AlertService#clearOffline}).
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class OfflineWatch {

    @PersistenceContext(unitName = "vigil")
    EntityManager em;

    @Inject
    AlertService alerts;

    @Inject
    TimerLease lease;

    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
    void scheduled() {
        if (lease.held()) {
            check();
        }
    }

    /** Runs every 5 s on the lease holder; public so that it can also be run on demand. */
    public void check() {
        long now = System.currentTimeMillis();
        List<Object[]> silent = em.createQuery(
                        "SELECT d.id, d.lastSeen FROM Device d WHERE d.lastSeen IS NOT NULL"
                                + " AND d.lastSeen + COALESCE(d.offlineAfterSeconds, :defaultSeconds) * 1000 < :now"
                                + " AND NOT EXISTS (SELECT a FROM Alert a WHERE a.openKey = CONCAT(d.id, '|offline'))",
                        Object[].class)
                .setParameter("now", now)
                .setParameter("defaultSeconds", Settings.deviceOfflineAfterSeconds())
                .getResultList();
        for (Object[] row : silent) {
            alerts.raiseOffline((String) row[0], (Long) row[1], now);
        }
    }
}
