package io.vigil.web.rest;

import io.vigil.device.DeviceService;
import io.vigil.device.DeviceView;
import io.vigil.device.RegisteredDevice;
import io.vigil.device.UnknownDeviceException;
import io.vigil.telemetry.ReadingView;
import io.vigil.telemetry.TelemetryQuery;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import java.util.List;

/** {@code /api/devices}: register devices, list them, read their stored readings. */
@Path("/devices")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DeviceResource {

    /** The registration request. */
    public record Registration(String id, String name) {
    }

    @Inject
    DeviceService devices;

    @Inject
    TelemetryQuery telemetry;

    @POST
    public Response register(Registration registration, @Context UriInfo uri) {
        Registration body = Params.required(registration, "a JSON body {\"id\":...,\"name\":...}");
        RegisteredDevice device = devices.register(body.id(), body.name());
        return Response.created(uri.getAbsolutePathBuilder().path(device.id()).build()).entity(device).build();
    }

    @GET
    public List<DeviceView> list() {
        return devices.list();
    }

    @GET
    @Path("/{id}")
    public DeviceView get(@PathParam("id") String id) {
        return devices.find(id).orElseThrow(() -> new UnknownDeviceException(id));
    }

    @GET
    @Path("/{id}/readings")
    public List<ReadingView> readings(@PathParam("id") String id, @QueryParam("metric") String metric,
                                      @QueryParam("from") Long from, @QueryParam("to") Long to,
                                      @QueryParam("limit") Integer limit) {
        if (!devices.exists(id)) {
            throw new UnknownDeviceException(id);
        }
        return telemetry.readings(id, metric, from, to,
                Params.limit(limit, TelemetryQuery.DEFAULT_LIMIT, TelemetryQuery.MAX_LIMIT));
    }
}
