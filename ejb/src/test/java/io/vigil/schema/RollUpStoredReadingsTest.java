package io.vigil.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** Schema version 6 rolls up the readings a database held before roll-ups existed. */
class RollUpStoredReadingsTest {

    private static final String URL = "jdbc:h2:mem:rollups;DB_CLOSE_DELAY=-1";
    private static final long HOUR = 3_600_000;

    private static Flyway flyway(String target) {
        return SchemaMigration.configure().dataSource(URL, "sa", "sa").target(target).load();
    }

    @Test
    void readingsStoredBeforeRollUpsAreRolledUpOnceEvenWhereABucketSpansTwoChunks() throws SQLException {
        flyway("4").migrate();
        try (Connection connection = DriverManager.getConnection(URL, "sa", "sa");
             Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO device (id, name, token_hash, created_at) VALUES ('pump-7', 'P', 'h', 0)");
            sql.execute("INSERT INTO device (id, name, token_hash, created_at) VALUES ('pump-8', 'P', 'i', 0)");
            // 10,050 readings a second apart from hour 100 on: more than one chunk of 10,000; values 0..10049.
            sql.execute("INSERT INTO reading (device_id, seq, ts, received_at, metrics) SELECT 'pump-7', X + 1, "
                    + 100 * HOUR + " + X * 1000, 0, '{\"flow\":' || X || '}' FROM SYSTEM_RANGE(0, 10049)");
            sql.execute("INSERT INTO reading (device_id, seq, ts, received_at, metrics) VALUES"
                    + " ('pump-8', 1, 59999, 0, '{\"t\":-1.5,\"p\":2}'), ('pump-8', 2, 60000, 0, '{\"t\":3}')");
        }

        flyway("latest").migrate();

        assertEquals(List.of("pump-7 3600000 " + 100 * HOUR + " flow 3600 0.0 6478200.0 3599.0",
                        "pump-7 3600000 " + 101 * HOUR + " flow 3600 3600.0 1.94382E7 7199.0",
                        "pump-7 3600000 " + 102 * HOUR + " flow 2850 7200.0 2.4579825E7 10049.0",
                        "pump-8 3600000 0 p 1 2.0 2.0 2.0",
                        "pump-8 3600000 0 t 2 -1.5 1.5 3.0"),
                rows("width_ms = 3600000"));
        assertEquals(List.of("pump-7 10050 0.0 10049.0 168"), rows("SELECT device_id, SUM(n), MIN(min_value),"
                + " MAX(max_value), COUNT(*) FROM reading_rollup WHERE width_ms = 60000 AND device_id = 'pump-7'"
                + " GROUP BY device_id", 5));
        assertEquals(List.of("pump-8 60000 0 p 1 2.0 2.0 2.0", "pump-8 60000 0 t 1 -1.5 -1.5 -1.5",
                "pump-8 60000 60000 t 1 3.0 3.0 3.0"), rows("width_ms = 60000 AND device_id = 'pump-8'"));
    }

    private static List<String> rows(String where) throws SQLException {
        return rows("SELECT device_id, width_ms, bucket_start, metric, n, min_value, sum_value, max_value"
                + " FROM reading_rollup WHERE " + where + " ORDER BY device_id, bucket_start, metric", 8);
    }

    private static List<String> rows(String query, int columns) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(URL, "sa", "sa");
             Statement sql = connection.createStatement();
             ResultSet result = sql.executeQuery(query)) {
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? " " : "").append(result.getObject(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
