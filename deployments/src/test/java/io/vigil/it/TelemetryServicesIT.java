package io.vigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.device.DeviceAlreadyExistsException;
import io.vigil.device.DeviceService;
import io.vigil.device.RegisteredDevice;
import io.vigil.shared.InvalidInputException;
import io.vigil.telemetry.IncomingReading;
import io.vigil.telemetry.IngestResult;
import io.vigil.telemetry.TelemetryIngest;
import io.vigil.telemetry.TelemetryQuery;
import io.vigil.telemetry.StorageUnavailableException;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.concurrent.ExecutionException;
import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Devices and the group-commit ingest, in the server, against the real database. */
@ExtendWith(ArquillianExtension.class)
class TelemetryServicesIT {

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.vigilWith(TelemetryServicesIT.class, ServicesSupport.class);
    }

    @Inject
    DeviceService devices;

    @Inject
    TelemetryIngest ingest;

    @Inject
    TelemetryQuery query;

    @Inject
    EventRecorder events;

    @Resource(lookup = "java:jboss/datasources/VigilDS")
    DataSource dataSource;

    @Test
    void registrationStoresOnlyTheTokensHashAndTheTokenAuthenticatesTheDevice() {
        RegisteredDevice device = devices.register(ServicesSupport.id("reg"), "Pump", "test");
        assertEquals(device.id(), devices.authenticate(device.token()).orElseThrow());
        assertTrue(devices.authenticate(device.token() + "x").isEmpty());
        assertThrows(DeviceAlreadyExistsException.class, () -> devices.register(device.id(), "again", "test"));
        assertThrows(InvalidInputException.class, () -> devices.register("bad id", null, "test"));
        assertEquals(0, devices.lastSeq(device.id()));
    }

    @Test
    void readingsAreAckedAfterCommitDuplicatesSkippedAndInvalidOnesQuarantined() throws Exception {
        String id = devices.register(ServicesSupport.id("ing"), null, "test").id();
        IngestResult first = ingest.submit(id, List.of(
                new IncomingReading.Valid(1, 10, Map.of("t", 1.0)),
                new IncomingReading.Invalid(2, "invalid_metric", "metric 'x' is NaN", "{\"seq\":2}"),
                new IncomingReading.Valid(3, 30, Map.of("t", 3.0)))).toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertEquals(3, first.ackSeq());
        assertEquals(List.of(new IngestResult.Rejection(2, "invalid_metric", "metric 'x' is NaN")), first.rejected());
        assertEquals(3, devices.lastSeq(id), "the quarantined reading counts as handled");

        IngestResult again = ingest.submit(id, List.of(new IncomingReading.Valid(3, 99, Map.of("t", 99.0)),
                new IncomingReading.Valid(2, 99, Map.of("t", 99.0)))).toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertEquals(3, again.ackSeq());
        assertTrue(again.rejected().isEmpty());

        assertEquals(List.of(1L, 3L), query.readings(id, null, null, null, 100).stream().map(r -> r.seq()).toList());
        assertEquals(1, query.quarantine(id, 100).size());
        assertEquals(2, events.readingsOf(id), "monitors hear of each stored reading once");
        assertEquals(Map.of("t", 3.0), devices.find(id).orElseThrow().metrics());
    }

    @Test
    void whenTheDatabaseRefusesTheWriteNothingIsAckedAndTheDeviceCanSendAgainLater() throws Exception {
        String id = devices.register(ServicesSupport.id("locked"), null, "test").id();
        // Another transaction holds the device's row: the writer's update waits for H2's lock timeout (10 s),
        // is retried once, and fails.
        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            try (PreparedStatement lock = blocker.prepareStatement("UPDATE device SET name = name WHERE id = ?")) {
                lock.setString(1, id);
                assertEquals(1, lock.executeUpdate());
            }
            ExecutionException failure = assertThrows(ExecutionException.class, () -> ingest.submit(id,
                    List.of(new IncomingReading.Valid(1, 1, Map.of("t", 1.0)))).toCompletableFuture().get(60, TimeUnit.SECONDS));
            assertInstanceOf(StorageUnavailableException.class, failure.getCause());
            blocker.rollback();
        }
        assertEquals(0, devices.lastSeq(id), "nothing of the failed batch was stored");
        assertEquals(1, ingest.submit(id, List.of(new IncomingReading.Valid(1, 1, Map.of("t", 1.0))))
                .toCompletableFuture().get(20, TimeUnit.SECONDS).ackSeq(), "the re-sent reading is stored");
    }

    @Test
    void manyDevicesSubmittingAtOnceAllGetTheirReadingsStoredInOrder() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ids.add(devices.register(ServicesSupport.id("load" + i), null, "test").id());
        }
        List<CompletableFuture<IngestResult>> acks = new ArrayList<>();
        for (int seq = 1; seq <= 250; seq++) {
            for (String id : ids) {
                acks.add(ingest.submit(id, List.of(new IncomingReading.Valid(seq, seq, Map.of("v", (double) seq))))
                        .toCompletableFuture());
            }
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        for (String id : ids) {
            assertEquals(250, devices.lastSeq(id));
            assertEquals(250, query.readings(id, "v", null, null, 1000).size());
        }
        assertInstanceOf(IngestResult.class, acks.get(acks.size() - 1).get());
    }
}
