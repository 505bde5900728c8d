package io.vigil.telemetry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code rollup_progress} table (schema version 11): per device, the seq
 * up to which its stored readings are in the roll-ups. Only the
 * {@link RollupFolder} moves it, in the transaction that adds the readings to
 * the roll-ups; charts read it to add the readings after it themselves.
 */
final class RollupProgress {

    /** A device with readings stored after {@code rolledUpSeq}, up to {@code lastSeq}. */
    record Behind(String deviceId, long rolledUpSeq, long lastSeq, boolean known) {
    }

    private RollupProgress() {
    }

    /** The seq up to which the device's readings are rolled up (0: none yet). */
    static long of(Connection connection, String deviceId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT rolled_up_seq FROM rollup_progress WHERE device_id = ?")) {
            select.setString(1, deviceId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }

    /** Every device whose stored readings go beyond its roll-ups, by id. */
    static List<Behind> behind(Connection connection) throws SQLException {
        List<Behind> behind = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT d.id, p.rolled_up_seq, d.last_seq"
                + " FROM device d LEFT JOIN rollup_progress p ON p.device_id = d.id"
                + " WHERE d.last_seq > COALESCE(p.rolled_up_seq, 0) ORDER BY d.id");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                long rolledUp = rows.getLong(2);
                boolean known = !rows.wasNull();
                behind.add(new Behind(rows.getString(1), rolledUp, rows.getLong(3), known));
            }
        }
        return behind;
    }

    /**
     * Moves the device's progress from {@code from} to {@code to}; refuses
     * (the caller's transaction must roll back) if another folder moved it
     * meanwhile, so no reading is rolled up twice.
     */
    static void move(Connection connection, Behind device, long to) throws SQLException {
        if (device.known()) {
            try (PreparedStatement update = connection.prepareStatement("UPDATE rollup_progress SET rolled_up_seq = ?"
                    + " WHERE device_id = ? AND rolled_up_seq = ?")) {
                update.setLong(1, to);
                update.setString(2, device.deviceId());
                update.setLong(3, device.rolledUpSeq());
                if (update.executeUpdate() != 1) {
                    throw new SQLException("the roll-up progress of " + device.deviceId() + " moved meanwhile");
                }
            }
        } else {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO rollup_progress (device_id, rolled_up_seq) VALUES (?, ?)")) {
                insert.setString(1, device.deviceId());
                insert.setLong(2, to);
                insert.executeUpdate();  // a duplicate key (another folder was first) fails the transaction
            }
        }
    }
}
