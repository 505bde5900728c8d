package io.vigil.schema;

import io.vigil.shared.MetricsJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.api.migration.Context;

/**
 * Schema version 2: a reading's metrics move from one {@code reading_metric}
 * row per metric into one compact JSON column of {@code reading}, so that
 * storing a reading is one row insert and reading history is one index range
 * scan. Existing readings are converted, then the old table is dropped.
 *
 * <p>In Java rather than SQL because the string aggregation it needs is
 * spelled differently on H2 and PostgreSQL; everything else is portable SQL.
 */
public class CompactReadingMetrics extends JavaSchemaStep {

    private static final int COMMIT_EVERY = 10_000;

    public CompactReadingMetrics() {
        super(2, "compact reading metrics");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("ALTER TABLE reading ADD COLUMN metrics VARCHAR(16000) DEFAULT '{}' NOT NULL");
        }
        copyMetrics(connection);
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("DROP TABLE reading_metric");
        }
    }

    /** Walks reading_metric in key order and writes each reading's metrics as one JSON object. */
    private static void copyMetrics(Connection connection) throws SQLException {
        try (Statement select = connection.createStatement();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE reading SET metrics = ? WHERE device_id = ? AND seq = ?")) {
            select.setFetchSize(COMMIT_EVERY);
            try (ResultSet rows = select.executeQuery("SELECT device_id, seq, metric_name, metric_value"
                    + " FROM reading_metric ORDER BY device_id, seq, metric_name")) {
                String device = null;
                long seq = 0;
                Map<String, Double> metrics = new LinkedHashMap<>();
                int batched = 0;
                while (rows.next()) {
                    String rowDevice = rows.getString(1);
                    long rowSeq = rows.getLong(2);
                    if (device != null && (!device.equals(rowDevice) || seq != rowSeq)) {
                        add(update, device, seq, metrics);
                        batched++;
                    }
                    device = rowDevice;
                    seq = rowSeq;
                    metrics.put(rows.getString(3), rows.getDouble(4));
                    if (batched >= COMMIT_EVERY) {
                        update.executeBatch();
                        batched = 0;
                    }
                }
                if (device != null) {
                    add(update, device, seq, metrics);
                }
                update.executeBatch();
            }
        }
    }

    private static void add(PreparedStatement update, String device, long seq, Map<String, Double> metrics)
            throws SQLException {
        update.setString(1, MetricsJson.write(metrics));
        update.setString(2, device);
        update.setLong(3, seq);
        update.addBatch();
        metrics.clear();
    }
}
