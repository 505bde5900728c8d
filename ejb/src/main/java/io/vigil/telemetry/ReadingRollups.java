package io.vigil.telemetry;

import io.vigil.shared.MetricsJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code reading_rollup} table: for every device, metric and whole five
 * minutes, the count, minimum, sum and maximum of the stored readings. A
 * chart of 90 days then reads about 26,000 rows per metric instead of
 * millions of readings.
 *
 * <p>The {@link RollupFolder} adds readings to them a few seconds after they
 * are stored, in one transaction with its {@link RollupProgress}; charts add
 * the readings not rolled up yet ({@link #select}), so they are exact at any
 * moment. (Until schema version 11 the ingest writer added each batch in its
 * own transaction: with 1,000 devices of 10 metrics that was 10 row writes
 * per reading, the most of every commit.)
 *
 * <p>One tier, five minutes wide: every tier is a row write per device and
 * metric in each fold. A minute tier beside an hour tier once cost a
 * quarter of the single-message ingest rate in the benchmark; five
 * minutes alone keeps charts of any range at or above five-minute buckets off
 * the readings (shorter ranges fold readings: a day at one reading a second is
 * 86,400), at half that cost. The tier list stays a list, so a coarser tier
 * is one entry (and one backfill) away.
 *
 * <p>Each bucket is one {@code UPDATE} by primary key, and an {@code INSERT}
 * for the buckets that did not exist yet: plain statements whose plan is the
 * primary key on H2 and PostgreSQL alike, so the cost does not grow with a
 * device's history. (The table has no foreign key to {@code device}: H2
 * chose that key's index for the update and scanned every roll-up of the
 * device.) Only the fold that moved a device's progress writes that device's
 * roll-ups (the move locks the progress row until the fold commits), so no
 * other insert of the same key can come between the two.
 */
public final class ReadingRollups {

    public static final long FIVE_MINUTES = 300_000;
    /** Coarsest first: a chart uses the coarsest tier its bucket width is a multiple of. */
    static final List<Long> TIERS = List.of(FIVE_MINUTES);
    private static final long FINEST = TIERS.get(TIERS.size() - 1);

    private static final String UPDATE = "UPDATE reading_rollup SET n = n + ?, min_value = LEAST(min_value, ?),"
            + " sum_value = sum_value + ?, max_value = GREATEST(max_value, ?)"
            + " WHERE device_id = ? AND width_ms = ? AND bucket_start = ? AND metric = ?";
    private static final String INSERT = "INSERT INTO reading_rollup (device_id, width_ms, bucket_start, metric, n,"
            + " min_value, sum_value, max_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    private record Key(String deviceId, long width, long start, String metric) {
    }

    /** count, min, sum, max */
    private static final class Aggregate {
        long n;
        double min = Double.POSITIVE_INFINITY;
        double sum;
        double max = Double.NEGATIVE_INFINITY;

        void add(double value) {
            n++;
            min = Math.min(min, value);
            sum += value;
            max = Math.max(max, value);
        }
    }

    private ReadingRollups() {
    }

    /**
     * Adds readings to the roll-ups of their devices, in the caller's
     * transaction: the batch is folded in memory first, so a device sending
     * once a second costs one row per metric and tier, and a catch-up batch
     * of 500 readings costs a few.
     */
    public static void add(Connection connection, Collection<StoredReading> readings) throws SQLException {
        if (readings.isEmpty()) {
            return;
        }
        Map<Key, Aggregate> folded = new HashMap<>();
        for (StoredReading reading : readings) {
            for (long width : TIERS) {
                long start = Math.floorDiv(reading.ts(), width) * width;
                reading.metrics().forEach((metric, value) -> folded
                        .computeIfAbsent(new Key(reading.deviceId(), width, start, metric), k -> new Aggregate())
                        .add(value));
            }
        }
        List<Map.Entry<Key, Aggregate>> entries = new ArrayList<>(folded.entrySet());
        int[] updated;
        try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
            for (Map.Entry<Key, Aggregate> entry : entries) {
                Key key = entry.getKey();
                Aggregate aggregate = entry.getValue();
                update.setLong(1, aggregate.n);
                update.setDouble(2, aggregate.min);
                update.setDouble(3, aggregate.sum);
                update.setDouble(4, aggregate.max);
                update.setString(5, key.deviceId());
                update.setLong(6, key.width());
                update.setLong(7, key.start());
                update.setString(8, key.metric());
                update.addBatch();
            }
            updated = update.executeBatch();
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            boolean any = false;
            for (int i = 0; i < entries.size(); i++) {
                if (updated[i] == java.sql.Statement.SUCCESS_NO_INFO) {
                    // Unknown whether the bucket existed: guessing would lose or double a batch's figures.
                    throw new SQLException("the JDBC driver did not report which roll-up buckets exist");
                }
                if (updated[i] > 0) {
                    continue;  // the bucket existed and now holds the batch too
                }
                Key key = entries.get(i).getKey();
                Aggregate aggregate = entries.get(i).getValue();
                insert.setString(1, key.deviceId());
                insert.setLong(2, key.width());
                insert.setLong(3, key.start());
                insert.setString(4, key.metric());
                insert.setLong(5, aggregate.n);
                insert.setDouble(6, aggregate.min);
                insert.setDouble(7, aggregate.sum);
                insert.setDouble(8, aggregate.max);
                insert.addBatch();
                any = true;
            }
            if (any) {
                insert.executeBatch();
            }
        }
    }

    /** The tiers whose buckets fit whole into buckets of {@code widthMillis}, coarsest first. */
    static List<Long> tiersFor(long widthMillis) {
        List<Long> tiers = new ArrayList<>();
        for (long tier : TIERS) {
            if (widthMillis % tier == 0) {
                tiers.add(tier);
            }
        }
        return tiers;
    }

    /**
     * Adds one tier's buckets with {@code from <= bucket_start < toExclusive}
     * to the chart: the roll-ups, and the device's readings there that the
     * {@link RollupFolder} has not added to them yet. The two are read
     * between two looks at the device's {@link RollupProgress}; if a fold
     * committed in between (the roll-ups may then hold readings also read as
     * not rolled up), both are read again, so no reading counts twice.
     */
    static void select(Connection connection, String deviceId, String metric, long tier, long from, long toExclusive,
                       HistoryBuckets buckets) throws SQLException {
        while (true) {
            long rolledUp = RollupProgress.of(connection, deviceId);
            HistoryBuckets attempt = new HistoryBuckets(buckets.widthMillis());
            selectRollups(connection, deviceId, metric, tier, from, toExclusive, attempt);
            selectNotRolledUp(connection, deviceId, metric, rolledUp, from, toExclusive, attempt);
            if (RollupProgress.of(connection, deviceId) == rolledUp) {
                buckets.addAll(attempt);
                return;
            }
        }
    }

    private static void selectRollups(Connection connection, String deviceId, String metric, long tier, long from,
                                      long toExclusive, HistoryBuckets buckets) throws SQLException {
        String sql = "SELECT bucket_start, metric, n, min_value, sum_value, max_value FROM reading_rollup"
                + " WHERE device_id = ? AND width_ms = ? AND bucket_start >= ? AND bucket_start < ?"
                + (metric == null ? "" : " AND metric = ?");
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, deviceId);
            select.setLong(2, tier);
            select.setLong(3, from);
            select.setLong(4, toExclusive);
            if (metric != null) {
                select.setString(5, metric);
            }
            select.setFetchSize(5_000);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    buckets.add(rows.getLong(1), rows.getString(2), rows.getLong(3), rows.getDouble(4),
                            rows.getDouble(5), rows.getDouble(6));
                }
            }
        }
    }

    /** The readings after {@code rolledUpSeq} with {@code from <= ts < toExclusive}: seconds' worth, by key. */
    private static void selectNotRolledUp(Connection connection, String deviceId, String metric, long rolledUpSeq,
                                          long from, long toExclusive, HistoryBuckets buckets) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT ts, metrics FROM reading"
                + " WHERE device_id = ? AND seq > ? AND ts >= ? AND ts < ?")) {
            select.setString(1, deviceId);
            select.setLong(2, rolledUpSeq);
            select.setLong(3, from);
            select.setLong(4, toExclusive);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    buckets.add(rows.getLong(1), MetricsJson.parse(rows.getString(2)), metric);
                }
            }
        }
    }

    /** Whether the device has roll-ups that lie wholly before {@code cutoff}. */
    static boolean anyBefore(Connection connection, String deviceId, long cutoff) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT bucket_start FROM reading_rollup"
                + " WHERE device_id = ? AND width_ms = ? AND bucket_start <= ?")) {
            select.setString(1, deviceId);
            select.setLong(2, FINEST);  // every coarser roll-up has finer ones inside it
            select.setLong(3, cutoff - FINEST);
            select.setMaxRows(1);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** Deletes the device's roll-ups that lie wholly before {@code cutoff}; answers how many. */
    static int deleteBefore(Connection connection, String deviceId, long cutoff) throws SQLException {
        int deleted = 0;
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM reading_rollup WHERE device_id = ? AND width_ms = ? AND bucket_start <= ?")) {
            for (long tier : TIERS) {
                delete.setString(1, deviceId);
                delete.setLong(2, tier);
                delete.setLong(3, cutoff - tier);
                deleted += delete.executeUpdate();
            }
        }
        return deleted;
    }
}
