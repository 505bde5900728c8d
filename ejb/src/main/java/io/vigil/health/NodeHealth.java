package io.vigil.health;

import io.vigil.config.Settings;
import io.vigil.schema.SchemaMigration;
import io.vigil.shared.BrokerStatus;
import io.vigil.shared.StorageHealth;
import io.vigil.telemetry.TelemetryIngest;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Local;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * The EJB module's answers to the health checks ({@link HealthFacts}, bound in
 * JNDI for them): the database, the schema version migrated at start, the ingest
 * backlog and its progress, the broker in a cluster. Nothing here is cached: a
 * check asks when a balancer or an orchestrator asks.
 */
@Singleton
@Local(HealthFacts.class)
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NodeHealth implements HealthFacts {

    @Inject
    StorageHealth storage;

    @Inject
    SchemaMigration schema;

    @Inject
    TelemetryIngest ingest;

    @Inject
    BrokerStatus broker;

    @Override
    public boolean databaseReachable() {
        return storage.reachable();
    }

    @Override
    public String schemaVersion() {
        return schema.version();
    }

    @Override
    public int ingestBacklog() {
        return ingest.backlog();
    }

    @Override
    public int ingestCapacity() {
        return ingest.capacity();
    }

    @Override
    public long millisWithoutProgress() {
        return ingest.millisWithoutProgress();
    }

    @Override
    public boolean clustered() {
        return broker.clustered();
    }

    @Override
    public boolean brokerReachable() {
        return broker.reachable();
    }

    @Override
    public String brokerLastFailure() {
        return broker.lastFailure();
    }

    @Override
    public boolean brokerInReadiness() {
        return Settings.brokerInReadiness();
    }
}
