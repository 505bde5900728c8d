package io.vigil.client.sdk;

/**
 * Callbacks from a {@link VigilDevice} to the embedding code. They run on the
 * SDK's threads and must return quickly; every method has an empty default.
 */
public interface DeviceListener {

    /** The connection moved from one state to another. */
    default void stateChanged(ConnectionState from, ConnectionState to) {
    }

    /** The server quarantined a reading (it was understood but invalid); the stream goes on. */
    default void rejected(long seq, String code, String message) {
    }

    /** The connection was closed or failed; {@code willRetry} is false when the device has stopped for good. */
    default void disconnected(int closeCode, String reason, boolean willRetry) {
    }

    /**
     * The device stopped for good because the server refused it: an unknown
     * or revoked token (HTTP 401/403, close 1008 "token revoked"). Readings stay in the
     * outbox on disk; a new {@link VigilDevice} on the same directory with a
     * valid token sends them.
     */
    default void refused(DeviceRefusedException reason) {
    }
}
