package io.vigil.web.protocol;

import io.vigil.config.Settings;
import io.vigil.web.protocol.ApiError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Base64;

/**
 * The checks RFC 6455 section 4 asks of an opening handshake, made before
 * Undertow sees it so that every refusal is a JSON error with the right
 * status rather than an HTML page or a dropped connection: not an upgrade
 * or HTTP/1.0 (400), a {@code Sec-WebSocket-Key} that is not 16 bytes in
 * base64 (400), a version other than 13 (426 with
 * {@code Sec-WebSocket-Version: 13}); and, when {@code vigil.ws.requireTls}
 * is set, any upgrade that did not come over TLS (403).
 */
public final class UpgradeRequests {

    /** {@code vigil.ws.requireTls=true}: plain {@code ws://} upgrades are refused (403). */
    private static final boolean REQUIRE_TLS = Settings.wsRequireTls();

    private UpgradeRequests() {
    }

    /** Writes the refusal and returns true when the request is not an acceptable WebSocket upgrade. */
    public static boolean refused(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (REQUIRE_TLS && !request.isSecure()) {
            ApiError.write(response, HttpServletResponse.SC_FORBIDDEN, "tls_required",
                    "this server accepts WebSocket connections over TLS only: use wss:// (port 8443)");
            return true;
        }
        String upgrade = request.getHeader("Upgrade");
        if (upgrade == null || !"websocket".equalsIgnoreCase(upgrade.strip())) {
            ApiError.write(response, HttpServletResponse.SC_BAD_REQUEST, "not_websocket",
                    "this is a WebSocket endpoint: send an upgrade request (Upgrade: websocket)");
            return true;
        }
        if (!"HTTP/1.1".equals(request.getProtocol())) {
            ApiError.write(response, HttpServletResponse.SC_BAD_REQUEST, "bad_handshake",
                    "a WebSocket upgrade needs HTTP/1.1, got " + request.getProtocol());
            return true;
        }
        String version = request.getHeader("Sec-WebSocket-Version");
        if (!"13".equals(version == null ? null : version.strip())) {
            response.setHeader("Sec-WebSocket-Version", "13");
            ApiError.write(response, 426, "unsupported_version",
                    "Sec-WebSocket-Version must be 13 (RFC 6455)");
            return true;
        }
        if (!validKey(request.getHeader("Sec-WebSocket-Key"))) {
            ApiError.write(response, HttpServletResponse.SC_BAD_REQUEST, "bad_handshake",
                    "Sec-WebSocket-Key must be 16 random bytes in base64");
            return true;
        }
        return false;
    }

    static boolean validKey(String key) {
        if (key == null || key.strip().length() != 24) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key.strip()).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
