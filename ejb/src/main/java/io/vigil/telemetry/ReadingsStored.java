package io.vigil.telemetry;

import java.util.List;

/** Fired inside the write transaction; observers act on it after the commit. */
public record ReadingsStored(List<StoredReading> readings) {
}
