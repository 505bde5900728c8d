package io.vigil.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * Puts the database in a production-like state before a run, fast, with bulk
 * SQL rather than the API: many registered devices, most of them offline with
 * their open offline alert, millions of stored readings, one device with a
 * long history, and a few hundred devices that were heard from just now and
 * so go silent during the run, making the offline watch raise alerts while
 * the scenarios are measured.
 */
final class Seed {

    static final String HISTORY_DEVICE = "bench-history";
    private static final String METRICS = "{\"temperature\":21.5,\"humidity\":40.1,\"pressure\":1.013}";
    private static final long HOUR = 3_600_000;
    private static final int CHUNK = 500_000;

    /** How much to seed. */
    record Plan(int devices, int readingsPerDevice, int goingSilent, int historyReadings) {
        long readings() {
            return (long) devices * readingsPerDevice + historyReadings;
        }
    }

    private Seed() {
    }

    static String deviceId(int index) {
        return "seed-" + index;
    }

    static String token(int index) {
        return "seed-token-" + index;
    }

    static void run(Database database, Path baseDir, Plan plan) throws SQLException {
        long now = System.currentTimeMillis();
        try (Connection connection = database.connect(baseDir)) {
            connection.setAutoCommit(false);
            devices(connection, plan, now);
            readings(connection, database, plan, now);
            offlineAlerts(connection, plan, now);
        }
    }

    private static void devices(Connection connection, Plan plan, long now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO device (id, name, token_hash,"
                + " last_seq, last_seen, latest_metrics, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < plan.devices(); i++) {
                boolean goingSilent = i < plan.goingSilent();
                add(insert, deviceId(i), hash(token(i)), plan.readingsPerDevice(), goingSilent ? now : now - 2 * HOUR,
                        now);
                if (i % 1_000 == 999) {
                    insert.executeBatch();
                }
            }
            add(insert, HISTORY_DEVICE, hash(token(-1)), plan.historyReadings(), now - 2 * HOUR, now);
            insert.executeBatch();
        }
        connection.commit();
    }

    private static void add(PreparedStatement insert, String id, String tokenHash, long lastSeq, long lastSeen,
                            long now) throws SQLException {
        insert.setString(1, id);
        insert.setString(2, "Seeded " + id);
        insert.setString(3, tokenHash);
        insert.setLong(4, lastSeq);
        insert.setLong(5, lastSeen);
        insert.setString(6, METRICS);
        insert.setLong(7, now - 48 * HOUR);
        insert.addBatch();
    }

    private static void readings(Connection connection, Database database, Plan plan, long now) throws SQLException {
        long perDevice = plan.readingsPerDevice();
        long total = plan.devices() * perDevice;
        long firstTs = now - 2 * HOUR - perDevice * 1_000;
        try (Statement statement = connection.createStatement()) {
            for (long start = 0; start < total; start += CHUNK) {
                long end = Math.min(total, start + CHUNK) - 1;
                statement.executeUpdate("INSERT INTO reading (device_id, seq, ts, received_at, metrics)"
                        + " SELECT 'seed-' || CAST(g / " + perDevice + " AS VARCHAR(12)), MOD(g, " + perDevice + ") + 1,"
                        + " " + firstTs + " + MOD(g, " + perDevice + ") * 1000, " + now + ", '" + METRICS + "'"
                        + " FROM " + database.series(start, end) + " s");
                connection.commit();
            }
            long historyStart = now - 2 * HOUR - plan.historyReadings() * 100L;
            statement.executeUpdate("INSERT INTO reading (device_id, seq, ts, received_at, metrics)"
                    + " SELECT '" + HISTORY_DEVICE + "', g, " + historyStart + " + g * 100, " + now + ", '" + METRICS + "'"
                    + " FROM " + database.series(1, plan.historyReadings()) + " s");
            connection.commit();
        }
    }

    private static void offlineAlerts(Connection connection, Plan plan, long now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO alert (device_id, kind, severity,"
                + " state, raised_at, message, open_key) VALUES (?, 'OFFLINE', 'WARNING', 'ACTIVE', ?, ?, ?)")) {
            for (int i = plan.goingSilent(); i < plan.devices(); i++) {
                insert.setString(1, deviceId(i));
                insert.setLong(2, now - HOUR);
                insert.setString(3, "no data for 3600 s");
                insert.setString(4, deviceId(i) + "|offline");
                insert.addBatch();
                if (i % 1_000 == 999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        connection.commit();
    }

    /** The same hash the server keeps of a token (SHA-256, hex). */
    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
