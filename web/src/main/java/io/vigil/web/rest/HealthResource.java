package io.vigil.web.rest;

import io.vigil.shared.StorageHealth;
import io.vigil.telemetry.TelemetryIngest;
import io.vigil.web.device.DeviceConnections;
import io.vigil.web.monitor.MonitorHub;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /api/health}: 200 UP when the database answers, 503 DOWN when it does not, with live counters. */
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    /** The health answer. */
    public record Health(String status, String database, int devicesConnected, int monitorsConnected,
                         int ingestBacklog) {
    }

    @Inject
    StorageHealth storage;

    @Inject
    DeviceConnections devices;

    @Inject
    MonitorHub monitors;

    @Inject
    TelemetryIngest ingest;

    @GET
    public Response health() {
        boolean up = storage.reachable();
        Health health = new Health(up ? "UP" : "DOWN", up ? "UP" : "DOWN", devices.count(), monitors.monitorCount(),
                ingest.backlog());
        return Response.status(up ? 200 : 503).entity(health).build();
    }
}
