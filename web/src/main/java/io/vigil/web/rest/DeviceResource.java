package io.vigil.web.rest;

import io.vigil.device.DeviceService;
import io.vigil.device.DeviceTags;
import io.vigil.device.Tags;
import io.vigil.device.DeviceView;
import io.vigil.device.RegisteredDevice;
import io.vigil.device.UnknownDeviceException;
import io.vigil.telemetry.TelemetryQuery;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** {@code /api/devices}: register devices, list them, revoke or rotate their tokens, read their stored readings. */
@Path("/devices")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DeviceResource {

    /** The registration request; {@code tags} optional. */
    public record Registration(String id, String name, Map<String, String> tags) {
    }

    /** A bulk tag change: on every device listed, set these tags and remove those keys. */
    public record BulkTags(List<String> devices, Map<String, String> set, List<String> remove) {
    }

    @Inject
    DeviceService devices;

    @Inject
    DeviceTags tags;

    @Inject
    TelemetryQuery telemetry;

    @POST
    public Response register(Registration registration, @Context UriInfo uri, @Context SecurityContext security) {
        Registration body = Params.required(registration, "a JSON body {\"id\":...,\"name\":...}");
        RegisteredDevice device = devices.register(body.id(), body.name(), Tags.of(body.tags(), "tags"),
                Params.actor(security));
        return Response.created(uri.getAbsolutePathBuilder().path(device.id()).build()).entity(device).build();
    }

    /** The device's tags, {@code {"site":"north",...}}. */
    @GET
    @Path("/{id}/tags")
    public Map<String, String> tags(@PathParam("id") String id) {
        if (!devices.exists(id)) {
            throw new UnknownDeviceException(id);
        }
        return tags.of(id).labels();
    }

    /** Replaces the device's tags with the object sent ({@code {}} removes them all); answers the new tags. */
    @PUT
    @Path("/{id}/tags")
    public Map<String, String> replaceTags(@PathParam("id") String id, Map<String, String> body,
                                           @Context SecurityContext security) {
        Map<String, String> given = Params.required(body, "a JSON object of tags, e.g. {\"site\":\"north\"}");
        return tags.replace(id, Tags.of(given, "tags"), Params.actor(security)).labels();
    }

    /** Sets and removes tags on many devices at once, in one transaction: {@code {"updated":n}}. */
    @POST
    @Path("/tags")
    public Map<String, Integer> bulkTags(BulkTags body, @Context SecurityContext security) {
        BulkTags change = Params.required(body, "a JSON body {\"devices\":[...],\"set\":{...},\"remove\":[...]}");
        int updated = tags.bulk(change.devices(), Tags.of(change.set(), "set"), change.remove(), Params.actor(security));
        return Map.of("updated", updated);
    }

    /** Revokes the token and closes the live connection with 1008 "token revoked"; 204. */
    @DELETE
    @Path("/{id}/token")
    public Response revokeToken(@PathParam("id") String id, @Context SecurityContext security) {
        devices.revokeToken(id, Params.actor(security));
        return Response.noContent().build();
    }

    /** A new token (shown only here); the old one stops working, a connection already open stays. */
    @POST
    @Path("/{id}/token")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    public RegisteredDevice rotateToken(@PathParam("id") String id, @Context SecurityContext security) {
        return devices.rotateToken(id, Params.actor(security));
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

    /**
     * Stored readings {@code [{"seq","ts","metrics"}]}, oldest first, streamed
     * from the database to the response as they are read.
     */
    @GET
    @Path("/{id}/readings")
    public Response readings(@PathParam("id") String id, @QueryParam("metric") String metric,
                             @QueryParam("from") String from, @QueryParam("to") String to,
                             @QueryParam("limit") String limit) {
        if (!devices.exists(id)) {
            throw new UnknownDeviceException(id);
        }
        int max = Params.limit(limit, TelemetryQuery.DEFAULT_LIMIT, TelemetryQuery.MAX_LIMIT);
        Long fromTs = Params.time(from, "from");
        Long toTs = Params.time(to, "to");
        StreamingOutput body = output -> {
            Writer json = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 64 * 1024);
            json.write('[');
            boolean[] first = {true};
            telemetry.readings(id, metric, fromTs, toTs, max, (seq, ts, metrics) -> {
                json.write(first[0] ? "{\"seq\":" : ",{\"seq\":");
                first[0] = false;
                json.write(Long.toString(seq));
                json.write(",\"ts\":");
                json.write(Long.toString(ts));
                json.write(",\"metrics\":");
                json.write(metrics);
                json.write('}');
            });
            json.write(']');
            json.flush();
        };
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }
}
