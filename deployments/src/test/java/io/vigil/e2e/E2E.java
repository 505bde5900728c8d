package io.vigil.e2e;

import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * What every end-to-end test shares: the running server and its API. Each device connection has a Tyrus
 * container of its own (a shared one shuts its executor down when it falls idle between tests).
 */
public abstract class E2E {

    /** On a PostgreSQL run, the suite is skipped (and says so) when PostgreSQL does not answer. */
    @BeforeAll
    static void databaseAnswers() {
        Assumptions.assumeTrue(VigilServer.databaseAvailable(), "SKIPPED: the end-to-end suite on PostgreSQL needs "
                + "PostgreSQL at " + VigilServer.POSTGRESQL_URL + " (user postgres); it does not answer");
    }

    protected static final Duration WAIT = Duration.ofSeconds(20);

    protected final VigilServer server = VigilServer.get();
    protected final Api api = new Api(server.httpUri());

    /** Registers a fresh device and connects it. */
    protected TestDevice newDevice(String prefix) throws Exception {
        Api.Device device = api.register(Api.uniqueId(prefix));
        return connect(device);
    }

    protected TestDevice connect(Api.Device device) throws Exception {
        TestDevice connection = TestDevice.open(server.wsUri(), device.id(), device.token());
        connection.awaitWelcome(WAIT);
        return connection;
    }

    protected MonitorClient newMonitor() throws Exception {
        MonitorClient monitor = MonitorClient.connect(server.wsUri());
        monitor.await(MonitorClient.ofType("snapshot"), WAIT);
        return monitor;
    }
}
