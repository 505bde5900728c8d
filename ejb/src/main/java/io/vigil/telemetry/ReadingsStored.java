package io.vigil.telemetry;

import java.util.List;

/** Published through {@link io.vigil.shared.AfterCommit} once a batch of readings is committed. */
public record ReadingsStored(List<StoredReading> readings) {
}
