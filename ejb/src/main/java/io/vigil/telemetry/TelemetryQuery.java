package io.vigil.telemetry;

import io.vigil.shared.MetricsJson;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Reads what telemetry left in the database: readings and quarantined readings. */
@Stateless
public class TelemetryQuery {

    public static final int DEFAULT_LIMIT = 1_000;
    public static final int MAX_LIMIT = 100_000;

    /** Receives history one reading at a time, oldest first; {@code metricsJson} is a JSON object. */
    @FunctionalInterface
    public interface ReadingSink {
        void reading(long seq, long ts, String metricsJson) throws IOException;
    }

    @PersistenceContext(unitName = "vigil")
    EntityManager em;

    @Resource(lookup = "java:jboss/datasources/VigilDS")
    DataSource dataSource;

    /**
     * Streams a device's readings with {@code from <= ts <= to}, oldest first,
     * at most {@code limit}. With a metric, only readings that have it,
     * showing only it. Rows go to the sink as they are read; nothing is
     * collected in memory.
     */
    public void readings(String deviceId, String metric, Long from, Long to, int limit, ReadingSink sink) {
        ReadingSink shown = metric == null ? sink : (seq, ts, json) -> {
            Double value = MetricsJson.parse(json).get(metric);
            if (value != null) {
                sink.reading(seq, ts, MetricsJson.write(Map.of(metric, value)));
            }
        };
        try (Connection connection = dataSource.getConnection()) {
            ReadingTable.select(connection, deviceId, metric, from, to, limit, shown);
        } catch (SQLException e) {
            throw new IllegalStateException("reading history of " + deviceId + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The names of the metrics a device reported with {@code from <= ts <= to},
     * sorted, from the five-minute roll-ups (one row per device, bucket and
     * metric, so this reads far fewer rows than the readings).
     */
    public List<String> metricNames(String deviceId, long from, long to) {
        HistoryBuckets buckets = new HistoryBuckets(ReadingRollups.FIVE_MINUTES);
        long first = Math.floorDiv(from, ReadingRollups.FIVE_MINUTES) * ReadingRollups.FIVE_MINUTES;
        try (Connection connection = dataSource.getConnection()) {
            // The five-minute buckets over the range, roll-ups and readings not rolled up yet alike.
            ReadingRollups.select(connection, deviceId, null, ReadingRollups.FIVE_MINUTES, first, to + 1, buckets);
        } catch (SQLException e) {
            throw new IllegalStateException("listing the metrics of " + deviceId + " failed: " + e.getMessage(), e);
        }
        return buckets.metricNames();
    }

    /** The same readings as a list, for callers that want them all at once. */
    public List<ReadingView> readings(String deviceId, String metric, Long from, Long to, int limit) {
        List<ReadingView> views = new ArrayList<>();
        readings(deviceId, metric, from, to, limit,
                (seq, ts, json) -> views.add(new ReadingView(seq, ts, MetricsJson.parse(json))));
        return views;
    }

    /**
     * A device's readings with {@code from <= ts <= to} folded into buckets of
     * {@code widthMillis} (count, min, mean, max per metric), for charts of
     * any range. With a metric, only that one. Whole roll-up buckets come
     * from the roll-ups when the width is a multiple of them, the ragged
     * ends from the readings, so a chart of 90 days reads some 26,000 rows
     * per metric and gives the same figures as folding every reading.
     */
    public HistoryBuckets history(String deviceId, String metric, long from, long to, long widthMillis) {
        HistoryBuckets buckets = new HistoryBuckets(widthMillis);
        try (Connection connection = dataSource.getConnection()) {
            fold(connection, deviceId, metric, from, to, ReadingRollups.tiersFor(widthMillis), buckets);
        } catch (SQLException e) {
            throw new IllegalStateException("reading history of " + deviceId + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buckets;
    }

    /** Folds {@code from <= ts <= to}: whole buckets of the coarsest tier, the ends with the finer ones. */
    private static void fold(Connection connection, String deviceId, String metric, long from, long to,
                             List<Long> tiers, HistoryBuckets buckets) throws SQLException, IOException {
        if (from > to) {
            return;
        }
        if (tiers.isEmpty()) {
            ReadingTable.select(connection, deviceId, metric, from, to, Integer.MAX_VALUE,
                    (seq, ts, json) -> buckets.add(ts, MetricsJson.parse(json), metric));
            return;
        }
        long tier = tiers.get(0);
        List<Long> finer = tiers.subList(1, tiers.size());
        long first = -Math.floorDiv(-from, tier) * tier;
        long end = Math.floorDiv(to + 1, tier) * tier;
        if (first >= end) {
            fold(connection, deviceId, metric, from, to, finer, buckets);
            return;
        }
        fold(connection, deviceId, metric, from, first - 1, finer, buckets);
        ReadingRollups.select(connection, deviceId, metric, tier, first, end, buckets);
        fold(connection, deviceId, metric, end, to, finer, buckets);
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
