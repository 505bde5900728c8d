package io.vigil.telemetry;

import io.vigil.shared.Databases;
import io.vigil.shared.MetricsJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The stream columns of the {@code device} table, as the ingest writer sees
 * them: it locks the rows of the devices in its batch ({@code FOR UPDATE}, in
 * id order so two writers can never deadlock), decides from {@code last_seq}
 * what is a duplicate, and moves {@code last_seq} forward with a guarded
 * update. Nothing else in Vigil writes {@code last_seq}.
 */
final class DeviceStreams {

    /** One device's stream as locked at the start of the transaction, and what the batch makes of it. */
    static final class Stream {
        final String deviceId;
        final long lockedSeq;
        long lastSeq;
        final String latestJson;
        Map<String, Double> latest;
        boolean heardFrom;

        Stream(String deviceId, long lastSeq, String latestJson) {
            this.deviceId = deviceId;
            this.lockedSeq = lastSeq;
            this.lastSeq = lastSeq;
            this.latestJson = latestJson;
        }

        void merge(Map<String, Double> metrics) {
            if (latest == null) {
                latest = MetricsJson.parse(latestJson);
            }
            latest.putAll(metrics);
        }
    }

    private DeviceStreams() {
    }

    /**
     * Locks the devices' rows for this transaction and answers their streams.
     *
     * @throws UnknownStreamException when a device is not (or no longer) registered
     */
    static Map<String, Stream> lock(Connection connection, Collection<String> deviceIds) throws SQLException {
        TreeSet<String> ordered = new TreeSet<>(deviceIds);
        boolean postgresql = Databases.postgresql(connection);
        StringBuilder sql = new StringBuilder("SELECT id, last_seq, latest_metrics FROM device WHERE id");
        if (postgresql) {
            sql.append(" = ANY(?::varchar[])");  // one parameter, not a thousand, for a fleet's batch
        } else {
            sql.append(" IN (");
            for (int i = 0; i < ordered.size(); i++) {
                sql.append(i == 0 ? "?" : ",?");
            }
            sql.append(')');
        }
        sql.append(" ORDER BY id FOR UPDATE");
        Map<String, Stream> streams = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            if (postgresql) {
                select.setArray(1, connection.createArrayOf("varchar", ordered.toArray(String[]::new)));
            } else {
                int index = 1;
                for (String id : ordered) {
                    select.setString(index++, id);
                }
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    streams.put(rows.getString(1), new Stream(rows.getString(1), rows.getLong(2), rows.getString(3)));
                }
            }
        }
        for (String id : ordered) {
            if (!streams.containsKey(id)) {
                throw new UnknownStreamException(id);
            }
        }
        return streams;
    }

    /**
     * Writes what the batch changed. The update only moves {@code last_seq}
     * forward from the value that was locked; if another writer got there
     * first the whole transaction is refused rather than storing a seq twice.
     */
    static void update(Connection connection, Collection<Stream> streams, long now) throws SQLException {
        if (Databases.postgresql(connection)) {
            updateAtOnce(connection, streams, now);
            return;
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE device SET last_seq = ?,"
                + " last_seen = GREATEST(COALESCE(last_seen, 0), ?), latest_metrics = COALESCE(?, latest_metrics)"
                + " WHERE id = ? AND last_seq = ?")) {
            int batched = 0;
            for (Stream stream : streams) {
                if (!stream.heardFrom) {
                    continue;
                }
                update.setLong(1, stream.lastSeq);
                update.setLong(2, now);
                update.setString(3, stream.latest == null ? null : MetricsJson.write(stream.latest));
                update.setString(4, stream.deviceId);
                update.setLong(5, stream.lockedSeq);
                update.addBatch();
                batched++;
            }
            if (batched == 0) {
                return;
            }
            int[] counts = update.executeBatch();
            for (int count : counts) {
                if (count == 0) {
                    throw new SQLException("a device's last_seq moved while this batch held its row; refusing the batch");
                }
            }
        }
    }

    /** PostgreSQL: every device of the batch in one statement over arrays, with the same guard. */
    private static void updateAtOnce(Connection connection, Collection<Stream> streams, long now)
            throws SQLException {
        List<Stream> heard = streams.stream().filter(s -> s.heardFrom).toList();
        if (heard.isEmpty()) {
            return;
        }
        String[] ids = new String[heard.size()];
        Long[] lastSeqs = new Long[heard.size()];
        Long[] lockedSeqs = new Long[heard.size()];
        String[] latest = new String[heard.size()];
        for (int i = 0; i < heard.size(); i++) {
            Stream stream = heard.get(i);
            ids[i] = stream.deviceId;
            lastSeqs[i] = stream.lastSeq;
            lockedSeqs[i] = stream.lockedSeq;
            latest[i] = stream.latest == null ? null : MetricsJson.write(stream.latest);
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE device d SET last_seq = u.last_seq,"
                + " last_seen = GREATEST(COALESCE(d.last_seen, 0), ?), latest_metrics = COALESCE(u.latest,"
                + " d.latest_metrics) FROM unnest(?::varchar[], ?::bigint[], ?::bigint[], ?::varchar[])"
                + " AS u(id, last_seq, locked_seq, latest) WHERE d.id = u.id AND d.last_seq = u.locked_seq")) {
            update.setLong(1, now);
            update.setArray(2, connection.createArrayOf("varchar", ids));
            update.setArray(3, connection.createArrayOf("bigint", lastSeqs));
            update.setArray(4, connection.createArrayOf("bigint", lockedSeqs));
            update.setArray(5, connection.createArrayOf("varchar", latest));
            if (update.executeUpdate() != heard.size()) {
                throw new SQLException("a device's last_seq moved while this batch held its row; refusing the batch");
            }
        }
    }

    /** A device in the batch has no row: it was never registered, or was deleted meanwhile. */
    static final class UnknownStreamException extends SQLException {
        private static final long serialVersionUID = 1L;

        UnknownStreamException(String deviceId) {
            super("device '" + deviceId + "' is not registered");
        }
    }
}
