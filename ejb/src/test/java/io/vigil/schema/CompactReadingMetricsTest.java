package io.vigil.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vigil.shared.MetricsJson;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** Schema version 2 keeps the readings a version-1 database already holds, metrics and all. */
class CompactReadingMetricsTest {

    private static final String URL = "jdbc:h2:mem:migration;DB_CLOSE_DELAY=-1";

    private static Flyway flyway(String target) {
        return SchemaMigration.configure().dataSource(URL, "sa", "sa").target(target).load();
    }

    @Test
    void existingReadingsKeepEveryMetricAfterTheMigration() throws SQLException {
        flyway("1").migrate();
        try (Connection connection = DriverManager.getConnection(URL, "sa", "sa");
             Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO device (id, name, token_hash, last_seq, created_at) VALUES ('pump-7', 'P', 'h', 3, 0)");
            sql.execute("INSERT INTO device (id, name, token_hash, last_seq, created_at) VALUES ('pump-8', 'P', 'i', 1, 0)");
            sql.execute("INSERT INTO reading (device_id, seq, ts, received_at) VALUES ('pump-7', 1, 10, 11),"
                    + " ('pump-7', 2, 20, 21), ('pump-7', 3, 30, 31), ('pump-8', 1, 10, 11)");
            sql.execute("INSERT INTO reading_metric (device_id, seq, metric_name, metric_value) VALUES"
                    + " ('pump-7', 1, 'temperature', 21.5), ('pump-7', 1, 'humidity', 40.1),"
                    + " ('pump-7', 2, 'temperature', 22.0), ('pump-7', 3, 'pressure', 1.013),"
                    + " ('pump-8', 1, 'flow', -3.25)");
        }

        flyway("latest").migrate();

        Map<String, Map<String, Double>> metrics = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(URL, "sa", "sa");
             Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("SELECT device_id, seq, metrics FROM reading ORDER BY device_id, seq")) {
            while (rows.next()) {
                metrics.put(rows.getString(1) + "#" + rows.getLong(2), MetricsJson.parse(rows.getString(3)));
            }
            assertFalse(connection.getMetaData().getTables(null, null, "READING_METRIC", null).next(),
                    "the old table is gone");
        }
        assertEquals(Map.of(
                "pump-7#1", Map.of("temperature", 21.5, "humidity", 40.1),
                "pump-7#2", Map.of("temperature", 22.0),
                "pump-7#3", Map.of("pressure", 1.013),
                "pump-8#1", Map.of("flow", -3.25)), metrics);
    }
}
