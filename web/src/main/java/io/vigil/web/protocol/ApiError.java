package io.vigil.web.protocol;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Every error answer of the HTTP API: {@code {"error":"...","message":"..."}} with a fitting status. */
public record ApiError(String error, String message) {

    public static Response response(int status, String error, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(error, message)).build();
    }

    /** For answers written outside JAX-RS, such as a refused WebSocket handshake. */
    public static void write(HttpServletResponse response, int status, String error, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(Json.write(new ApiError(error, message)));
    }
}
