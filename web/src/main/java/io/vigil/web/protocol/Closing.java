package io.vigil.web.protocol;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Closing a WebSocket session with one of the contract's codes (PROTOCOL.md section 5) and a short reason. */
public final class Closing {

    private static final Logger LOG = Logger.getLogger(Closing.class.getName());
    /** A close frame's reason may hold at most 123 bytes of UTF-8. */
    private static final int MAX_REASON_BYTES = 123;

    private Closing() {
    }

    public static CloseReason reason(CloseReason.CloseCode code, String reason) {
        String text = reason == null ? "" : reason;
        while (text.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            text = text.substring(0, text.length() - 1);
        }
        return new CloseReason(code, text);
    }

    public static void close(Session session, CloseReason.CloseCode code, String reason) {
        close(session, reason(code, reason));
    }

    public static void close(Session session, CloseReason reason) {
        if (!session.isOpen()) {
            return;
        }
        try {
            session.close(reason);
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "Session " + session.getId() + " was gone before it could be closed", e);
        }
    }
}
