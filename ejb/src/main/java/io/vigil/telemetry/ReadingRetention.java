package io.vigil.telemetry;

import io.vigil.config.Settings;
import io.vigil.shared.TimerLease;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Deletes readings older than {@code vigil.retention.days} (default 30;
 * 0 keeps everything): on PostgreSQL whole weeks as dropped partitions
 * ({@link ReadingPartitions}, which it also creates ahead), then row by row.
 * It runs every ten minutes, device by device, in chunks of {@value #CHUNK}
 * rows with a commit after each, so it never holds many locks or one long
 * transaction beside the ingest writer. Age is the reading's
 * own {@code ts}, the same time the history API filters on. Roll-ups go
 * when their whole bucket is older than the cutoff. In a cluster only the
 * node holding the {@link TimerLease} runs it.
 */
@Singleton
@DependsOn("SchemaMigration")
@TransactionManagement(TransactionManagementType.BEAN)
public class ReadingRetention {

    private static final Logger LOG = Logger.getLogger(ReadingRetention.class.getName());
    static final int CHUNK = 5_000;

    @Resource(lookup = "java:jboss/datasources/VigilDS")
    DataSource dataSource;

    @Resource
    UserTransaction transaction;

    @Inject
    TimerLease lease;

    @Schedule(hour = "*", minute = "*/10", persistent = false)
    void scheduled() {
        if (!lease.held()) {
            return;
        }
        preparePartitions(System.currentTimeMillis());
        int days = Settings.retentionDays();
        if (days <= 0) {
            return;
        }
        long deleted = deleteOlderThan(System.currentTimeMillis() - TimeUnit.DAYS.toMillis(days));
        if (deleted > 0) {
            LOG.info(() -> "Retention deleted " + deleted + " readings older than " + days + " days");
        }
    }

    /**
     * On PostgreSQL, creates the weekly partitions of {@code reading} from the
     * current week to {@link ReadingPartitions#WEEKS_AHEAD} weeks ahead that
     * do not exist yet; answers how many it created (0 on H2).
     */
    public int preparePartitions(long now) {
        int created = inTransaction(connection -> ReadingPartitions.partitioned(connection)
                ? ReadingPartitions.create(connection, now, now + ReadingPartitions.WEEKS_AHEAD * ReadingPartitions.WEEK)
                : 0, 0, "The readings' partitions ahead could not be created (readings go to the default partition"
                + " meanwhile)");
        if (created > 0) {
            LOG.info(() -> created + " weekly partition(s) of the readings created ahead");
        }
        return created;
    }

    /**
     * Deletes every reading with {@code ts < cutoff}, and the roll-ups that
     * lie wholly before it; answers how many readings the row-by-row delete
     * took. On PostgreSQL whole weeks before the cutoff go first, each as one
     * dropped partition.
     */
    public long deleteOlderThan(long cutoff) {
        dropPartitionsBefore(cutoff);
        long deleted = 0;
        for (String deviceId : deviceIds()) {
            if (!hasDataBefore(deviceId, cutoff)) {
                continue;  // two index look-ups, no transaction to commit
            }
            int chunk;
            do {
                chunk = deleteChunk(deviceId, cutoff);
                deleted += chunk;
            } while (chunk == CHUNK);
            deleteRollups(deviceId, cutoff);
        }
        return deleted;
    }

    private void dropPartitionsBefore(long cutoff) {
        List<Long> dropped = inTransaction(connection -> ReadingPartitions.partitioned(connection)
                ? ReadingPartitions.dropBefore(connection, cutoff) : List.<Long>of(), List.<Long>of(),
                "Retention could not drop old partitions (the row-by-row delete goes on)");
        if (!dropped.isEmpty()) {
            LOG.info(() -> "Retention dropped the readings of " + dropped.size() + " whole week(s) before "
                    + java.time.Instant.ofEpochMilli(cutoff));
        }
    }

    private List<String> deviceIds() {
        List<String> ids = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT id FROM device ORDER BY id");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("retention could not list devices: " + e.getMessage(), e);
        }
        return ids;
    }

    private boolean hasDataBefore(String deviceId, long cutoff) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT MIN(ts) FROM reading WHERE device_id = ?")) {
            select.setString(1, deviceId);
            try (ResultSet rows = select.executeQuery()) {
                if (rows.next() && rows.getObject(1) != null && rows.getLong(1) < cutoff) {
                    return true;
                }
            }
            return ReadingRollups.anyBefore(connection, deviceId, cutoff);
        } catch (SQLException e) {
            LOG.warning(() -> "Retention could not look at the readings of " + deviceId + ": " + e.getMessage());
            return false;
        }
    }

    private void deleteRollups(String deviceId, long cutoff) {
        inTransaction(connection -> ReadingRollups.deleteBefore(connection, deviceId, cutoff), 0,
                "Retention could not delete old roll-ups of " + deviceId);
    }

    private int deleteChunk(String deviceId, long cutoff) {
        return inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM reading WHERE device_id = ?"
                    + " AND seq IN (SELECT seq FROM reading WHERE device_id = ? AND ts < ? ORDER BY ts LIMIT "
                    + CHUNK + ")")) {
                delete.setString(1, deviceId);
                delete.setString(2, deviceId);
                delete.setLong(3, cutoff);
                return delete.executeUpdate();
            }
        }, 0, "Retention could not delete old readings of " + deviceId);
    }

    /** One retention step's work on a connection. */
    private interface Step<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs one step in a transaction of its own and answers what it answered;
     * on any failure rolls back, logs {@code failed} with the cause, and
     * answers {@code onFailure}, so the next step goes on.
     */
    private <T> T inTransaction(Step<T> step, T onFailure, String failed) {
        try {
            transaction.begin();
            T result;
            try (Connection connection = dataSource.getConnection()) {
                result = step.run(connection);
            }
            transaction.commit();
            return result;
        } catch (Exception e) {
            try {
                transaction.rollback();
            } catch (Exception rollback) {
                LOG.log(Level.FINE, "Rollback after a failed retention step failed too", rollback);
            }
            LOG.warning(() -> failed + ": " + e.getMessage());
            return onFailure;
        }
    }
}
