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

        // Five-minute buckets of 300 readings (values k*300 .. k*300+299): 33 full ones and one of 150.
        List<String> pump7 = rows("device_id = 'pump-7'");
        assertEquals(34, pump7.size());
        assertEquals("pump-7 300000 " + 100 * HOUR + " flow 300 0.0 44850.0 299.0", pump7.get(0));
        assertEquals("pump-7 300000 " + (100 * HOUR + 33 * 300_000) + " flow 150 9900.0 1496175.0 10049.0",
                pump7.get(33));
        assertEquals(List.of("pump-7 10050 0.0 10049.0 50496225"), rows("SELECT device_id, SUM(n), MIN(min_value),"
                + " MAX(max_value), SUM(sum_value) FROM reading_rollup WHERE device_id = 'pump-7' GROUP BY device_id", 5));
        assertEquals(List.of("pump-8 300000 0 p 1 2.0 2.0 2.0", "pump-8 300000 0 t 2 -1.5 1.5 3.0"),
                rows("device_id = 'pump-8'"));
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
