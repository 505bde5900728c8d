package io.vigil.telemetry;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One device message's readings waiting in the ingest queue, and the promise of their ack. */
public record Submission(String deviceId, List<IncomingReading> readings, CompletableFuture<IngestResult> result) {

    public Submission(String deviceId, List<IncomingReading> readings) {
        this(deviceId, List.copyOf(readings), new CompletableFuture<>());
    }
}
