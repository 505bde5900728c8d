package io.vigil.telemetry;

/**
 * The database refused this device's readings while it accepted everyone
 * else's (a constraint, a row it cannot write). None of them is stored or
 * acked; re-sending the same readings is likely to be refused again, so the
 * cause is logged for an operator.
 */
public class StorageRefusedException extends RuntimeException {

    public StorageRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
