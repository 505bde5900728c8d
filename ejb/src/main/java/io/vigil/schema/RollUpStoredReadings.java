package io.vigil.schema;

import io.vigil.shared.MetricsJson;
import io.vigil.telemetry.ReadingRollups;
import io.vigil.telemetry.StoredReading;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.Context;

/**
 * Schema version 6: rolls up the readings stored before version 5 created
 * {@code reading_rollup}, with the same code the ingest writer uses, so
 * charts of long ranges show them too. Readings are walked in
 * {@code (device_id, ts)} order and added in chunks; a bucket split across two
 * chunks is merged, not written twice.
 */
public class RollUpStoredReadings extends JavaSchemaStep {

    private static final int CHUNK = 10_000;

    public RollUpStoredReadings() {
        super(6, "roll up stored readings");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement select = connection.createStatement()) {
            select.setFetchSize(CHUNK);
            try (ResultSet rows = select.executeQuery(
                    "SELECT device_id, seq, ts, metrics FROM reading ORDER BY device_id, ts")) {
                List<StoredReading> chunk = new ArrayList<>(CHUNK);
                while (rows.next()) {
                    chunk.add(new StoredReading(rows.getString(1), rows.getLong(2), rows.getLong(3),
                            MetricsJson.parse(rows.getString(4))));
                    if (chunk.size() == CHUNK) {
                        ReadingRollups.add(connection, chunk);
                        chunk.clear();
                    }
                }
                ReadingRollups.add(connection, chunk);
            }
        }
    }
}
