package io.vigil.notification;

import io.vigil.audit.AuditAction;
import io.vigil.audit.AuditLog;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** Create, read, update, delete and test notification channels; every change is audited. */
@Stateless
public class ChannelService {

    /** The outcome of a test message: delivered, or why not. */
    public record TestResult(boolean delivered, String deliveryId, String error) {
    }

    @PersistenceContext(unitName = "vigil")
    EntityManager em;

    @Inject
    AuditLog audit;

    @Inject
    DeliveryQueue queue;

    @Inject
    NotificationSender sender;

    public List<ChannelView> list() {
        return em.createQuery("SELECT c FROM Channel c ORDER BY c.id", Channel.class)
                .getResultStream().map(Channel::view).toList();
    }

    public Optional<ChannelView> find(long id) {
        return entity(id).map(Channel::view);
    }

    /** The channel itself, for the senders (detached once the caller's transaction ends). */
    public Optional<Channel> entity(long id) {
        return Optional.ofNullable(em.find(Channel.class, id));
    }

    public ChannelView create(ChannelDefinition definition, String actor) {
        check(definition);
        Channel channel = new Channel(definition, System.currentTimeMillis());
        em.persist(channel);
        ChannelView view = channel.view();
        audit.record(actor, AuditAction.CHANNEL_CREATE, "channel:" + view.id(), describe(view));
        return view;
    }

    public Optional<ChannelView> update(long id, ChannelDefinition definition, String actor) {
        check(definition);
        Channel channel = em.find(Channel.class, id);
        if (channel == null) {
            return Optional.empty();
        }
        channel.update(definition);
        ChannelView view = channel.view();
        audit.record(actor, AuditAction.CHANNEL_UPDATE, "channel:" + id, describe(view));
        return Optional.of(view);
    }

    /**
     * Deletes a channel; its pending notifications are marked failed.
     *
     * @throws ChannelInUseException when a route still names it
     */
    public boolean delete(long id, String actor) {
        Channel channel = em.find(Channel.class, id);
        if (channel == null) {
            return false;
        }
        String users = em.createQuery("SELECT r FROM Route r", Route.class).getResultStream()
                .filter(r -> r.uses(id)).map(r -> String.valueOf(r.getId())).collect(Collectors.joining(", "));
        if (!users.isEmpty()) {
            throw new ChannelInUseException(id, users);
        }
        queue.abandon(id, System.currentTimeMillis());
        audit.record(actor, AuditAction.CHANNEL_DELETE, "channel:" + id, describe(channel.view()));
        em.remove(channel);
        return true;
    }

    /**
     * Sends a test message now, while the operator waits (no retries: the
     * answer says whether the channel works). Runs outside a transaction, so
     * a slow receiver holds no database resources; the audit entry has its own.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Optional<TestResult> test(long id, String actor) {
        Optional<Channel> channel = entity(id);
        if (channel.isEmpty()) {
            return Optional.empty();
        }
        String deliveryId = UUID.randomUUID().toString();
        TestResult result;
        try {
            sender.send(channel.get(), new Delivery(deliveryId, id, NotificationEvent.TEST, List.of(), 0,
                    System.currentTimeMillis()));
            result = new TestResult(true, deliveryId, null);
        } catch (DeliveryFailure failure) {
            result = new TestResult(false, deliveryId, failure.getMessage());
        }
        audit.recordAlone(actor, AuditAction.CHANNEL_TEST, "channel:" + id,
                result.delivered() ? "delivered " + deliveryId : "failed: " + result.error());
        return Optional.of(result);
    }

    private void check(ChannelDefinition definition) {
        List<String> problems = definition.problems(TargetPolicy.fromSettings());
        if (!problems.isEmpty()) {
            throw new InvalidNotificationSettingException(problems);
        }
    }

    /** One line for the audit log, which viewers read too: the URL only up to its host. */
    private static String describe(ChannelView channel) {
        ChannelView view = channel.redacted();
        return view.name() + " " + view.type() + " " + (view.url() != null ? view.url() : view.address())
                + " from " + view.minSeverity() + (view.secretSet() ? ", signed" : "");
    }
}
