package io.vigil.web.device;

import io.vigil.telemetry.IncomingReading;
import jakarta.json.JsonObject;
import java.util.List;

/** A decoded device → server message (PROTOCOL.md section 3). */
public sealed interface DeviceMessage {

    /** {@code telemetry} (one reading) or {@code batch} (1-500 readings in seq order). */
    record Readings(List<IncomingReading> readings) implements DeviceMessage {
    }

    /** A device's answer to an operator's command. */
    record CommandResult(String id, String status, JsonObject result) implements DeviceMessage {
    }
}
