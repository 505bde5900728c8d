package io.vigil.bench;

import io.vigil.telemetry.ReadingRollups;
import io.vigil.telemetry.StoredReading;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts the database in a production-like state before a run, fast, with bulk
 * SQL rather than the API: many registered devices, most of them offline with
 * their open offline alert, millions of stored readings, one device with a
 * long history, one with {@code chartDays} days of ten metrics at one reading
 * a second (written with their roll-ups by Vigil's own roll-up code, as the
 * ingest writer would have), and a few hundred devices that were heard from just now and
 * so go silent during the run, making the offline watch raise alerts while
 * the scenarios are measured.
 */
final class Seed {

    static final String HISTORY_DEVICE = "bench-history";
    static final String CHART_DEVICE = "bench-chart";
    static final int CHART_METRICS = 10;
    private static final long DAY = 86_400_000;
    private static final String METRICS = "{\"temperature\":21.5,\"humidity\":40.1,\"pressure\":1.013}";
    private static final long HOUR = 3_600_000;
    private static final int CHUNK = 500_000;

    /** How much to seed. */
    record Plan(int devices, int readingsPerDevice, int goingSilent, int historyReadings, int chartDays) {
        long readings() {
            return (long) devices * readingsPerDevice + historyReadings + chartReadings();
        }

        long chartReadings() {
            return chartDays * 86_400L;
        }
    }

    private Seed() {
    }

    static String deviceId(int index) {
        return "seed-" + index;
    }

    static String fleetDeviceId(int index) {
        return "fleet-" + index;
    }

    static String fleetToken(int index) {
        return "fleet-token-" + index;
    }

    static String token(int index) {
        return "seed-token-" + index;
    }

    /**
     * Seeds the plan, and {@code fleetDevices} devices {@code fleet-0, fleet-1, ...} without readings for the
     * fleet rows ({@link FleetLoad}): registering 15,000 over REST would take longer than the row.
     */
    static void run(Database database, Path baseDir, Plan plan, int fleetDevices) throws SQLException {
        long now = System.currentTimeMillis();
        try (Connection connection = database.connect(baseDir)) {
            connection.setAutoCommit(false);
            devices(connection, plan, fleetDevices, now);
            readings(connection, database, plan, now);
            offlineAlerts(connection, plan, now);
            chartReadings(connection, plan, now);
            rolledUp(connection);
        }
    }

    private static void devices(Connection connection, Plan plan, int fleetDevices, long now) throws SQLException {
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
            for (int i = 0; i < fleetDevices; i++) {
                // Never heard from yet (last_seen NULL): the offline watch leaves a fleet device alone until it
                // has reported, so the fleet rows that use a thousand of them do not meet 14,000 offline alerts.
                add(insert, fleetDeviceId(i), hash(fleetToken(i)), 0, null, now);
                if (i % 1_000 == 999) {
                    insert.executeBatch();
                }
            }
            add(insert, HISTORY_DEVICE, hash(token(-1)), plan.historyReadings(), now - 2 * HOUR, now);
            add(insert, CHART_DEVICE, hash(token(-2)), plan.chartReadings(), now - 2 * HOUR, now);
            insert.executeBatch();
        }
        connection.commit();
    }

    private static void add(PreparedStatement insert, String id, String tokenHash, long lastSeq, Long lastSeen,
                            long now) throws SQLException {
        insert.setString(1, id);
        insert.setString(2, "Seeded " + id);
        insert.setString(3, tokenHash);
        insert.setLong(4, lastSeq);
        if (lastSeen == null) {
            insert.setNull(5, java.sql.Types.BIGINT);
        } else {
            insert.setLong(5, lastSeen);
        }
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

    /**
     * The chart device: one reading a second of {@link #CHART_METRICS} metrics
     * for {@code chartDays} days up to two hours ago, an hour per transaction,
     * each hour's readings rolled up in the same transaction.
     */
    private static void chartReadings(Connection connection, Plan plan, long now) throws SQLException {
        long first = Math.floorDiv(now - 2 * HOUR - plan.chartDays() * DAY, 1_000) * 1_000;
        List<StoredReading> hour = new ArrayList<>(3_600);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO reading (device_id, seq, ts, received_at, metrics) VALUES (?, ?, ?, ?, ?)")) {
            for (long seq = 1; seq <= plan.chartReadings(); seq++) {
                long ts = first + (seq - 1) * 1_000;
                Map<String, Double> metrics = chartMetrics(ts);
                insert.setString(1, CHART_DEVICE);
                insert.setLong(2, seq);
                insert.setLong(3, ts);
                insert.setLong(4, now);
                insert.setString(5, json(metrics));
                insert.addBatch();
                hour.add(new StoredReading(CHART_DEVICE, seq, ts, metrics));
                if (hour.size() == 3_600 || seq == plan.chartReadings()) {
                    insert.executeBatch();
                    ReadingRollups.add(connection, hour);
                    connection.commit();
                    hour.clear();
                }
            }
        }
    }

    /**
     * Marks every seeded reading as rolled up (schema version 11), so the server's roll-up folder does not
     * spend the benchmark folding millions of seeded readings: the chart device's were rolled up here; the
     * others' stay out of the roll-ups (no row measures charts of them).
     */
    private static void rolledUp(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO rollup_progress (device_id, rolled_up_seq)"
                    + " SELECT id, last_seq FROM device WHERE last_seq > 0");
        }
        connection.commit();
    }

    /** A daily wave per metric with a little deterministic noise, to three decimals. */
    private static Map<String, Double> chartMetrics(long ts) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (int m = 0; m < CHART_METRICS; m++) {
            double wave = 20 + m + 5 * Math.sin(2 * Math.PI * (ts % DAY) / DAY + m);
            double noise = Math.floorMod(ts / 1_000 * 31 + m * 17, 101) / 100.0 - 0.5;
            metrics.put("m" + m, Math.round((wave + noise) * 1_000) / 1_000.0);
        }
        return metrics;
    }

    private static String json(Map<String, Double> metrics) {
        StringBuilder json = new StringBuilder("{");
        metrics.forEach((name, value) -> json.append(json.length() > 1 ? "," : "").append('"').append(name)
                .append("\":").append(value));
        return json.append('}').toString();
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
