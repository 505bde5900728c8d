package io.vigil.web.rest;

import io.vigil.web.security.SignInGate;
import io.vigil.web.security.SignInThrottle;
import io.vigil.operator.OperatorRole;
import io.vigil.operator.OperatorService;
import io.vigil.operator.OperatorView;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
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

/**
 * {@code /api/operators}: who may sign in and with which role. Listing is for
 * everyone signed in; adding and removing need the operator role
 * ({@code OperatorAccess}); a password may be changed by its owner or by an
 * operator. {@code GET /api/operators/me} says who the caller is, for the page.
 */
@Path("/operators")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OperatorResource {

    /** A new operator. */
    public record NewOperator(String username, String password, String role) {
    }

    /** A new password. */
    public record NewPassword(String password) {
    }

    /** The signed-in caller. */
    public record Me(String username, String role) {
    }

    @Inject
    OperatorService operators;

    @GET
    public List<OperatorView> list() {
        return operators.list();
    }

    /**
     * Who is held back now for failed sign-ins: a name tried from an address,
     * or an address that failed across many names ({@code username} null),
     * with the failures counted and the seconds until the next try is checked.
     */
    @GET
    @Path("/sign-in-throttles")
    public List<SignInThrottle.Throttled> signInThrottles() {
        return SignInGate.throttled(System.currentTimeMillis());
    }

    @GET
    @Path("/me")
    public Me me(@Context SecurityContext security) {
        OperatorRole role = security.isUserInRole(OperatorRole.OPERATOR.roleName()) ? OperatorRole.OPERATOR : OperatorRole.VIEWER;
        return new Me(Params.actor(security), role.roleName());
    }

    @POST
    public Response create(NewOperator body, @Context UriInfo uri, @Context SecurityContext security) {
        NewOperator operator = Params.required(body, "a JSON body {\"username\":...,\"password\":...,\"role\":...}");
        OperatorView created = operators.create(operator.username(), operator.password(), operator.role(),
                Params.actor(security));
        return Response.created(uri.getAbsolutePathBuilder().path(created.username()).build()).entity(created).build();
    }

    @PUT
    @Path("/{username}/password")
    public Response changePassword(@PathParam("username") String username, NewPassword body,
                                   @Context SecurityContext security) {
        String actor = Params.actor(security);
        if (!actor.equals(username) && !security.isUserInRole(OperatorRole.OPERATOR.roleName())) {
            throw new ForbiddenException("only the operator role may change another operator's password");
        }
        operators.changePassword(username, Params.required(body, "a JSON body {\"password\":...}").password(), actor);
        return Response.noContent().build();
    }

    @DELETE
    @Path("/{username}")
    public Response delete(@PathParam("username") String username, @Context SecurityContext security) {
        operators.delete(username, Params.actor(security));
        return Response.noContent().build();
    }
}
