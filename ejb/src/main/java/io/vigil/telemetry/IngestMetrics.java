package io.vigil.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.function.Supplier;

/**
 * Ingest's series at {@code /metrics} (README "Metrics"): readings stored
 * (counted once their transaction committed), rejected by reason (quarantined
 * with the contract's code, or refused unstored: {@code overloaded},
 * {@code storage_refused}, {@code storage_unavailable}), quarantined, the time
 * of each ingest commit (count, sum and max: WildFly's registry for
 * applications takes no histogram), and the backlog. No label names a device.
 */
@ApplicationScoped
public class IngestMetrics {

    private MeterRegistry registry;
    private Counter stored;
    private Counter quarantined;
    private Timer commits;

    protected IngestMetrics() {
    }

    @Inject
    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Only the registry's own methods: WildFly's registry for applications exports what they register, and
        // keeps what a meter builder registers to itself (Counter.builder(...).register(registry) never shows).
        this.stored = registry.counter("vigil.readings.stored");
        this.quarantined = registry.counter("vigil.readings.quarantined");
        this.commits = registry.timer("vigil.ingest.commit");
        for (String refusal : new String[] {"overloaded", "storage_refused", "storage_unavailable"}) {
            registry.counter("vigil.readings.rejected", "reason", refusal);  // at 0 from the start
        }
    }

    /**
     * Readings a committed ingest transaction wrote: the after-commit event the live view gets too, fired on
     * the commit lane (a transactional observer would add a synchronization to every ingest transaction).
     * Only this node's commits arrive as CDI events; other nodes' readings reach the hub from the bus directly.
     */
    void stored(@Observes ReadingsStored committed) {
        stored.increment(committed.readings().size());
    }

    void quarantined(String code) {
        quarantined.increment();
        rejected(code, 1);
    }

    void rejected(String reason, int readings) {
        registry.counter("vigil.readings.rejected", "reason", reason).increment(readings);
    }

    /** Times one ingest transaction. */
    <T> T timeCommit(Supplier<T> commit) {
        return commits.record(commit);
    }

    /** The backlog, read when scraped (the registry holds the counter weakly: its owner keeps it). */
    void backlog(java.util.concurrent.atomic.AtomicInteger backlog) {
        registry.gauge("vigil.ingest.backlog", Tags.empty(), backlog);
    }
}
