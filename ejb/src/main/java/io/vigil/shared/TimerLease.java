package io.vigil.shared;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.vigil.config.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.logging.Logger;

/**
 * Which node runs the timers that must run once (the offline check, command
 * timeouts, retention): the holder of a lease row in the shared database
 * (schema version 8). The holder renews it every {@value #RENEW_SECONDS} s for
 * {@value #TERM_SECONDS} s; when it dies or loses the database the lease
 * expires and the next node to renew takes it, so the timers move within
 * about {@value #TERM_SECONDS} s. A single node holds it from its first renewal.
 * The term is compared with each node's own clock, so nodes' clocks must
 * agree to well under the term (NTP).
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class TimerLease {

    private static final Logger LOG = Logger.getLogger(TimerLease.class.getName());
    static final int RENEW_SECONDS = 2;
    static final int TERM_SECONDS = 10;

    private final String node = Settings.nodeName();
    private volatile long heldUntil;

    @PersistenceContext(unitName = "vigil")
    EntityManager em;

    @Inject
    MeterRegistry registry;

    /** {@code vigil_timers_held}: 1 on the node that runs the timers, 0 on the others. */
    @PostConstruct
    void register() {
        registry.gauge("vigil.timers.held", Tags.of("node", node), this, lease -> lease.held() ? 1 : 0);
    }

    /** True while this node holds the lease: its timers run, no other node's do. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean held() {
        return System.currentTimeMillis() < heldUntil;
    }

    @Schedule(hour = "*", minute = "*", second = "*/" + RENEW_SECONDS, persistent = false)
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    void renew() {
        long now = System.currentTimeMillis();
        boolean had = held();
        int renewed = em.createNativeQuery("UPDATE timer_lease SET holder = ?1, expires_at = ?2"
                        + " WHERE id = 1 AND (holder = ?1 OR expires_at < ?3)")
                .setParameter(1, node)
                .setParameter(2, now + TERM_SECONDS * 1000L)
                .setParameter(3, now)
                .executeUpdate();
        // Believe it a little less long than the database does, so two nodes never both believe it.
        heldUntil = renewed == 1 ? now + (TERM_SECONDS - RENEW_SECONDS) * 1000L : 0;
        if (renewed == 1 && !had) {
            LOG.info(() -> "Node " + node + " runs the timers (offline check, command timeouts, retention)");
        } else if (renewed == 0 && had) {
            LOG.warning(() -> "Node " + node + " lost the timer lease; another node runs the timers");
        }
    }
}
