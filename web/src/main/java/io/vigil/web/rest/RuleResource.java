package io.vigil.web.rest;

import io.vigil.alert.Severity;
import io.vigil.device.Tags;
import io.vigil.rule.Comparison;
import io.vigil.rule.RuleDefinition;
import io.vigil.rule.RuleService;
import io.vigil.rule.RuleView;
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

/** {@code /api/rules}: alert rules, create, read, update, delete. */
@Path("/rules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RuleResource {

    /** A rule as sent by a client; checked and turned into a {@link RuleDefinition}. */
    public record RuleBody(String metric, String op, Double threshold, Double clearThreshold, Integer forSeconds,
                           String severity, String deviceId, Map<String, String> selector) {

        RuleDefinition definition() {
            Comparison comparison = op == null ? null : Comparison.fromSymbol(op.strip()).orElse(null);
            return new RuleDefinition(metric, comparison, threshold == null ? Double.NaN : threshold, clearThreshold,
                    forSeconds == null ? 0 : forSeconds, Params.severity(severity, Severity.WARNING), deviceId,
                    Tags.of(selector, "selector"));
        }
    }

    @Inject
    RuleService rules;

    @GET
    public List<RuleView> list() {
        return rules.list();
    }

    @GET
    @Path("/{id}")
    public RuleView get(@PathParam("id") long id) {
        return rules.find(id).orElseThrow(() -> notFound(id));
    }

    @POST
    public Response create(RuleBody body, @Context UriInfo uri, @Context SecurityContext security) {
        RuleView rule = rules.create(Params.required(body, "a JSON rule").definition(), Params.actor(security));
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(rule.id())).build()).entity(rule).build();
    }

    @PUT
    @Path("/{id}")
    public RuleView update(@PathParam("id") long id, RuleBody body, @Context SecurityContext security) {
        return rules.update(id, Params.required(body, "a JSON rule").definition(), Params.actor(security))
                .orElseThrow(() -> notFound(id));
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") long id, @Context SecurityContext security) {
        if (!rules.delete(id, Params.actor(security))) {
            throw notFound(id);
        }
        return Response.noContent().build();
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("no rule " + id);
    }

}
