package io.vigil.notification;

import io.vigil.config.Settings;
import io.vigil.shared.TimerLease;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends what the {@link DeliveryQueue} holds. Every second, on the node that
 * holds the {@link TimerLease} (one node at a time in a cluster), each channel
 * with something due gets a drain task on the notification executor
 * ({@code java:jboss/ee/concurrency/executor/VigilNotifications}, threads of its
 * own, so a slow or dead receiver never takes a thread from ingest or its
 * acks). A drain sends the channel's messages one after the other, in order,
 * each attempt recorded in its own transaction, and stops at the first
 * failure: the message waits out its backoff and is tried first again, so a
 * receiver that comes back gets everything, in order.
 */
@Singleton
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class.getName());

    @Resource(lookup = "java:jboss/ee/concurrency/executor/VigilNotifications")
    ManagedExecutorService executor;

    @Inject
    TimerLease lease;

    @Inject
    DeliveryQueue queue;

    @Inject
    ChannelService channels;

    @Inject
    NotificationSender sender;

    @Inject
    MeterRegistry registry;

    private final Set<Long> draining = ConcurrentHashMap.newKeySet();

    /** The delivery series at 0 from the start, so that rates work at once. */
    @jakarta.annotation.PostConstruct
    void register() {
        for (ChannelType type : ChannelType.values()) {
            String tag = type.name().toLowerCase(java.util.Locale.ROOT);
            registry.counter("vigil.notifications.sent", "type", tag);
            registry.counter("vigil.notifications.failed", "type", tag);
        }
    }
    private volatile long nextPurge;

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
    void scheduled() {
        if (lease.held()) {
            tick();
        }
    }

    /** Starts a drain for every channel with something due that is not being drained already. */
    public void tick() {
        long now = System.currentTimeMillis();
        for (long channelId : queue.channelsDue(now)) {
            if (draining.add(channelId)) {
                try {
                    executor.execute(() -> drain(channelId));
                } catch (RejectedExecutionException e) {
                    draining.remove(channelId);
                }
            }
        }
        if (now >= nextPurge) {
            nextPurge = now + TimeUnit.HOURS.toMillis(1);
            int purged = queue.purge(now - TimeUnit.DAYS.toMillis(Settings.notificationsKeepDays()));
            if (purged > 0) {
                LOG.info(() -> "Deleted " + purged + " notifications finished more than "
                        + Settings.notificationsKeepDays() + " days ago");
            }
        }
    }

    private void drain(long channelId) {
        try {
            while (lease.held()) {
                long now = System.currentTimeMillis();
                Optional<Delivery> next = queue.next(channelId, now);
                if (next.isEmpty() || !deliver(channelId, next.get())) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Delivery to channel " + channelId + " stopped; it is tried again in a second", e);
        } finally {
            draining.remove(channelId);
        }
    }

    /** Notifications (not messages: a burst counts each alert it lists) by channel type, for /metrics. */
    private void count(String name, Channel channel, Delivery delivery) {
        registry.counter(name, "type", channel.getType().name().toLowerCase(java.util.Locale.ROOT))
                .increment(delivery.alertJson().isEmpty() ? 1 : delivery.alertJson().size());
    }

    /** One attempt, recorded; true when it was delivered (or given up), so the next may follow. */
    private boolean deliver(long channelId, Delivery delivery) {
        Optional<Channel> channel = channels.entity(channelId);
        if (channel.isEmpty()) {
            queue.abandon(channelId, System.currentTimeMillis());
            return false;
        }
        try {
            sender.send(channel.get(), delivery);
            queue.sent(delivery, System.currentTimeMillis());
            count("vigil.notifications.sent", channel.get(), delivery);
            return true;
        } catch (DeliveryFailure failure) {
            boolean retried = queue.failed(delivery, failure.getMessage(), failure.permanent(), System.currentTimeMillis());
            if (!retried) {
                count("vigil.notifications.failed", channel.get(), delivery);
            }
            LOG.log(retried ? Level.INFO : Level.WARNING, () -> "Notification " + delivery.id() + " ("
                    + delivery.event().wire() + ", " + delivery.alertJson().size() + " alert(s)) to channel "
                    + channel.get().getName() + ": attempt " + (delivery.attempts() + 1) + " failed: "
                    + failure.getMessage() + (retried ? "; tried again later" : "; given up, marked failed"));
            return !retried;
        }
    }
}
