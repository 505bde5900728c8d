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
 */
@ApplicationScoped
public class AfterCommit {

    private static final Object PENDING = new Object();

    @Resource
    TransactionSynchronizationRegistry registry;

    @Inject
    Event<Object> events;

    @Inject
    CommitLane lane;

    public void publish(Object event) {
        if (registry.getTransactionStatus() == Status.STATUS_NO_TRANSACTION) {
            events.fire(event);
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
                    // nothing to do before the commit
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
}
