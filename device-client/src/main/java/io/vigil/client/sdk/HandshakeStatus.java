package io.vigil.client.sdk;

import org.glassfish.tyrus.client.auth.AuthenticationException;
import org.glassfish.tyrus.core.HandshakeException;

/** The HTTP status of a refused WebSocket handshake, dug out of what Tyrus threw. */
final class HandshakeStatus {

    private HandshakeStatus() {
    }

    /** The status (401, 403, 503, ...), or 0 when the failure was not an HTTP answer (refused, timed out, reset). */
    static int of(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof AuthenticationException) {
                return 401; // Tyrus reports a 401 it has no credentials for this way, without the status
            }
            if (cause instanceof org.glassfish.tyrus.client.exception.DeploymentHandshakeException handshake
                    && handshake.getHttpStatusCode() > 0) {
                return handshake.getHttpStatusCode();
            }
            if (cause instanceof HandshakeException handshake && handshake.getHttpStatusCode() > 0) {
                return handshake.getHttpStatusCode();
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return 0;
    }
}
