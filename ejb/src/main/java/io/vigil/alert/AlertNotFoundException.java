package io.vigil.alert;

import jakarta.ejb.ApplicationException;

/** No alert with the given id. */
@ApplicationException(rollback = true)
public class AlertNotFoundException extends RuntimeException {

    public AlertNotFoundException(long id) {
        super("no alert " + id);
    }
}
