package io.vigil.health;

/**
 * What the health checks report, asked of the EJB module ({@link NodeHealth})
 * by JNDI. The checks themselves live in the EAR's library (the EJB client jar):
 * WildFly's MicroProfile Health finds checks only in an EAR's top level, and
 * code there cannot see the modules' classes, only this interface.
 */
public interface HealthFacts {

    /** Where the checks find the facts: the EJB module's {@link NodeHealth}, under this application's name. */
    String JNDI_NAME = "java:global/vigil/vigil-ejb/NodeHealth!io.vigil.health.HealthFacts";

    boolean databaseReachable();

    /** The schema version this node migrated the database to at start; null before it did. */
    String schemaVersion();

    int ingestBacklog();

    int ingestCapacity();

    /** How long readings have waited with no ingest batch finished; 0 while none wait. */
    long millisWithoutProgress();

    boolean clustered();

    boolean brokerReachable();

    /** The broker's last refusal and when; null when there was none. */
    String brokerLastFailure();

    /** Whether an unreachable broker makes this node not ready ({@code vigil.health.brokerInReadiness}). */
    boolean brokerInReadiness();
}
