package io.vigil.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.telemetry.ReadingPartitions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Schema version 12 on a real PostgreSQL (the machine's, 127.0.0.1:5432,
 * database {@code test}; skipped, saying so, without one): existing readings
 * move into weekly partitions, new ones land in theirs, a week created late
 * takes its readings over from the default partition, and retention drops
 * whole weeks.
 */
class PartitionReadingsByTimeTest {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String SCHEMA = "vigil_partitions_test";
    private static final String URL = SERVER + "?currentSchema=" + SCHEMA;
    private static final long WEEK = ReadingPartitions.WEEK;

    private final long now = System.currentTimeMillis();

    @BeforeEach
    void freshSchema() throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER, "postgres", "");
             Statement sql = connection.createStatement()) {
            sql.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            sql.execute("CREATE SCHEMA " + SCHEMA);
        } catch (SQLException e) {
            Assumptions.abort("SKIPPED: no PostgreSQL at " + SERVER + " (" + e.getMessage() + ")");
        }
    }

    private static Flyway flyway(String target) {
        return SchemaMigration.configure().dataSource(URL, "postgres", "").schemas(SCHEMA).target(target).load();
    }

    @Test
    void existingReadingsMoveIntoWeeksAndRetentionDropsWholeWeeks() throws SQLException {
        flyway("11").migrate();
        long tenWeeksAgo = now - 10 * WEEK;
        long longAgo = now - 400 * WEEK;  // before the oldest partition: the default one holds it
        try (Connection connection = DriverManager.getConnection(URL, "postgres", "")) {
            try (Statement sql = connection.createStatement()) {
                sql.execute("INSERT INTO device (id, name, token_hash, created_at, last_seq)"
                        + " VALUES ('pump-7', 'P', 'h', 0, 3)");
            }
            insert(connection, 1, longAgo);
            insert(connection, 2, tenWeeksAgo);
            insert(connection, 3, now);
        }

        flyway("latest").migrate();

        try (Connection connection = DriverManager.getConnection(URL, "postgres", "")) {
            assertTrue(ReadingPartitions.partitioned(connection), "reading is partitioned");
            List<Long> weeks = ReadingPartitions.weeks(connection);
            assertTrue(weeks.get(0) > longAgo, "no partition for readings older than five years: " + weeks.get(0));
            assertTrue(weeks.contains(ReadingPartitions.weekOf(tenWeeksAgo)), "the oldest reading's week");
            assertTrue(weeks.contains(ReadingPartitions.weekOf(now + ReadingPartitions.WEEKS_AHEAD * WEEK)),
                    "weeks ahead: " + weeks);
            assertEquals(List.of(1L, 2L, 3L), seqs(connection, "reading"), "every reading moved");
            assertEquals(List.of(1L), seqs(connection, "reading_default"), "the oldest one, in the default");
            assertEquals(List.of(3L), seqs(connection, "reading_w" + day(ReadingPartitions.weekOf(now))));

            // A reading far ahead goes to the default partition; creating its week later takes it over.
            long farAhead = now + 20 * WEEK;
            insert(connection, 4, farAhead);
            assertEquals(List.of(1L, 4L), seqs(connection, "reading_default"));
            assertEquals(1, ReadingPartitions.create(connection, farAhead, farAhead));
            assertEquals(List.of(1L), seqs(connection, "reading_default"), "moved out of the default");
            assertEquals(List.of(4L), seqs(connection, "reading_w" + day(ReadingPartitions.weekOf(farAhead))));

            // Retention at five weeks ago drops the weeks wholly before it, and no other.
            List<Long> dropped = ReadingPartitions.dropBefore(connection, now - 5 * WEEK);
            assertTrue(dropped.contains(ReadingPartitions.weekOf(tenWeeksAgo)), "dropped " + dropped);
            assertTrue(dropped.stream().allMatch(week -> week + WEEK <= now - 5 * WEEK), "dropped " + dropped);
            assertEquals(List.of(1L, 3L, 4L), seqs(connection, "reading"));
        }
    }

    private static String day(long week) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd").format(
                java.time.Instant.ofEpochMilli(week).atZone(java.time.ZoneOffset.UTC));
    }

    private static void insert(Connection connection, long seq, long ts) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO reading (device_id, seq, ts,"
                + " received_at, metrics) VALUES ('pump-7', ?, ?, 0, '{\"flow\":1}')")) {
            insert.setLong(1, seq);
            insert.setLong(2, ts);
            insert.executeUpdate();
        }
    }

    private static List<Long> seqs(Connection connection, String table) throws SQLException {
        List<Long> seqs = new java.util.ArrayList<>();
        try (Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("SELECT seq FROM " + table + " ORDER BY seq")) {
            while (rows.next()) {
                seqs.add(rows.getLong(1));
            }
        }
        return seqs;
    }
}
