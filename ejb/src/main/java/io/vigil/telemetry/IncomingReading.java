package io.vigil.telemetry;

import java.util.Map;

/**
 * One reading as a device sent it, after the wire format was checked: either
 * valid, or invalid with the reason it will be quarantined for.
 */
public sealed interface IncomingReading {

    long seq();

    /** A reading that will be stored. */
    record Valid(long seq, long ts, Map<String, Double> metrics) implements IncomingReading {
    }

    /** A reading that is understood but breaks a rule; it is quarantined with {@code code} and {@code message}. */
    record Invalid(long seq, String code, String message, String payload) implements IncomingReading {
    }
}
