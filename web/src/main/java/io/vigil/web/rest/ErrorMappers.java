package io.vigil.web.rest;

import io.vigil.web.protocol.ApiError;
import io.vigil.alert.AlertNotFoundException;
import io.vigil.alert.AlertStateException;
import io.vigil.command.UnknownCommandException;
import io.vigil.device.DeviceAlreadyExistsException;
import io.vigil.device.UnknownDeviceException;
import io.vigil.operator.OperatorExistsException;
import io.vigil.operator.UnknownOperatorException;
import io.vigil.notification.ChannelInUseException;
import io.vigil.shared.InvalidInputException;
import jakarta.ejb.EJBException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Turns every failure of the REST API into a JSON error with a fitting status. */
@Provider
public class ErrorMappers implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class.getName());

    @Context
    UriInfo uri;

    @Context
    Request request;

    @Override
    public Response toResponse(Throwable exception) {
        Throwable e = exception instanceof EJBException && exception.getCause() != null ? exception.getCause() : exception;
        if (e instanceof InvalidInputException) {
            return ApiError.response(400, "invalid_request", e.getMessage());
        }
        if (e instanceof UnknownDeviceException || e instanceof AlertNotFoundException
                || e instanceof UnknownCommandException || e instanceof UnknownOperatorException) {
            return ApiError.response(404, "not_found", e.getMessage());
        }
        if (e instanceof DeviceAlreadyExistsException || e instanceof AlertStateException
                || e instanceof OperatorExistsException || e instanceof ChannelInUseException) {
            return ApiError.response(409, "conflict", e.getMessage());
        }
        if (e instanceof JsonbException || e instanceof ProcessingException) {
            return ApiError.response(400, "invalid_json", "the request body is not the JSON this resource expects");
        }
        if (e instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            String reason = web.getResponse().getStatusInfo().getReasonPhrase();
            boolean ours = web.getMessage() != null && !web.getMessage().startsWith("RESTEASY")
                    && !web.getMessage().startsWith("HTTP ");
            String message = ours ? web.getMessage()
                    : reason + ": " + request.getMethod() + " " + uri.getRequestUri().getPath();
            return ApiError.response(status, reason.toLowerCase(java.util.Locale.ROOT).replace(' ', '_'), message);
        }
        LOG.log(Level.SEVERE, "Unexpected error in the REST API", e);
        return ApiError.response(500, "internal_error", "unexpected server error");
    }
}
