package io.vigil.audit;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.List;

/**
 * Who did what. Services record an operator's action in the transaction that
 * makes the change ({@link TransactionAttributeType#MANDATORY}), so a change
 * without its entry, or an entry for a change that was rolled back, cannot
 * happen. The log is append-only: nothing in Vigil updates or deletes it.
 */
@Stateless
public class AuditLog {

    public static final int MAX_TARGET_CHARS = 200;
    public static final int MAX_DETAIL_CHARS = 2000;
    private static final int MAX_ACTOR_CHARS = 64;

    @PersistenceContext(unitName = "vigil")
    EntityManager em;

    /** Adds an entry in the caller's transaction; {@code detail} may be null. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void record(String actor, AuditAction action, String target, String detail) {
        em.persist(new AuditEvent(System.currentTimeMillis(), cut(actor, MAX_ACTOR_CHARS), action.code(),
                cut(target, MAX_TARGET_CHARS), detail == null ? null : cut(detail, MAX_DETAIL_CHARS)));
    }

    /** Adds an entry in a transaction of its own, for an action that changes nothing stored (a test message). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordAlone(String actor, AuditAction action, String target, String detail) {
        record(actor, action, target, detail);
    }

    /**
     * Entries newest first, optionally only one actor's, one action's or one
     * target's, and only those with an id below {@code beforeId} (for paging).
     */
    public List<AuditView> list(String actor, String action, String target, Long beforeId, int limit) {
        StringBuilder jpql = new StringBuilder("SELECT e FROM AuditEvent e WHERE 1 = 1");
        if (actor != null) {
            jpql.append(" AND e.actor = :actor");
        }
        if (action != null) {
            jpql.append(" AND e.action = :action");
        }
        if (target != null) {
            jpql.append(" AND e.target = :target");
        }
        if (beforeId != null) {
            jpql.append(" AND e.id < :before");
        }
        TypedQuery<AuditEvent> query = em.createQuery(jpql.append(" ORDER BY e.id DESC").toString(), AuditEvent.class)
                .setMaxResults(limit);
        if (actor != null) {
            query.setParameter("actor", actor);
        }
        if (action != null) {
            query.setParameter("action", action);
        }
        if (target != null) {
            query.setParameter("target", target);
        }
        if (beforeId != null) {
            query.setParameter("before", beforeId);
        }
        return query.getResultStream().map(AuditEvent::view).toList();
    }

    private static String cut(String s, int max) {
        String value = s == null || s.isBlank() ? "-" : s;
        return value.length() > max ? value.substring(0, max) : value;
    }
}
