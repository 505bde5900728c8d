package io.vigil.web.rest;

import io.vigil.telemetry.QuarantineView;
import io.vigil.telemetry.TelemetryQuery;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code /api/quarantine}: rejected readings with their reasons, newest first. */
@Path("/quarantine")
@Produces(MediaType.APPLICATION_JSON)
public class QuarantineResource {

    @Inject
    TelemetryQuery telemetry;

    @GET
    public List<QuarantineView> list(@QueryParam("deviceId") String deviceId, @QueryParam("limit") String limit) {
        return telemetry.quarantine(deviceId, Params.limit(limit, TelemetryQuery.DEFAULT_LIMIT, TelemetryQuery.MAX_LIMIT));
    }
}
