package io.vigil.web.rest;

import io.vigil.command.CommandService;
import io.vigil.command.CommandView;
import io.vigil.command.UnknownCommandException;
import io.vigil.web.device.CommandDispatcher;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/**
 * {@code /api/commands} (extension of PROTOCOL.md section 8): send a command
 * to a device, list commands with who sent them and how they ended.
 */
@Path("/commands")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CommandResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;

    /** The request to send a command. */
    public record NewCommand(String deviceId, String name, JsonObject args) {
    }

    @Inject
    CommandService commands;

    @Inject
    CommandDispatcher dispatcher;

    /** 202 with the command: PENDING, or already ERROR ({@code device_offline}) when the device is not connected. */
    @POST
    public Response send(NewCommand request, @Context SecurityContext security, @Context UriInfo uri) {
        NewCommand body = Params.required(request, "a JSON body {\"deviceId\":...,\"name\":...,\"args\":{...}}");
        CommandView sent = dispatcher.send(body.deviceId(), body.name(), body.args(), Params.actor(security));
        return Response.accepted(sent).location(uri.getAbsolutePathBuilder().path(sent.id()).build()).build();
    }

    /** Commands newest first, optionally of one device. */
    @GET
    public List<CommandView> list(@QueryParam("deviceId") String deviceId, @QueryParam("limit") String limit) {
        return commands.list(deviceId, Params.limit(limit, DEFAULT_LIMIT, MAX_LIMIT));
    }

    @GET
    @Path("/{id}")
    public CommandView get(@PathParam("id") String id) {
        return commands.find(id).orElseThrow(() -> new UnknownCommandException(id));
    }
}
