package io.vigil.web.device;

import io.vigil.device.DeviceIds;
import io.vigil.device.DeviceService;
import io.vigil.web.protocol.UpgradeRequests;
import io.vigil.web.protocol.ApiError;
import io.vigil.web.security.ConnectionLimits;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * Authenticates a device's upgrade request before the WebSocket handshake, so
 * that a refusal is a real HTTP status: 401 without a token or with an unknown
 * one, 403 with a token of another device, 400 for an id the contract does not
 * allow (and {@link UpgradeRequests}' refusals of a malformed handshake).
 */
@WebFilter(urlPatterns = "/ws/devices/*", asyncSupported = true)
public class DeviceHandshakeFilter extends HttpFilter {

    private static final String PREFIX = "/ws/devices/";

    @Inject
    DeviceService devices;

    @Inject
    ConnectionLimits limits;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (UpgradeRequests.refused(request, response)) {
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String deviceId = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : "";
        if (!DeviceIds.isValid(deviceId)) {
            ApiError.write(response, HttpServletResponse.SC_BAD_REQUEST, "invalid_device_id",
                    "deviceId must be 1-64 characters of [A-Za-z0-9_.-]");
            return;
        }
        String token = BearerToken.from(request.getHeader("Authorization"));
        Optional<String> owner = devices.authenticate(token);
        if (owner.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"vigil-devices\"");
            ApiError.write(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized",
                    token == null ? "missing Authorization: Bearer <device token>" : "unknown device token");
            return;
        }
        if (!owner.get().equals(deviceId)) {
            ApiError.write(response, HttpServletResponse.SC_FORBIDDEN, "forbidden",
                    "this token belongs to another device");
            return;
        }
        limits.upgrade(request, response, chain, false);
    }
}
