package io.vigil.schema;

import io.vigil.shared.Databases;
import io.vigil.telemetry.ReadingPartitions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.Context;

/**
 * Schema version 12: on PostgreSQL, {@code reading} becomes a table
 * partitioned by week of {@code ts} ({@link ReadingPartitions}): the old table
 * is renamed, the new one created with a partition for every week from the
 * oldest reading's (at most {@value #WEEKS_BACK} weeks back; older ones go to
 * the default partition) to {@link ReadingPartitions#WEEKS_AHEAD} weeks
 * ahead, the readings copied over, the old table dropped. A partitioned
 * table's primary key must hold the partition column, so it is
 * {@code (device_id, seq, ts)}; that a seq is stored once per device is kept
 * by the ingest writer ({@code last_seq} under the device's row lock), as it
 * always was. H2 keeps its one table: nothing happens there.
 */
public class PartitionReadingsByTime extends JavaSchemaStep {

    static final int WEEKS_BACK = 260;

    public PartitionReadingsByTime() {
        super(12, "partition readings by week on PostgreSQL");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        if (!Databases.postgresql(connection)) {
            return;
        }
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("ALTER TABLE reading RENAME TO reading_v11");
            ddl.execute("ALTER TABLE reading_v11 RENAME CONSTRAINT reading_pkey TO reading_v11_pkey");
            ddl.execute("ALTER TABLE reading_v11 RENAME CONSTRAINT fk_reading_device TO fk_reading_v11_device");
            ddl.execute("ALTER INDEX ix_reading_device_ts RENAME TO ix_reading_v11_device_ts");
            ddl.execute("CREATE TABLE reading ("
                    + " device_id VARCHAR(64) NOT NULL, seq BIGINT NOT NULL, ts BIGINT NOT NULL,"
                    + " received_at BIGINT NOT NULL, metrics VARCHAR(16000) DEFAULT '{}' NOT NULL,"
                    + " CONSTRAINT reading_pkey PRIMARY KEY (device_id, seq, ts),"
                    + " CONSTRAINT fk_reading_device FOREIGN KEY (device_id) REFERENCES device (id)"
                    + ") PARTITION BY RANGE (ts)");
            ddl.execute("CREATE INDEX ix_reading_device_ts ON reading (device_id, ts)");
            ddl.execute("CREATE TABLE reading_default PARTITION OF reading DEFAULT");
        }
        long now = System.currentTimeMillis();
        long oldest = now;
        try (Statement select = connection.createStatement();
             ResultSet rows = select.executeQuery("SELECT MIN(ts) FROM reading_v11")) {
            if (rows.next() && rows.getObject(1) != null) {
                oldest = Math.min(now, rows.getLong(1));
            }
        }
        oldest = Math.max(oldest, now - WEEKS_BACK * ReadingPartitions.WEEK);
        ReadingPartitions.create(connection, oldest, now + ReadingPartitions.WEEKS_AHEAD * ReadingPartitions.WEEK);
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("INSERT INTO reading (device_id, seq, ts, received_at, metrics)"
                    + " SELECT device_id, seq, ts, received_at, metrics FROM reading_v11");
            ddl.execute("DROP TABLE reading_v11");
        }
    }
}
