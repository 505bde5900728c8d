package io.vigil.telemetry;

import io.vigil.alert.AlertService;
import io.vigil.device.Device;
import io.vigil.rule.AlertRuleEngine;
import io.vigil.shared.AfterCommit;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one batch of submissions in one transaction: readings, quarantined
 * readings, each device's {@code lastSeq}, and the alerts the readings raise or
 * clear. Nothing here is visible to devices or monitors until the commit.
 */
@Stateless
public class TelemetryStore {

    @PersistenceContext(unitName = "vigil")
    EntityManager em;

    @Inject
    AlertRuleEngine rules;

    @Inject
    AlertService alerts;

    @Inject
    AfterCommit afterCommit;

    /** Stores the batch and answers one result per submission, in order. */
    public List<IngestResult> store(List<Submission> batch, long now) {
        Map<String, DeviceWrite> devices = new LinkedHashMap<>();
        List<StoredReading> stored = new ArrayList<>();
        List<IngestResult> results = new ArrayList<>(batch.size());
        for (Submission submission : batch) {
            DeviceWrite device = devices.computeIfAbsent(submission.deviceId(), this::load);
            results.add(device.apply(submission, now, stored));
        }
        devices.values().forEach(device -> device.finish(now));
        rules.evaluate(stored, now);
        afterCommit.publish(new ReadingsStored(stored));
        return results;
    }

    private DeviceWrite load(String deviceId) {
        Device device = em.find(Device.class, deviceId);
        if (device == null) {
            throw new IllegalStateException("device '" + deviceId + "' is not registered");
        }
        return new DeviceWrite(device);
    }

    /** One device's part of the batch: its seq bookkeeping and its latest metrics. */
    private final class DeviceWrite {
        private final Device device;
        private Map<String, Double> latest;
        private boolean heardFrom;

        DeviceWrite(Device device) {
            this.device = device;
        }

        IngestResult apply(Submission submission, long now, List<StoredReading> stored) {
            List<IngestResult.Rejection> rejected = new ArrayList<>();
            for (IncomingReading reading : submission.readings()) {
                if (reading.seq() <= device.getLastSeq()) {
                    continue; // a duplicate: already handled, covered by the ack below
                }
                if (reading instanceof IncomingReading.Valid valid) {
                    em.persist(new Reading(device.getId(), valid.seq(), valid.ts(), now, valid.metrics()));
                    stored.add(new StoredReading(device.getId(), valid.seq(), valid.ts(), valid.metrics()));
                    latestMetrics().putAll(valid.metrics());
                } else if (reading instanceof IncomingReading.Invalid invalid) {
                    em.persist(new QuarantinedReading(device.getId(), invalid.seq(), now, invalid.code(),
                            invalid.message(), invalid.payload()));
                    rejected.add(new IngestResult.Rejection(invalid.seq(), invalid.code(), invalid.message()));
                }
                device.setLastSeq(reading.seq());
                heardFrom = true;
            }
            return new IngestResult(device.getLastSeq(), rejected);
        }

        void finish(long now) {
            if (latest != null) {
                device.setLatestMetrics(MetricsJson.write(latest));
            }
            if (heardFrom) {
                device.setLastSeen(now);
                alerts.clearOffline(device.getId(), now);
            }
        }

        private Map<String, Double> latestMetrics() {
            if (latest == null) {
                latest = new HashMap<>(MetricsJson.parse(device.getLatestMetrics()));
            }
            return latest;
        }
    }
}
