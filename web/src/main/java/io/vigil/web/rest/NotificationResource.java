package io.vigil.web.rest;

import io.vigil.notification.DeliveryQueue;
import io.vigil.notification.Notification;
import io.vigil.notification.NotificationView;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/notifications}: what was sent, what waits, and what failed with
 * its last error (newest first; {@code ?status=FAILED}, {@code ?alertId=}).
 */
@Path("/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

    @Inject
    DeliveryQueue queue;

    @GET
    public List<NotificationView> list(@QueryParam("status") String status, @QueryParam("alertId") String alertId,
                                       @QueryParam("limit") String limit) {
        return queue.list(Params.optionalEnum(status, Notification.Status.class, "status"), Params.optionalLong(alertId, "alertId"), Params.limit(limit, 100, 1000));
    }

    /** How many notifications are pending, sent and failed: {@code {"PENDING":0,"SENT":12,"FAILED":1}}. */
    @GET
    @Path("/counts")
    public Map<String, Long> counts() {
        return queue.counts();
    }
}
