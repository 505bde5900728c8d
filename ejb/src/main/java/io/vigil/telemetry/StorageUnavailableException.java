package io.vigil.telemetry;

/** A batch could not be committed; none of it was stored and none of it is acked. */
public class StorageUnavailableException extends RuntimeException {

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
