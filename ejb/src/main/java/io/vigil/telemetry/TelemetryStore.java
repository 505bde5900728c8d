package io.vigil.telemetry;

import io.vigil.shared.AfterCommit;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Writes one batch of submissions in one transaction: readings, quarantined
 * readings, each device's {@code lastSeq}, and the alerts the readings raise
 * or clear. (Their roll-ups follow within seconds, {@link RollupFolder}.) Nothing here is visible to devices or monitors until the commit.
 *
 * <p>Readings go in plain JDBC batches through the JTA datasource (the same
 * transaction as the alert entities); the device rows of the batch are locked
 * first, so {@code lastSeq} is decided and moved by this transaction alone.
 */
@Stateless
public class TelemetryStore {

    @Resource(lookup = "java:jboss/datasources/VigilDS")
    DataSource dataSource;

    @Inject
    Event<ReadingsWritten> written;

    @Inject
    AfterCommit afterCommit;

    /**
     * Stores the batch and answers one result per submission, in order.
     *
     * @throws StorageFailure when the database refuses the batch (the transaction is rolled back whole)
     */
    public List<IngestResult> store(List<Submission> batch, long now) {
        List<StoredReading> stored = new ArrayList<>();
        List<IngestResult> results = new ArrayList<>(batch.size());
        Map<String, DeviceStreams.Stream> streams;
        try (Connection connection = dataSource.getConnection()) {
            streams = DeviceStreams.lock(connection, batch.stream().map(Submission::deviceId).toList());
            for (Submission submission : batch) {
                results.add(apply(connection, streams.get(submission.deviceId()), submission, stored, now));
            }
            ReadingTable.insertReadings(connection, stored, now);
            DeviceStreams.update(connection, streams.values(), now);
        } catch (SQLException e) {
            throw new StorageFailure(e);
        }
        written.fire(new ReadingsWritten(stored,
                streams.values().stream().filter(s -> s.heardFrom).map(s -> s.deviceId).toList(), now));
        afterCommit.publish(ReadingsStored.of(stored));
        return results;
    }

    private static IngestResult apply(Connection connection, DeviceStreams.Stream stream, Submission submission,
                                      List<StoredReading> stored, long now)
            throws SQLException {
        List<IngestResult.Rejection> rejected = new ArrayList<>();
        List<IncomingReading.Invalid> quarantined = new ArrayList<>();
        for (IncomingReading reading : submission.readings()) {
            if (reading.seq() <= stream.lastSeq) {
                continue; // a duplicate: already handled, covered by the ack below
            }
            if (reading instanceof IncomingReading.Valid valid) {
                stored.add(new StoredReading(stream.deviceId, valid.seq(), valid.ts(), valid.metrics()));
                stream.merge(valid.metrics());
            } else if (reading instanceof IncomingReading.Invalid invalid) {
                quarantined.add(invalid);
                rejected.add(new IngestResult.Rejection(invalid.seq(), invalid.code(), invalid.message()));
            }
            stream.lastSeq = reading.seq();
            stream.heardFrom = true;
        }
        ReadingTable.insertQuarantined(connection, stream.deviceId, quarantined, now);
        return new IngestResult(stream.lastSeq, rejected);
    }

    /** The database refused a batch; it was rolled back whole. */
    public static final class StorageFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StorageFailure(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
