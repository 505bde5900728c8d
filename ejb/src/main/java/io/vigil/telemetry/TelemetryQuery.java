package io.vigil.telemetry;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.Map;

/** Reads what telemetry left in the database: readings and quarantined readings. */
@Stateless
public class TelemetryQuery {

    public static final int DEFAULT_LIMIT = 1_000;
    public static final int MAX_LIMIT = 100_000;

    @PersistenceContext(unitName = "vigil")
    EntityManager em;

    /**
     * A device's readings with {@code from <= ts <= to}, oldest first. With a
     * metric, only readings that have it, showing only it.
     */
    public List<ReadingView> readings(String deviceId, String metric, Long from, Long to, int limit) {
        StringBuilder jpql = new StringBuilder("SELECT r FROM Reading r WHERE r.deviceId = :device");
        if (metric != null) {
            jpql.append(" AND KEY(m) = :metric");
            jpql.insert(jpql.indexOf(" WHERE"), " JOIN r.metrics m");
        }
        if (from != null) {
            jpql.append(" AND r.ts >= :from");
        }
        if (to != null) {
            jpql.append(" AND r.ts <= :to");
        }
        jpql.append(" ORDER BY r.ts, r.seq");
        TypedQuery<Reading> query = em.createQuery(jpql.toString(), Reading.class)
                .setParameter("device", deviceId)
                .setMaxResults(limit);
        if (metric != null) {
            query.setParameter("metric", metric);
        }
        if (from != null) {
            query.setParameter("from", from);
        }
        if (to != null) {
            query.setParameter("to", to);
        }
        return query.getResultStream()
                .map(r -> new ReadingView(r.getSeq(), r.getTs(), metric == null
                        ? Map.copyOf(r.getMetrics()) : Map.of(metric, r.getMetrics().get(metric))))
                .toList();
    }

    /** Quarantined readings, newest first, of one device or all. */
    public List<QuarantineView> quarantine(String deviceId, int limit) {
        TypedQuery<QuarantinedReading> query = deviceId == null
                ? em.createQuery("SELECT q FROM QuarantinedReading q ORDER BY q.id DESC", QuarantinedReading.class)
                : em.createQuery("SELECT q FROM QuarantinedReading q WHERE q.deviceId = :device ORDER BY q.id DESC",
                        QuarantinedReading.class).setParameter("device", deviceId);
        return query.setMaxResults(limit).getResultStream()
                .map(q -> new QuarantineView(q.getId(), q.getDeviceId(), q.getSeq(), q.getReceivedAt(), q.getCode(),
                        q.getMessage(), q.getPayload()))
                .toList();
    }
}
