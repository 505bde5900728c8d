package io.vigil.web.protocol;

import jakarta.websocket.CloseReason;

/** Input that breaks the wire contract badly enough to end the connection with {@code closeCode}. */
public class ProtocolViolation extends Exception {

    private final CloseReason.CloseCode closeCode;

    public ProtocolViolation(CloseReason.CloseCode closeCode, String reason) {
        super(reason);
        this.closeCode = closeCode;
    }

    public static ProtocolViolation invalidPayload(String reason) {
        return new ProtocolViolation(CloseReason.CloseCodes.NOT_CONSISTENT, reason);
    }

    public CloseReason closeReason() {
        return Closing.reason(closeCode, getMessage());
    }
}
