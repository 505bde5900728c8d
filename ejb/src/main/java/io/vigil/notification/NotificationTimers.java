package io.vigil.notification;

import io.vigil.shared.TimerLease;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every 5 s on the holder of the {@link TimerLease}: silences that started or
 * ended take effect on the open alerts ({@link Silences#reconcile}), then due
 * escalations are written ({@link Escalations#run}), each in its own transaction.
 */
@Singleton
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NotificationTimers {

    private static final Logger LOG = Logger.getLogger(NotificationTimers.class.getName());

    @Inject
    TimerLease lease;

    @Inject
    Silences silences;

    @Inject
    Escalations escalations;

    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
    void scheduled() {
        if (!lease.held()) {
            return;
        }
        try {
            long now = System.currentTimeMillis();
            silences.reconcile(now);
            escalations.run(now);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Silence and escalation check failed; it runs again in 5 s", e);
        }
    }
}
