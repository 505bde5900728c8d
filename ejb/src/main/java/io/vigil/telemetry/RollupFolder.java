package io.vigil.telemetry;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Adds stored readings to the five-minute roll-ups, a few seconds after they
 * were stored, instead of in the ingest transaction: there a fleet of 1,000
 * devices with 10 metrics cost 10 roll-up row writes per reading, the most
 * of every commit; here a device sending five times a second costs one row
 * per metric every fold ({@code vigil.rollups.foldEverySeconds}).
 *
 * <p>One fold is one transaction: the readings after each device's
 * {@link RollupProgress} are read back (by primary key, still in the cache),
 * added to the roll-ups, and the progress moved, all or nothing; so after a
 * crash the next fold picks up exactly where the last committed one ended.
 * In a cluster it runs on the node holding the timer lease, and the progress
 * only moves from the value it was read at, so two folders can never both
 * add the same readings.
 */
@Stateless
public class RollupFolder {

    /** The most readings one fold reads back, so a long backlog is folded in several transactions. */
    static final int MAX_READINGS = 50_000;

    @Resource(lookup = "java:jboss/datasources/VigilDS")
    DataSource dataSource;

    /** Folds what is pending, up to {@link #MAX_READINGS}; answers how many readings, and whether more wait. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Folded foldPending() {
        try (Connection connection = dataSource.getConnection()) {
            List<StoredReading> readings = new ArrayList<>();
            boolean more = false;
            for (RollupProgress.Behind device : RollupProgress.behind(connection)) {
                int room = MAX_READINGS - readings.size();
                if (room <= 0) {
                    more = true;
                    break;
                }
                long upTo = read(connection, device, room, readings);
                more |= upTo < device.lastSeq();
                RollupProgress.move(connection, device, upTo);
            }
            ReadingRollups.add(connection, readings);
            return new Folded(readings.size(), more);
        } catch (SQLException e) {
            throw new IllegalStateException("folding readings into the roll-ups failed: " + e.getMessage(), e);
        }
    }

    /** How many readings one fold added, and whether more were left for the next. */
    public record Folded(int readings, boolean more) {
    }

    /** Reads the device's readings after its progress, at most {@code limit}; answers the seq folded up to. */
    private static long read(Connection connection, RollupProgress.Behind device, int limit,
                             List<StoredReading> into) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT seq, ts, metrics FROM reading"
                + " WHERE device_id = ? AND seq > ? AND seq <= ? ORDER BY seq")) {
            select.setString(1, device.deviceId());
            select.setLong(2, device.rolledUpSeq());
            select.setLong(3, device.lastSeq());
            select.setMaxRows(limit);
            int read = 0;
            long last = device.rolledUpSeq();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    last = rows.getLong(1);
                    into.add(new StoredReading(device.deviceId(), last, rows.getLong(2),
                            io.vigil.shared.MetricsJson.parse(rows.getString(3))));
                    read++;
                }
            }
            // Fewer than asked for: every reading up to last_seq was read (seqs may have gaps).
            return read < limit ? device.lastSeq() : last;
        }
    }
}
