package io.vigil.web.rest;

import io.vigil.web.security.ApiRole;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Completes the API description WildFly generates at {@code /openapi} from the
 * JAX-RS resources: each operation states the role it needs
 * ({@code x-vigil-role}, from {@link ApiRole}, the rule the API enforces) and
 * the error answers every operation can give, in the {@code ApiError} shape.
 * Registered with {@code mp.openapi.filter} in the WAR's MicroProfile Config.
 */
public class ApiDescription implements OASFilter {

    private static final String ERROR = "{\"error\":\"...\",\"message\":\"...\"}";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations()
                .forEach((method, operation) -> describe(path, method.name(), operation)));
    }

    private static void describe(String path, String method, Operation operation) {
        ApiRole role = ApiRole.of(method, path);
        operation.addExtension("x-vigil-role", role.name().toLowerCase(Locale.ROOT));
        String who = switch (role) {
            case ANYONE -> "Open to anyone, without signing in.";
            case VIEWER -> "Any signed-in operator or viewer.";
            case OPERATOR -> "Operators only (a viewer gets 403); refused from another site's page.";
            case SELF -> "Any signed-in operator or viewer, for their own account; operators for anyone's.";
        };
        operation.setDescription(operation.getDescription() == null ? who : operation.getDescription() + " " + who);
        if (role == ApiRole.ANYONE) {
            // One empty requirement: no sign-in needed (an empty list would be left out, and the global one apply).
            operation.setSecurity(List.of(OASFactory.createSecurityRequirement()));
            return;
        }
        APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses()
                : operation.getResponses();
        responses.addAPIResponse("401", OASFactory.createAPIResponse()
                .description("Not signed in (HTTP Basic or the page's session): " + ERROR));
        if (role != ApiRole.VIEWER) {
            responses.addAPIResponse("403", OASFactory.createAPIResponse()
                    .description("Signed in without the operator role, or from another site's page: " + ERROR));
        }
        responses.addAPIResponse("400", OASFactory.createAPIResponse()
                .description("Bad input: the message says what was wrong: " + ERROR));
        operation.setResponses(responses);
    }
}
