package io.vigil.telemetry;

/** The ingest queue stayed full for longer than a device may wait. */
public class IngestOverloadedException extends RuntimeException {

    public IngestOverloadedException(String message) {
        super(message);
    }
}
