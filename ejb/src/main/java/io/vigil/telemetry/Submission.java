package io.vigil.telemetry;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One device message's readings waiting in the ingest queue, and the promise of their ack. */
public record Submission(IngestChannel channel, List<IncomingReading> readings, CompletableFuture<IngestResult> result) {

    public Submission(IngestChannel channel, List<IncomingReading> readings) {
        this(channel, List.copyOf(readings), new CompletableFuture<>());
    }

    public String deviceId() {
        return channel.deviceId();
    }
}
