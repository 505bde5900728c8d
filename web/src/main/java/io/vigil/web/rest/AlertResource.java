package io.vigil.web.rest;

import io.vigil.alert.AlertNotFoundException;
import io.vigil.alert.AlertService;
import io.vigil.alert.AlertState;
import io.vigil.alert.AlertView;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/** {@code /api/alerts}: list alerts, read one, acknowledge one. */
@Path("/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 10_000;

    /** The optional body of an acknowledgement; who acknowledged is the signed-in operator. */
    public record Acknowledgement(String note) {
    }

    @Inject
    AlertService alerts;

    @GET
    public List<AlertView> list(@QueryParam("state") String state, @QueryParam("limit") String limit) {
        return alerts.list(Params.optionalEnum(state, AlertState.class, "state"),
                Params.limit(limit, DEFAULT_LIMIT, MAX_LIMIT));
    }

    /** One alert (the link in a notification leads to it); 404 when there is none. */
    @GET
    @Path("/{id}")
    public AlertView get(@PathParam("id") long id) {
        return alerts.find(id).orElseThrow(() -> new AlertNotFoundException(id));
    }

    @POST
    @Path("/{id}/ack")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    public AlertView acknowledge(@PathParam("id") long id, Acknowledgement body, @Context SecurityContext security) {
        return alerts.acknowledge(id, Params.actor(security), body == null ? null : body.note());
    }
}
