package io.vigil.notification;

import io.vigil.config.Settings;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The notifications waiting to be delivered, in the database (table
 * {@code notification}): what is owed is written in the alert's transaction
 * ({@link #enqueue}); the delivery worker takes a channel's messages in order
 * ({@link #next}) and records each attempt in a transaction of its own. A
 * crash between a send and its record sends the message again, under the same
 * {@code deliveryId}: delivery is at least once, and receivers can tell.
 */
@Stateless
public class DeliveryQueue {

    /** The most alerts one message lists (a burst of 500 offline devices is one message). */
    public static final int MAX_GROUP = 1_000;
    private static final int MAX_ERROR = 1_000;

    @PersistenceContext(unitName = "vigil")
    EntityManager em;

    /** Writes a notification in the caller's transaction; it is due after the group wait. */
    public void enqueue(long channelId, NotificationEvent event, Long alertId, String alertJson, long now) {
        long due = now + Settings.notificationsGroupWaitSeconds() * 1000L;
        em.persist(new Notification(channelId, event, alertId, alertJson, now, due));
    }

    /** Channels that have a notification due now (whose oldest may still be waiting out a retry). */
    public List<Long> channelsDue(long now) {
        return em.createQuery("SELECT DISTINCT n.channelId FROM Notification n"
                        + " WHERE n.status = :pending AND n.nextAttemptAt <= :now", Long.class)
                .setParameter("pending", Notification.Status.PENDING)
                .setParameter("now", now)
                .getResultList();
    }

    /**
     * The channel's next message, if its oldest pending notification is due:
     * the message it already belongs to (a retry), or it and the pending ones
     * right behind it with the same event, which then share a new deliveryId.
     * Empty while the oldest waits, so a channel's messages keep their order.
     */
    public Optional<Delivery> next(long channelId, long now) {
        List<Notification> head = pending(channelId, null, 1);
        if (head.isEmpty() || head.get(0).getNextAttemptAt() > now) {
            return Optional.empty();
        }
        Notification first = head.get(0);
        List<Notification> members;
        if (first.getDeliveryId() != null) {
            members = em.createQuery("SELECT n FROM Notification n WHERE n.deliveryId = :delivery"
                            + " AND n.status = :pending ORDER BY n.id", Notification.class)
                    .setParameter("delivery", first.getDeliveryId())
                    .setParameter("pending", Notification.Status.PENDING)
                    .getResultList();
        } else {
            members = new ArrayList<>();
            for (Notification candidate : pending(channelId, first.getId(), MAX_GROUP)) {
                if (candidate.getDeliveryId() != null || candidate.getEvent() != first.getEvent()) {
                    break;
                }
                members.add(candidate);
            }
            String deliveryId = UUID.randomUUID().toString();
            members.forEach(n -> n.setDeliveryId(deliveryId));
        }
        return Optional.of(new Delivery(first.getDeliveryId(), channelId, first.getEvent(),
                members.stream().map(Notification::getAlertJson).toList(), first.getAttempts(),
                members.stream().mapToLong(Notification::getCreatedAt).min().orElse(now)));
    }

    /** The receiver took the message. */
    public void sent(Delivery delivery, long now) {
        em.createQuery("UPDATE Notification n SET n.status = :sent, n.attempts = n.attempts + 1,"
                        + " n.lastAttemptAt = :now, n.doneAt = :now, n.lastError = NULL WHERE n.deliveryId = :delivery")
                .setParameter("sent", Notification.Status.SENT)
                .setParameter("now", now)
                .setParameter("delivery", delivery.id())
                .executeUpdate();
    }

    /**
     * An attempt failed: retried after a backoff, unless the failure is
     * permanent (the receiver refused the message itself) or the message has
     * been retried for {@code vigil.notifications.maxRetrySeconds}; then it is
     * marked failed with its last error. Returns whether it will be retried.
     */
    public boolean failed(Delivery delivery, String error, boolean permanent, long now) {
        String lastError = error == null ? "unknown error" : error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
        boolean giveUp = permanent || now - delivery.firstCreatedAt() >= Settings.notificationsMaxRetrySeconds() * 1000L;
        long next = now + Backoff.delayMillis(delivery.attempts() + 1, Settings.notificationsMaxBackoffSeconds());
        em.createQuery("UPDATE Notification n SET n.status = :status, n.attempts = n.attempts + 1,"
                        + " n.lastAttemptAt = :now, n.nextAttemptAt = :next, n.lastError = :error, n.doneAt = :done"
                        + " WHERE n.deliveryId = :delivery")
                .setParameter("status", giveUp ? Notification.Status.FAILED : Notification.Status.PENDING)
                .setParameter("now", now)
                .setParameter("next", giveUp ? now : next)
                .setParameter("error", lastError)
                .setParameter("done", giveUp ? now : null)
                .setParameter("delivery", delivery.id())
                .executeUpdate();
        return !giveUp;
    }

    /** A deleted channel's pending notifications are failed: there is nobody left to send them to. */
    public void abandon(long channelId, long now) {
        em.createQuery("UPDATE Notification n SET n.status = :failed, n.doneAt = :now,"
                        + " n.lastError = 'the channel was deleted' WHERE n.channelId = :channel AND n.status = :pending")
                .setParameter("failed", Notification.Status.FAILED)
                .setParameter("now", now)
                .setParameter("channel", channelId)
                .setParameter("pending", Notification.Status.PENDING)
                .executeUpdate();
    }

    /** Newest first, optionally of one status and one alert. */
    public List<NotificationView> list(Notification.Status status, Long alertId, int limit) {
        StringBuilder jpql = new StringBuilder("SELECT n FROM Notification n WHERE 1 = 1");
        if (status != null) {
            jpql.append(" AND n.status = :status");
        }
        if (alertId != null) {
            jpql.append(" AND n.alertId = :alert");
        }
        var query = em.createQuery(jpql.append(" ORDER BY n.id DESC").toString(), Notification.class)
                .setMaxResults(limit);
        if (status != null) {
            query.setParameter("status", status);
        }
        if (alertId != null) {
            query.setParameter("alert", alertId);
        }
        Map<Long, String> names = em.createQuery("SELECT c FROM Channel c", Channel.class).getResultStream()
                .collect(Collectors.toMap(Channel::getId, Channel::getName));
        Function<Notification, NotificationView> view = n -> n.view(names.getOrDefault(n.getChannelId(), "(deleted)"));
        return query.getResultStream().map(view).toList();
    }

    /** How many notifications are in each status. */
    public Map<String, Long> counts() {
        return em.createQuery("SELECT n.status, COUNT(n) FROM Notification n GROUP BY n.status", Object[].class)
                .getResultStream()
                .collect(Collectors.toMap(row -> row[0].toString(), row -> (Long) row[1]));
    }

    /** Deletes sent and failed notifications finished before {@code before}; returns how many. */
    public int purge(long before) {
        return em.createQuery("DELETE FROM Notification n WHERE n.status <> :pending AND n.doneAt < :before")
                .setParameter("pending", Notification.Status.PENDING)
                .setParameter("before", before)
                .executeUpdate();
    }

    private List<Notification> pending(long channelId, Long fromId, int limit) {
        var query = em.createQuery("SELECT n FROM Notification n WHERE n.channelId = :channel AND n.status = :pending"
                        + (fromId == null ? "" : " AND n.id >= :from") + " ORDER BY n.id", Notification.class)
                .setParameter("channel", channelId)
                .setParameter("pending", Notification.Status.PENDING)
                .setMaxResults(limit);
        if (fromId != null) {
            query.setParameter("from", fromId);
        }
        return query.getResultList();
    }
}
