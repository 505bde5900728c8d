package io.vigil.alert;

/**
 * An alert as the wire contract shows it (REST, snapshot, {@code alert} events).
 * The fields after {@code message} extend the contract: where it came from and
 * who acknowledged it when.
 */
public record AlertView(long id, String deviceId, Long ruleId, String metric, String severity, String state,
                        Double value, long raisedAt, String message, String kind, boolean acknowledged,
                        String acknowledgedBy, Long acknowledgedAt, String note, Long clearedAt) {
}
