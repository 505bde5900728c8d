package io.vigil.telemetry;

import java.util.List;

/**
 * Fired (synchronously, in the ingest transaction, before it commits) once a
 * batch is written: the readings stored and the devices heard from (also
 * those whose readings were all duplicates or quarantined). Whatever follows
 * from readings (alert rules, offline alerts ending) observes this in the same
 * transaction, so telemetry need not know who does.
 */
public record ReadingsWritten(List<StoredReading> readings, List<String> devicesHeardFrom, long at) {
}
