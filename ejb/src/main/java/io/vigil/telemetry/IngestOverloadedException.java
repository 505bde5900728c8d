package io.vigil.telemetry;

/** The ingest backlog is past its hard limit: the submission was not queued, nothing of it is stored. */
public class IngestOverloadedException extends RuntimeException {

    public IngestOverloadedException(String message) {
        super(message);
    }
}
