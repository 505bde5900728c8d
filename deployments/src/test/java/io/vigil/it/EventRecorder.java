package io.vigil.it;

import io.vigil.alert.AlertChanged;
import io.vigil.alert.AlertService;
import io.vigil.alert.AlertView;
import io.vigil.command.CommandChanged;
import io.vigil.device.DeviceStatusChanged;
import io.vigil.shared.NumberedEvent;
import io.vigil.telemetry.ReadingsStored;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Records the events the services fire, as the monitor hub sees them (after
 * the commit), and whether each alert was already in the database then; and
 * every event that monitors see, with its ids.
 */
@ApplicationScoped
public class EventRecorder {

    /** An alert event and whether a fresh look-up found it stored in the same state. */
    public record SeenAlert(AlertView alert, boolean storedWhenSeen) {
    }

    private final List<SeenAlert> alerts = new CopyOnWriteArrayList<>();
    private final List<ReadingsStored> readings = new CopyOnWriteArrayList<>();
    private final List<NumberedEvent> numbered = new CopyOnWriteArrayList<>();

    @Inject
    AlertService alertService;

    @Resource
    ManagedExecutorService executor;

    void alert(@Observes AlertChanged event) throws Exception {
        // Look in the database from another thread, in a transaction of its own, as a monitor's reader would.
        boolean stored = executor.submit(() -> alertService.list(null, 10_000).stream()
                .anyMatch(a -> a.id() == event.alert().id() && a.state().equals(event.alert().state())))
                .get(10, TimeUnit.SECONDS);
        alerts.add(new SeenAlert(event.alert(), stored));
        numbered.add(event);
    }

    void readings(@Observes ReadingsStored event) {
        readings.add(event);
        numbered.add(event);
    }

    void device(@Observes DeviceStatusChanged event) {
        numbered.add(event);
    }

    void command(@Observes CommandChanged event) {
        numbered.add(event);
    }

    /** Every event monitors see, as delivered (not necessarily in id order). */
    public List<NumberedEvent> numbered() {
        return List.copyOf(numbered);
    }

    public List<SeenAlert> alertsOf(String deviceId) {
        return alerts.stream().filter(a -> a.alert().deviceId().equals(deviceId)).toList();
    }

    public long readingsOf(String deviceId) {
        return readings.stream().flatMap(r -> r.readings().stream()).filter(r -> r.deviceId().equals(deviceId)).count();
    }
}
