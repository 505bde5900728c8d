package io.vigil.telemetry;

import io.vigil.shared.Databases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * On PostgreSQL the {@code reading} table is partitioned by the reading's
 * {@code ts}, a partition a week (schema version 12), so that retention drops
 * whole weeks instead of deleting rows one by one, and a chart's range reads
 * only its weeks. Partitions are named by the UTC day their week starts
 * ({@code reading_w20261203}); weeks are counted from the epoch. Readings
 * outside every partition (far in the past or the future) go to
 * {@code reading_default}. Partitions are created {@value #WEEKS_AHEAD}
 * weeks ahead; one created for a week that already has readings in the
 * default partition takes them over. H2 keeps one table.
 */
public final class ReadingPartitions {

    public static final long WEEK = 7 * 86_400_000L;
    /** How many weeks after the current one have their partition ready. */
    public static final int WEEKS_AHEAD = 4;
    static final String DEFAULT = "reading_default";
    private static final String PREFIX = "reading_w";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private ReadingPartitions() {
    }

    /** Whether {@code reading} is a partitioned table here (PostgreSQL since schema version 12). */
    public static boolean partitioned(Connection connection) throws SQLException {
        if (!Databases.postgresql(connection)) {
            return false;
        }
        try (Statement select = connection.createStatement();
             ResultSet rows = select.executeQuery("SELECT relkind FROM pg_class WHERE oid = to_regclass('reading')")) {
            return rows.next() && "p".equals(rows.getString(1));
        }
    }

    /** The start of the week {@code ts} falls in. */
    public static long weekOf(long ts) {
        return Math.floorDiv(ts, WEEK) * WEEK;
    }

    /** The weekly partitions that exist, by the start of their week, oldest first. */
    public static List<Long> weeks(Connection connection) throws SQLException {
        List<Long> weeks = new ArrayList<>();
        try (Statement select = connection.createStatement();
             ResultSet rows = select.executeQuery("SELECT c.relname FROM pg_inherits i JOIN pg_class c"
                     + " ON c.oid = i.inhrelid WHERE i.inhparent = to_regclass('reading')")) {
            while (rows.next()) {
                String name = rows.getString(1);
                if (name.startsWith(PREFIX)) {
                    weeks.add(LocalDate.parse(name.substring(PREFIX.length()), DateTimeFormatter.BASIC_ISO_DATE)
                            .atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
                }
            }
        }
        weeks.sort(null);
        return weeks;
    }

    /** Creates the partitions of the weeks from {@code from}'s to {@code to}'s that do not exist; answers how many. */
    public static int create(Connection connection, long from, long to) throws SQLException {
        List<Long> existing = weeks(connection);
        int created = 0;
        for (long week = weekOf(from); week <= weekOf(to); week += WEEK) {
            if (!existing.contains(week)) {
                createWeek(connection, week);
                created++;
            }
        }
        return created;
    }

    /**
     * Drops the partitions whose whole week is before {@code cutoff} (what
     * retention deletes); answers the weeks dropped. What is older in the
     * default partition, or in the week the cutoff falls in, is left to the
     * row-by-row delete.
     */
    public static List<Long> dropBefore(Connection connection, long cutoff) throws SQLException {
        List<Long> dropped = new ArrayList<>();
        for (long week : weeks(connection)) {
            if (week + WEEK <= cutoff) {
                try (Statement ddl = connection.createStatement()) {
                    ddl.execute("DROP TABLE " + name(week));
                }
                dropped.add(week);
            }
        }
        return dropped;
    }

    private static void createWeek(Connection connection, long week) throws SQLException {
        String name = name(week);
        String bounds = " FOR VALUES FROM (" + week + ") TO (" + (week + WEEK) + ")";
        boolean inDefault;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT 1 FROM " + DEFAULT + " WHERE ts >= ? AND ts < ? LIMIT 1")) {
            select.setLong(1, week);
            select.setLong(2, week + WEEK);
            try (ResultSet rows = select.executeQuery()) {
                inDefault = rows.next();
            }
        }
        try (Statement ddl = connection.createStatement()) {
            if (!inDefault) {
                ddl.execute("CREATE TABLE " + name + " PARTITION OF reading" + bounds);
                return;
            }
            // The week's readings that went to the default partition move to the new one, in this transaction.
            ddl.execute("CREATE TABLE " + name + " (LIKE reading INCLUDING DEFAULTS)");
            String range = " WHERE ts >= " + week + " AND ts < " + (week + WEEK);
            ddl.execute("INSERT INTO " + name + " SELECT * FROM " + DEFAULT + range);
            ddl.execute("DELETE FROM " + DEFAULT + range);
            ddl.execute("ALTER TABLE reading ATTACH PARTITION " + name + bounds);
        }
    }

    private static String name(long week) {
        return PREFIX + DAY.format(Instant.ofEpochMilli(week));
    }
}
