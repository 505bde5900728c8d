package io.vigil.alert;

/**
 * An alert as the wire contract shows it (REST, snapshot, {@code alert} events,
 * and the {@code alert} of a notification). The fields after {@code message}
 * extend the contract: where it came from, who acknowledged it when, and
 * whether a silence keeps it from being notified.
 */
public record AlertView(long id, String deviceId, Long ruleId, String metric, String severity, String state,
                        Double value, long raisedAt, String message, String kind, boolean acknowledged,
                        String acknowledgedBy, Long acknowledgedAt, String note, Long clearedAt, boolean silenced) {
}
