package io.vigil.web.rest;

import io.vigil.audit.AuditLog;
import io.vigil.audit.AuditView;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * {@code GET /api/audit}: who did what, newest first, optionally filtered by
 * {@code actor}, {@code action} (e.g. {@code alert.acknowledge}) or
 * {@code target} (e.g. {@code device:pump-7}); page back with
 * {@code before=<id of the oldest entry seen>}.
 */
@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;

    @Inject
    AuditLog audit;

    @GET
    public List<AuditView> list(@QueryParam("actor") String actor, @QueryParam("action") String action,
                                @QueryParam("target") String target, @QueryParam("before") String before,
                                @QueryParam("limit") String limit) {
        return audit.list(blankToNull(actor), blankToNull(action), blankToNull(target),
                Params.optionalLong(before, "before"), Params.limit(limit, DEFAULT_LIMIT, MAX_LIMIT));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
