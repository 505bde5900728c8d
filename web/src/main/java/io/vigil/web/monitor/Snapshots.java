package io.vigil.web.monitor;

import io.vigil.alert.AlertService;
import io.vigil.alert.AlertView;
import io.vigil.config.Settings;
import io.vigil.device.DeviceService;
import io.vigil.web.protocol.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Builds the {@code snapshot} message: every device with its latest metrics
 * and every open alert, read from the database, bounded by
 * {@code vigil.monitor.snapshotMaxDevices} and {@code vigil.monitor.snapshotMaxAlerts}
 * with the totals beside them.
 */
@ApplicationScoped
public class Snapshots {

    @Inject
    DeviceService devices;

    @Inject
    AlertService alerts;

    /** The snapshot's JSON, numbered {@code eventId}: it shows at least every event up to that id. */
    String build(long eventId) {
        int maxDevices = Settings.monitorSnapshotMaxDevices();
        int maxAlerts = Settings.monitorSnapshotMaxAlerts();
        List<MonitorMessages.SnapshotDevice> deviceList = devices.list(maxDevices).stream()
                .map(d -> new MonitorMessages.SnapshotDevice(d.id(), d.name(), d.online(), d.lastSeen(), d.metrics()))
                .toList();
        List<AlertView> open = alerts.open(maxAlerts);
        long devicesTotal = deviceList.size() < maxDevices ? deviceList.size() : devices.count();
        long alertsTotal = open.size() < maxAlerts ? open.size() : alerts.countOpen();
        return Json.write(new MonitorMessages.Snapshot(eventId, deviceList, open, devicesTotal, alertsTotal));
    }
}
