package io.vigil.shared;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToLongFunction;
import java.util.logging.Logger;

/**
 * The one way services announce changes: {@link #publish} fires the event as
 * a CDI event once the current transaction has committed (at once when there
 * is none), and never when it rolls back. Events are fired on the
 * {@link CommitLane}, not on the thread that committed, in commit order.
 *
 * <p>Why not {@code @Observes(during = AFTER_SUCCESS)}: each such observer
 * call is its own transaction synchronization, and the transaction manager
 * does not keep their order; a batch that raised and then cleared an alert
 * reached the monitors as "cleared, raised". Here one synchronization per
 * transaction fires the events in the order they were published.
 *
 * <p>Events monitors see ({@link NumberedEvent}) take their event ids just
 * before the commit, in the same transaction ({@link EventIds}); one
 * published outside a transaction takes them in a transaction of its own.
 */
@ApplicationScoped
public class AfterCommit {

    private static final Logger LOG = Logger.getLogger(AfterCommit.class.getName());
    private static final Object PENDING = new Object();

    @Resource
    TransactionSynchronizationRegistry registry;

    @Inject
    Event<Object> events;

    @Inject
    CommitLane lane;

    @Inject
    EventIds ids;

    public void publish(Object event) {
        if (registry.getTransactionStatus() == Status.STATUS_NO_TRANSACTION) {
            publishAll(List.of(event));
            return;
        }
        @SuppressWarnings("unchecked")
        List<Object> pending = (List<Object>) registry.getResource(PENDING);
        if (pending == null) {
            List<Object> batch = new ArrayList<>();
            registry.putResource(PENDING, batch);
            registry.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    number(batch);
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        lane.run(() -> batch.forEach(events::fire));
                    }
                }
            });
            pending = batch;
        }
        pending.add(event);
    }

    /**
     * Publishes several events, in order; outside a transaction they take
     * their ids together, in one transaction of their own (e.g. the devices a
     * dead node held, announced offline at once). When no id can be taken (the
     * database is away) they are not fired at all and the log says so.
     */
    public void publishAll(List<?> published) {
        if (registry.getTransactionStatus() != Status.STATUS_NO_TRANSACTION) {
            published.forEach(this::publish);
            return;
        }
        List<Object> batch = new ArrayList<>(published);
        try {
            number(batch, ids::takeAlone);
        } catch (RuntimeException e) {
            LOG.warning(() -> "No event id could be taken (database unreachable?); monitors miss " + batch.size()
                    + " event(s): " + e);
            return;
        }
        batch.forEach(events::fire);
    }

    /** Gives the transaction's numbered events their ids, in the order they were published. */
    private void number(List<Object> batch) {
        number(batch, ids::take);
    }

    private static void number(List<Object> batch, IntToLongFunction take) {
        int count = batch.stream().mapToInt(e -> e instanceof NumberedEvent n ? n.eventIds() : 0).sum();
        if (count == 0) {
            return;
        }
        long next = take.applyAsLong(count);
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i) instanceof NumberedEvent numbered && numbered.eventIds() > 0) {
                batch.set(i, numbered.numbered(next));
                next += numbered.eventIds();
            }
        }
    }
}
