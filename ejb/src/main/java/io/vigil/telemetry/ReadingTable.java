package io.vigil.telemetry;

import io.vigil.shared.Databases;
import io.vigil.shared.MetricsJson;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The {@code reading} and {@code quarantined_reading} tables, in plain JDBC:
 * the writer inserts whole batches with one statement each, and history is
 * read as rows, never as managed entities. A reading's metrics are one JSON
 * object column ({@link io.vigil.shared.MetricsJson}), so a reading is one row.
 */
final class ReadingTable {

    private ReadingTable() {
    }

    static void insertReadings(Connection connection, List<StoredReading> readings, long now) throws SQLException {
        if (readings.isEmpty()) {
            return;
        }
        if (Databases.postgresql(connection)) {
            insertAtOnce(connection, readings, now);
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO reading (device_id, seq, ts, received_at, metrics) VALUES (?, ?, ?, ?, ?)")) {
            for (StoredReading reading : readings) {
                insert.setString(1, reading.deviceId());
                insert.setLong(2, reading.seq());
                insert.setLong(3, reading.ts());
                insert.setLong(4, now);
                insert.setString(5, MetricsJson.write(reading.metrics()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * PostgreSQL: the whole batch as one statement over arrays, one round trip
     * and one execution however many readings (a JDBC batch executes the
     * insert once per reading: with a fleet, a batch holds a reading of each
     * of a thousand devices).
     */
    private static void insertAtOnce(Connection connection, List<StoredReading> readings, long now)
            throws SQLException {
        int size = readings.size();
        String[] devices = new String[size];
        Long[] seqs = new Long[size];
        Long[] times = new Long[size];
        String[] metrics = new String[size];
        for (int i = 0; i < size; i++) {
            StoredReading reading = readings.get(i);
            devices[i] = reading.deviceId();
            seqs[i] = reading.seq();
            times[i] = reading.ts();
            metrics[i] = MetricsJson.write(reading.metrics());
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO reading (device_id, seq, ts,"
                + " received_at, metrics) SELECT d, s, t, ?, m FROM unnest(?::varchar[], ?::bigint[], ?::bigint[],"
                + " ?::varchar[]) AS r(d, s, t, m)")) {
            insert.setLong(1, now);
            insert.setArray(2, connection.createArrayOf("varchar", devices));
            insert.setArray(3, connection.createArrayOf("bigint", seqs));
            insert.setArray(4, connection.createArrayOf("bigint", times));
            insert.setArray(5, connection.createArrayOf("varchar", metrics));
            insert.executeUpdate();
        }
    }

    static void insertQuarantined(Connection connection, String deviceId, List<IncomingReading.Invalid> invalid,
                                  long now) throws SQLException {
        if (invalid.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO quarantined_reading"
                + " (device_id, seq, received_at, code, message, payload) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (IncomingReading.Invalid reading : invalid) {
                insert.setString(1, deviceId);
                insert.setLong(2, reading.seq());
                insert.setLong(3, now);
                insert.setString(4, reading.code());
                insert.setString(5, QuarantinedReading.fit(reading.message(), QuarantinedReading.MAX_MESSAGE));
                insert.setString(6, QuarantinedReading.fit(reading.payload(), QuarantinedReading.MAX_PAYLOAD));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * Streams a device's readings with {@code from <= ts <= to}, oldest first,
     * through the {@code (device_id, ts)} index. With a metric, only readings
     * that carry it; the caller picks the value out of the JSON.
     */
    static void select(Connection connection, String deviceId, String metric, Long from, Long to, int limit,
                       TelemetryQuery.ReadingSink sink) throws SQLException, IOException {
        StringBuilder sql = new StringBuilder("SELECT seq, ts, metrics FROM reading WHERE device_id = ?");
        if (from != null) {
            sql.append(" AND ts >= ?");
        }
        if (to != null) {
            sql.append(" AND ts <= ?");
        }
        if (metric != null) {
            // A cheap pre-filter on the JSON text; names are [A-Za-z0-9_.-], so the quoted key is exact.
            sql.append(" AND metrics LIKE ?");
        }
        sql.append(" ORDER BY ts, seq");
        try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            int index = 1;
            select.setString(index++, deviceId);
            if (from != null) {
                select.setLong(index++, from);
            }
            if (to != null) {
                select.setLong(index++, to);
            }
            if (metric != null) {
                select.setString(index, "%\"" + metric.replace("_", "\\_") + "\":%");
            }
            select.setMaxRows(limit);
            select.setFetchSize(Math.min(limit, 5_000));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    sink.reading(rows.getLong(1), rows.getLong(2), rows.getString(3));
                }
            }
        }
    }
}
