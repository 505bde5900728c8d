package io.vigil.telemetry;

import java.util.List;

/**
 * What became of one submission once its transaction committed: every reading
 * of the device up to {@code ackSeq} is durably handled, and {@code rejected}
 * lists the readings of this submission that went to quarantine.
 */
public record IngestResult(long ackSeq, List<Rejection> rejected) {

    /** A quarantined reading, as the device is told about it. */
    public record Rejection(long seq, String code, String message) {
    }
}
