package io.vigil.audit;

/** An audit log entry as the REST API shows it; {@code at} in epoch milliseconds. */
public record AuditView(long id, long at, String actor, String action, String target, String detail) {
}
