package io.vigil.web.rest;

import io.vigil.alert.Severity;
import io.vigil.device.Tags;
import io.vigil.notification.RouteDefinition;
import io.vigil.notification.RouteService;
import io.vigil.notification.RouteView;
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
import java.util.Map;

/** {@code /api/notifications/routes}: which channels hear of which devices' alerts, and escalation. */
@Path("/notifications/routes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RouteResource {

    /** A route as sent by a client; {@code selector} empty or absent means every device. */
    public record RouteBody(String name, Map<String, String> selector, String minSeverity, List<Long> channelIds,
                            Integer escalateAfterSeconds, List<Long> escalationChannelIds, Integer repeatSeconds) {

        RouteDefinition definition() {
            return new RouteDefinition(name == null ? null : name.strip(), Tags.of(selector, "selector"),
                    Params.severity(minSeverity, Severity.INFO), channelIds, escalateAfterSeconds,
                    escalationChannelIds, repeatSeconds);
        }
    }

    @Inject
    RouteService routes;

    @GET
    public List<RouteView> list() {
        return routes.list();
    }

    @GET
    @Path("/{id}")
    public RouteView get(@PathParam("id") long id) {
        return routes.find(id).orElseThrow(() -> notFound(id));
    }

    @POST
    public Response create(RouteBody body, @Context UriInfo uri, @Context SecurityContext security) {
        RouteView route = routes.create(Params.required(body, "a JSON route").definition(), Params.actor(security));
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(route.id())).build())
                .entity(route).build();
    }

    @PUT
    @Path("/{id}")
    public RouteView update(@PathParam("id") long id, RouteBody body, @Context SecurityContext security) {
        return routes.update(id, Params.required(body, "a JSON route").definition(), Params.actor(security))
                .orElseThrow(() -> notFound(id));
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") long id, @Context SecurityContext security) {
        if (!routes.delete(id, Params.actor(security))) {
            throw notFound(id);
        }
        return Response.noContent().build();
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("no route " + id);
    }
}
