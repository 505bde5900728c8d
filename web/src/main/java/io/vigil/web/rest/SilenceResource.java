package io.vigil.web.rest;

import io.vigil.device.Tags;
import io.vigil.notification.SilenceDefinition;
import io.vigil.notification.SilenceView;
import io.vigil.notification.Silences;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
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
import java.util.Map;

/** {@code /api/notifications/silences}: maintenance windows that mute a device or a tag selector. */
@Path("/notifications/silences")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SilenceResource {

    /**
     * A silence as sent by a client: {@code deviceId} and/or {@code selector}; {@code startsAt} (default now)
     * and either {@code endsAt} or {@code durationMinutes}, in epoch milliseconds and minutes; a comment.
     */
    public record SilenceBody(String deviceId, Map<String, String> selector, Long startsAt, Long endsAt,
                              Long durationMinutes, String comment) {

        SilenceDefinition definition(long now) {
            long start = startsAt == null ? now : startsAt;
            long end = endsAt != null ? endsAt : durationMinutes == null ? start : start + durationMinutes * 60_000L;
            return new SilenceDefinition(deviceId == null || deviceId.isBlank() ? null : deviceId.strip(),
                    Tags.of(selector, "selector"), start, end, comment);
        }
    }

    @Inject
    Silences silences;

    /** Silences that have not ended, newest first; {@code ?all=true} lists ended ones too. */
    @GET
    public List<SilenceView> list(@QueryParam("all") boolean all, @QueryParam("limit") String limit) {
        return silences.list(all, Params.limit(limit, 200, 1000));
    }

    @GET
    @Path("/{id}")
    public SilenceView get(@PathParam("id") long id) {
        return silences.find(id).orElseThrow(() -> notFound(id));
    }

    @POST
    public Response create(SilenceBody body, @Context UriInfo uri, @Context SecurityContext security) {
        SilenceBody given = Params.required(body, "a JSON silence");
        SilenceView silence = silences.create(given.definition(System.currentTimeMillis()), Params.actor(security));
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(silence.id())).build())
                .entity(silence).build();
    }

    /** Ends the silence now (it stays listed with {@code ?all=true}); answers it. */
    @DELETE
    @Path("/{id}")
    public SilenceView end(@PathParam("id") long id, @Context SecurityContext security) {
        return silences.end(id, Params.actor(security)).orElseThrow(() -> notFound(id));
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("no silence " + id);
    }
}
