package io.vigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.device.Device;
import io.vigil.device.DeviceService;
import io.vigil.telemetry.IncomingReading;
import io.vigil.telemetry.IngestResult;
import io.vigil.telemetry.ReadingRetention;
import io.vigil.telemetry.StorageRefusedException;
import io.vigil.telemetry.TelemetryIngest;
import io.vigil.telemetry.TelemetryQuery;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The ingest writer against what races it in production, in the server, on the real database. */
@ExtendWith(ArquillianExtension.class)
class IngestRacesIT {

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.vigilWith(IngestRacesIT.class, ServicesSupport.class);
    }

    @Inject
    DeviceService devices;

    @Inject
    TelemetryIngest ingest;

    @Inject
    TelemetryQuery query;

    @Inject
    ReadingRetention retention;

    @PersistenceContext(unitName = "vigil")
    EntityManager em;

    @Resource
    UserTransaction transaction;

    @Resource(lookup = "java:jboss/datasources/VigilDS")
    DataSource dataSource;

    private static List<IncomingReading> readings(long first, long last, long ts) {
        List<IncomingReading> list = new ArrayList<>();
        for (long seq = first; seq <= last; seq++) {
            list.add(new IncomingReading.Valid(seq, ts, Map.of("v", (double) seq)));
        }
        return list;
    }

    private static IngestResult await(CompletableFuture<IngestResult> ack) throws Exception {
        return ack.get(30, TimeUnit.SECONDS);
    }

    /**
     * What lost readings in the field: a connect loads the device (lastSeq 0),
     * the writer commits readings 1-10 meanwhile, and the connect's transaction
     * then commits its own change to the device. lastSeq must stay at 10.
     */
    @Test
    void aDeviceUpdateThatLoadedTheRowBeforeTheWritersCommitLeavesLastSeqAtTheWritersValue() throws Exception {
        String id = devices.register(ServicesSupport.id("race"), null, "test").id();
        transaction.begin();
        try {
            Device stale = em.find(Device.class, id);
            assertEquals(0, stale.getLastSeq());
            // The writer commits while this transaction holds the stale entity.
            assertEquals(10, await(ingest.submit(id, readings(1, 10, 1)).toCompletableFuture()).ackSeq());
            devices.markSeen(id, System.currentTimeMillis());
            em.flush();
            transaction.commit();
        } catch (Exception e) {
            transaction.rollback();
            throw e;
        }
        assertEquals(10, devices.lastSeq(id), "the stale entity did not write lastSeq back");
        assertEquals(11, await(ingest.submit(id, readings(1, 11, 1)).toCompletableFuture()).ackSeq(),
                "a re-send from 1 stores only 11: the rest are duplicates, not key violations");
        assertEquals(11, query.readings(id, null, null, null, 100).size());
    }

    @Test
    void markSeenOnEveryReconnectWhileTheWriterStreamsNeverMovesLastSeqBack() throws Exception {
        String id = devices.register(ServicesSupport.id("seen"), null, "test").id();
        List<CompletableFuture<IngestResult>> acks = new ArrayList<>();
        long highestSeenLastSeq = 0;
        for (int seq = 1; seq <= 400; seq++) {
            acks.add(ingest.submit(id, readings(seq, seq, seq)).toCompletableFuture());
            if (seq % 10 == 0) {
                devices.markSeen(id, System.currentTimeMillis());
                long lastSeq = devices.lastSeq(id);
                assertTrue(lastSeq >= highestSeenLastSeq, "lastSeq went back from " + highestSeenLastSeq + " to " + lastSeq);
                highestSeenLastSeq = lastSeq;
            }
        }
        for (CompletableFuture<IngestResult> ack : acks) {
            await(ack);
        }
        assertEquals(400, devices.lastSeq(id));
        assertEquals(400, query.readings(id, null, null, null, 1000).size());
    }

    /**
     * A row the database refuses (here: a reading already stored under a seq
     * the device's lastSeq does not cover) fails that device's submission
     * alone; every other device in the same batch is stored and acked.
     */
    @Test
    void aBatchWhereOneDevicesRowsAreRefusedStoresAndAcksEveryOtherDevice() throws Exception {
        String blocker = devices.register(ServicesSupport.id("hold"), null, "test").id();
        String bad = devices.register(ServicesSupport.id("bad"), null, "test").id();
        List<String> good = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            good.add(devices.register(ServicesSupport.id("good" + i), null, "test").id());
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement conflicting = connection.prepareStatement(
                     "INSERT INTO reading (device_id, seq, ts, received_at, metrics) VALUES (?, 3, 0, 0, '{}')")) {
            conflicting.setString(1, bad);
            conflicting.executeUpdate();
        }
        List<CompletableFuture<IngestResult>> goodAcks = new ArrayList<>();
        CompletableFuture<IngestResult> badAck;
        // Hold the writer on the blocker's row, so that everything submitted meanwhile forms one batch.
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("UPDATE device SET name = name WHERE id = ?")) {
                lock.setString(1, blocker);
                lock.executeUpdate();
            }
            CompletableFuture<IngestResult> held = ingest.submit(blocker, readings(1, 1, 1)).toCompletableFuture();
            for (int i = 0; i < good.size() / 2; i++) {
                goodAcks.add(ingest.submit(good.get(i), readings(1, 5, 1)).toCompletableFuture());
            }
            badAck = ingest.submit(bad, readings(1, 5, 1)).toCompletableFuture();
            for (int i = good.size() / 2; i < good.size(); i++) {
                goodAcks.add(ingest.submit(good.get(i), readings(1, 5, 1)).toCompletableFuture());
            }
            goodAcks.add(ingest.submit(good.get(0), readings(6, 8, 1)).toCompletableFuture());
            holder.rollback();
            await(held);
        }
        for (CompletableFuture<IngestResult> ack : goodAcks) {
            assertTrue(await(ack).ackSeq() >= 5);
        }
        CompletableFuture<IngestResult> refused = badAck;
        ExecutionException failure = assertThrows(ExecutionException.class, () -> await(refused));
        assertInstanceOf(StorageRefusedException.class, failure.getCause());
        assertEquals(0, devices.lastSeq(bad), "nothing of the refused submission moved lastSeq");
        assertEquals(List.of(3L), query.readings(bad, null, null, null, 100).stream().map(r -> r.seq()).toList());
        assertEquals(8, devices.lastSeq(good.get(0)));
        assertEquals(8, query.readings(good.get(0), null, null, null, 100).size());
        for (String id : good.subList(1, good.size())) {
            assertEquals(5, devices.lastSeq(id));
            assertEquals(5, query.readings(id, null, null, null, 100).size());
        }
    }

    @Test
    void retentionDeletesOnlyReadingsOlderThanTheCutoffInChunksAndTheirRollUps() throws Exception {
        long hour = 3_600_000;
        String id = devices.register(ServicesSupport.id("old"), null, "test").id();
        await(ingest.submit(id, readings(1, 12_000, 1_000)).toCompletableFuture());
        await(ingest.submit(id, readings(12_001, 12_010, 2 * hour + 5_000)).toCompletableFuture());
        assertEquals(12_010, count(query.history(id, null, 0, 3 * hour - 1, hour)), "rolled up before retention");

        long deleted = retention.deleteOlderThan(2 * hour);
        assertTrue(deleted >= 12_000, "deleted " + deleted);
        List<Long> left = query.readings(id, null, null, null, 100_000).stream().map(r -> r.seq()).toList();
        assertEquals(10, left.size());
        assertEquals(12_001L, left.get(0));
        assertEquals(12_010, devices.lastSeq(id), "lastSeq is not touched by retention");
        assertEquals(10, count(query.history(id, null, 0, 3 * hour - 1, hour)), "the old roll-ups are gone");
    }

    private static long count(io.vigil.telemetry.HistoryBuckets history) {
        return history.series().values().stream().flatMapToLong(s -> java.util.Arrays.stream(s.n())).sum();
    }
}
