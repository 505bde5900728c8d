package io.vigil.web.rest;

import io.vigil.config.Settings;
import io.vigil.shared.StorageHealth;
import io.vigil.shared.TimerLease;
import io.vigil.telemetry.TelemetryIngest;
import io.vigil.web.device.DeviceConnections;
import io.vigil.web.monitor.MonitorConnections;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /api/health}: 200 UP when the database answers, 503 DOWN when it does
 * not, with live counters, the node's name and whether it runs the timers
 * ({@link TimerLease}; in a cluster, exactly one node does).
 */
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    /** The health answer. */
    public record Health(String status, String database, int devicesConnected, int monitorsConnected,
                         int ingestBacklog, String node, boolean runsTimers) {
    }

    @Inject
    StorageHealth storage;

    @Inject
    DeviceConnections devices;

    @Inject
    MonitorConnections monitors;

    @Inject
    TelemetryIngest ingest;

    @Inject
    TimerLease lease;

    @GET
    public Response health() {
        boolean up = storage.reachable();
        Health health = new Health(up ? "UP" : "DOWN", up ? "UP" : "DOWN", devices.count(), monitors.count(),
                ingest.backlog(), Settings.nodeName(), lease.held());
        return Response.status(up ? 200 : 503).entity(health).build();
    }
}
