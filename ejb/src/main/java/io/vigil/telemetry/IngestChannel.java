package io.vigil.telemetry;

/**
 * One device connection's ordered stream of submissions. Once one of them
 * could not be stored, every later one of the same channel is failed too,
 * without being stored: storing a later reading would move the device's
 * {@code lastSeq} past the failed ones, and a device that reconnects drops
 * everything up to {@code lastSeq} from its outbox, so they would be lost.
 */
public final class IngestChannel {

    private final String deviceId;
    private volatile Throwable failure;

    public IngestChannel(String deviceId) {
        this.deviceId = deviceId;
    }

    public String deviceId() {
        return deviceId;
    }

    /** Why an earlier submission failed, null while none has. */
    Throwable failure() {
        return failure;
    }

    void fail(Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
    }
}
