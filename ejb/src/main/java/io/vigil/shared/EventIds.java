package io.vigil.shared;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * The monitors' {@code eventId}s, from one counter row in the database
 * (schema version 7). A transaction takes its ids as the last thing before it
 * commits and holds the row until it ends, so ids are handed out without gaps
 * and in commit order across every node that shares the database: each node
 * can put what it hears from the others back in order, and a page can
 * {@code resume} on any node. The price is that commits which carry events
 * queue on this one row for the length of their commit.
 */
@ApplicationScoped
public class EventIds {

    @PersistenceContext(unitName = "vigil")
    EntityManager em;

    /**
     * Takes {@code count} ids in the caller's transaction and answers the first.
     * Flushes pending entity changes first, so that the row is locked last and
     * no transaction waits for it while holding rows another one needs.
     */
    public long take(int count) {
        em.flush();
        em.createNativeQuery("UPDATE event_counter SET last_id = last_id + ?1 WHERE id = 1")
                .setParameter(1, count)
                .executeUpdate();
        return last() - count + 1;
    }

    /** {@link #take} in a transaction of its own, for an event published outside any. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long takeAlone(int count) {
        return take(count);
    }

    /** The last id handed out (as this transaction sees it). */
    public long last() {
        return ((Number) em.createNativeQuery("SELECT last_id FROM event_counter WHERE id = 1").getSingleResult())
                .longValue();
    }
}
