package io.vigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.alert.AlertChanged;
import io.vigil.alert.Severity;
import io.vigil.command.CommandChanged;
import io.vigil.device.DevicePresence;
import io.vigil.device.DeviceService;
import io.vigil.device.DeviceStatusChanged;
import io.vigil.rule.Comparison;
import io.vigil.rule.RuleDefinition;
import io.vigil.rule.RuleService;
import io.vigil.shared.EventIds;
import io.vigil.shared.NumberedEvent;
import io.vigil.telemetry.IncomingReading;
import io.vigil.telemetry.IngestResult;
import io.vigil.telemetry.ReadingsStored;
import io.vigil.telemetry.StoredReading;
import io.vigil.telemetry.TelemetryIngest;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The monitors' event ids ({@link EventIds}): whatever races for them, they
 * are unique, without gaps and in commit order, which is what lets every node
 * of a cluster deliver the same events under the same ids.
 */
@ExtendWith(ArquillianExtension.class)
class EventIdsIT {

    private static final int DEVICES = 6;
    private static final int READINGS = 150;

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.vigilWith(EventIdsIT.class, ServicesSupport.class);
    }

    @Inject
    DeviceService devices;

    @Inject
    TelemetryIngest ingest;

    @Inject
    RuleService rules;

    @Inject
    DevicePresence presence;

    @Inject
    EventIds ids;

    @Inject
    EventRecorder recorder;

    @Resource
    ManagedThreadFactory threads;

    /**
     * Six devices each stream 150 readings one at a time, every one crossing a rule's threshold (an alert
     * raised or cleared in the ingest transaction), while another thread connects and disconnects them
     * (events published outside any transaction). Every id from before to after is taken exactly once,
     * each device's readings and alert changes carry increasing ids in the order they were stored.
     */
    @Test
    void idsRacedForByIngestAlertsAndConnectsAreUniqueGapFreeAndInCommitOrder() throws Exception {
        List<String> fleet = new ArrayList<>();
        for (int i = 0; i < DEVICES; i++) {
            String id = devices.register(ServicesSupport.id("ids"), null, "test").id();
            rules.create(new RuleDefinition("v", Comparison.GT, 50, null, 0, Severity.WARNING, id), "test");
            fleet.add(id);
        }
        long before = ids.last();
        // Threads of the test's own, from the container's thread factory (so they see the application's naming
        // context): the server's managed executor also runs the commit lane that completes the acks these tasks
        // wait for, and blocking its threads starves it.
        ExecutorService executor = Executors.newFixedThreadPool(DEVICES + 1, threads);
        List<Future<?>> work = new ArrayList<>();
        for (String id : fleet) {
            work.add(executor.submit(() -> {
                for (long seq = 1; seq <= READINGS; seq++) {
                    IncomingReading reading = new IncomingReading.Valid(seq, seq, Map.of("v", seq % 2 == 1 ? 60.0 : 40.0));
                    CompletableFuture<IngestResult> ack = ingest.submit(id, List.of(reading)).toCompletableFuture();
                    assertEquals(seq, ack.get(30, TimeUnit.SECONDS).ackSeq());
                }
                return null;
            }));
        }
        work.add(executor.submit(() -> {
            for (int round = 0; round < 20; round++) {
                for (String id : fleet) {
                    presence.connected(id);
                    presence.disconnected(id);
                }
            }
            return null;
        }));
        try {
            for (Future<?> done : work) {
                done.get(120, TimeUnit.SECONDS);
            }
        } finally {
            executor.shutdownNow();
        }
        long after = ids.last();

        List<NumberedEvent> seen = awaitDelivered(before, after);
        long next = before + 1;
        for (NumberedEvent event : seen) {
            assertEquals(next, firstId(event), "ids follow on without gaps or overlaps: " + event);
            next += event.eventIds();
        }
        assertEquals(after + 1, next, "every id taken was delivered");

        for (String id : fleet) {
            List<Long> seqs = new ArrayList<>();
            List<String> states = new ArrayList<>();
            int connects = 0;
            for (NumberedEvent event : seen) {
                if (event instanceof ReadingsStored stored) {
                    stored.readings().stream().filter(r -> r.deviceId().equals(id)).map(StoredReading::seq)
                            .forEach(seqs::add);
                } else if (event instanceof AlertChanged changed && changed.alert().deviceId().equals(id)) {
                    states.add(changed.alert().state());
                } else if (event instanceof DeviceStatusChanged status && status.deviceId().equals(id)
                        && status.online()) {
                    connects++;
                }
            }
            assertEquals(READINGS, seqs.size(), id);
            for (int i = 0; i < seqs.size(); i++) {
                assertEquals(i + 1L, seqs.get(i), id + ": readings in the order stored");
            }
            assertEquals(READINGS, states.size(), id + ": one raise or clear per reading");
            for (int i = 0; i < states.size(); i++) {
                assertEquals(i % 2 == 0 ? "ACTIVE" : "CLEARED", states.get(i), id + ": alert changes in the order stored");
            }
            assertEquals(20, connects, id);
        }
    }

    /** The recorded events with ids in (before, after], in id order, once all of them have been delivered. */
    private List<NumberedEvent> awaitDelivered(long before, long after) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            List<NumberedEvent> seen = recorder.numbered().stream()
                    .filter(e -> firstId(e) > before && firstId(e) <= after)
                    .sorted(Comparator.comparingLong(EventIdsIT::firstId))
                    .toList();
            long delivered = seen.stream().mapToLong(NumberedEvent::eventIds).sum();
            if (delivered >= after - before || System.nanoTime() > deadline) {
                return seen;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private static long firstId(NumberedEvent event) {
        if (event instanceof ReadingsStored readings) {
            return readings.firstEventId();
        } else if (event instanceof AlertChanged alert) {
            return alert.eventId();
        } else if (event instanceof DeviceStatusChanged device) {
            return device.eventId();
        } else if (event instanceof CommandChanged command) {
            return command.eventId();
        }
        throw new IllegalArgumentException(event.toString());
    }
}
