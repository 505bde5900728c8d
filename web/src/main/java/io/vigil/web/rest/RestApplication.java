package io.vigil.web.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The REST API lives under {@code /api}; WildFly describes it at {@code /openapi}
 * (with {@link ApiDescription} stating each operation's role).
 */
@ApplicationPath("/api")
@OpenAPIDefinition(
        info = @Info(title = "Vigil", version = "1",
                description = "Devices, telemetry, alerts, rules, notifications, commands and operators of a Vigil "
                        + "server. Errors are JSON {\"error\",\"message\"}; times are epoch milliseconds. The "
                        + "WebSocket endpoints (/ws/devices/{id}, /ws/monitor) are described in the README's wire contract."),
        security = @SecurityRequirement(name = "basic"),
        components = @Components(securitySchemes = @SecurityScheme(securitySchemeName = "basic",
                type = SecuritySchemeType.HTTP, scheme = "basic",
                description = "An operator's name and password; the admin page uses its session cookie instead")))
public class RestApplication extends Application {
}
