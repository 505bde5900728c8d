package io.vigil.web.rest;

import io.vigil.alert.Severity;
import io.vigil.notification.ChannelDefinition;
import io.vigil.notification.ChannelService;
import io.vigil.notification.ChannelType;
import io.vigil.notification.ChannelView;
import io.vigil.operator.OperatorRole;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Locale;

/** {@code /api/notifications/channels}: where notifications go (webhook, email); create, read, update, delete, test. */
@Path("/notifications/channels")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ChannelResource {

    /**
     * A channel as sent by a client: {@code url} for a webhook, {@code address} for email; {@code secret}
     * (webhook, optional) signs bodies, left out on update it stays as it was, {@code ""} removes it.
     */
    public record ChannelBody(String name, String type, String url, String address, String secret,
                              String minSeverity) {

        ChannelDefinition definition() {
            ChannelType channelType = parsedType();
            String target = channelType == ChannelType.EMAIL ? address : url;
            return new ChannelDefinition(name == null ? null : name.strip(), channelType,
                    target == null ? null : target.strip(), secret, Params.severity(minSeverity, Severity.INFO));
        }

        private ChannelType parsedType() {
            try {
                return type == null ? null : ChannelType.valueOf(type.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    @Inject
    ChannelService channels;

    /** The channels; a viewer sees webhook URLs only up to their host (they often carry a credential). */
    @GET
    public List<ChannelView> list(@Context SecurityContext security) {
        return channels.list().stream().map(c -> shown(c, security)).toList();
    }

    @GET
    @Path("/{id}")
    public ChannelView get(@PathParam("id") long id, @Context SecurityContext security) {
        return shown(channels.find(id).orElseThrow(() -> notFound(id)), security);
    }

    private static ChannelView shown(ChannelView channel, SecurityContext security) {
        return security.isUserInRole(OperatorRole.OPERATOR.roleName()) ? channel : channel.redacted();
    }

    @POST
    public Response create(ChannelBody body, @Context UriInfo uri, @Context SecurityContext security) {
        ChannelView channel = channels.create(Params.required(body, "a JSON channel").definition(),
                Params.actor(security));
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(channel.id())).build())
                .entity(channel).build();
    }

    @PUT
    @Path("/{id}")
    public ChannelView update(@PathParam("id") long id, ChannelBody body, @Context SecurityContext security) {
        return channels.update(id, Params.required(body, "a JSON channel").definition(), Params.actor(security))
                .orElseThrow(() -> notFound(id));
    }

    /** 204; 409 while a route names the channel. Its pending notifications are marked failed. */
    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") long id, @Context SecurityContext security) {
        if (!channels.delete(id, Params.actor(security))) {
            throw notFound(id);
        }
        return Response.noContent().build();
    }

    /**
     * Sends a test message now: 200 {@code {"delivered":true,"deliveryId":...}}, or 502 with
     * {@code "delivered":false} and the error when the receiver did not take it.
     */
    @POST
    @Path("/{id}/test")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    public Response test(@PathParam("id") long id, @Context SecurityContext security) {
        ChannelService.TestResult result = channels.test(id, Params.actor(security)).orElseThrow(() -> notFound(id));
        return Response.status(result.delivered() ? 200 : 502).entity(result).build();
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("no channel " + id);
    }
}
