package io.vigil.client.sdk;

/**
 * The server will not take this device as it is configured: retrying would
 * not help. {@link #httpStatus()} is the handshake's status (401 unknown
 * token, 403 token of another device) or 0 when the server closed an open
 * connection ({@link #closeCode()} 1008: token revoked).
 */
public class DeviceRefusedException extends Exception {

    private final int httpStatus;
    private final int closeCode;

    public DeviceRefusedException(String message, int httpStatus, int closeCode) {
        super(message);
        this.httpStatus = httpStatus;
        this.closeCode = closeCode;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int closeCode() {
        return closeCode;
    }
}
