package io.vigil.telemetry;

/** A quarantined reading as the REST API shows it. */
public record QuarantineView(long id, String deviceId, long seq, long receivedAt, String code, String message,
                             String payload) {
}
