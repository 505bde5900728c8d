package io.vigil.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.config.Settings;
import io.vigil.shared.KeepRunning;
import io.vigil.shared.TimerLease;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Runs the {@link RollupFolder} every {@code vigil.rollups.foldEverySeconds}
 * on the node holding the {@link TimerLease}, until nothing is pending.
 * {@code vigil_rollups_complete_until} says how fresh the roll-ups are: every
 * reading stored before that time (epoch milliseconds) is in them; on the
 * other nodes it stays 0. {@code vigil_rollups_folded_total} counts readings.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigration", "TimerLease"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RollupFolding {

    private static final Logger LOG = Logger.getLogger(RollupFolding.class.getName());

    @EJB
    RollupFolder folder;

    @Inject
    TimerLease lease;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    MeterRegistry registry;

    private ScheduledFuture<?> task;
    private volatile long completeUntil;
    private Counter folded;

    @PostConstruct
    void start() {
        registry.gauge("vigil.rollups.complete.until", this, folding -> folding.completeUntil);
        folded = registry.counter("vigil.rollups.folded");
        int every = Settings.rollupsFoldEverySeconds();
        task = scheduler.scheduleWithFixedDelay(KeepRunning.guard("Folding readings into the roll-ups", this::fold),
                every, every, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        task.cancel(false);
    }

    private void fold() {
        // Everything committed before the first fold starts is in the roll-ups once a fold leaves nothing behind.
        long started = System.currentTimeMillis();
        RollupFolder.Folded fold;
        do {
            if (!lease.held()) {
                completeUntil = 0;
                return;
            }
            fold = folder.foldPending();
            folded.increment(fold.readings());
            if (fold.more()) {
                int count = fold.readings();
                LOG.fine(() -> count + " readings folded into the roll-ups; more are waiting");
            }
        } while (fold.more());
        completeUntil = started;
    }
}
