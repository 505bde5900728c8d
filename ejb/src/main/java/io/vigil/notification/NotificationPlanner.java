package io.vigil.notification;

import io.vigil.alert.AlertTransition;
import io.vigil.alert.AlertView;
import io.vigil.alert.Severity;
import io.vigil.device.DeviceTags;
import io.vigil.device.Tags;
import io.vigil.shared.ContractJson;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Set;

/**
 * Turns each alert change into the notifications it owes, in the same
 * transaction ({@link AlertTransition}): so a notification exists exactly
 * when the change committed, and survives whatever happens next. A silenced
 * alert owes none. Channels and routes are read once per transaction, however
 * many alerts a batch of readings raises.
 */
@Stateless
public class NotificationPlanner {

    private static final Object TABLE = new Object();

    @PersistenceContext(unitName = "vigil")
    EntityManager em;

    @Resource
    TransactionSynchronizationRegistry registry;

    @Inject
    DeviceTags tags;

    @Inject
    DeliveryQueue queue;

    public void alertChanged(@Observes AlertTransition transition) {
        AlertView alert = transition.alert();
        if (alert.silenced()) {
            return;
        }
        RoutingTable table = table();
        if (table.channels().isEmpty()) {
            return;
        }
        Tags deviceTags = table.needsTags() ? tags.of(alert.deviceId()) : Tags.NONE;
        Set<Long> targets = table.channelsFor(Severity.valueOf(alert.severity()), deviceTags);
        NotificationEvent event = switch (transition.kind()) {
            case RAISED, UNMUTED -> NotificationEvent.RAISED;
            case ACKNOWLEDGED -> NotificationEvent.ACKNOWLEDGED;
            case CLEARED -> NotificationEvent.CLEARED;
        };
        enqueue(targets, event, alert, System.currentTimeMillis());
    }

    /** Writes one notification of this event for each channel (escalations come this way too). */
    public void enqueue(Set<Long> channels, NotificationEvent event, AlertView alert, long now) {
        if (channels.isEmpty()) {
            return;
        }
        String json = ContractJson.write(alert);
        channels.forEach(channel -> queue.enqueue(channel, event, alert.id(), json, now));
    }

    /** The channels and routes, read once in this transaction. */
    public RoutingTable table() {
        RoutingTable table = (RoutingTable) registry.getResource(TABLE);
        if (table == null) {
            table = new RoutingTable(em.createQuery("SELECT c FROM Channel c", Channel.class).getResultList(),
                    em.createQuery("SELECT r FROM Route r", Route.class).getResultList());
            registry.putResource(TABLE, table);
        }
        return table;
    }
}
