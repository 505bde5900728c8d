package io.vigil.alert;

import jakarta.ejb.ApplicationException;

/** A lifecycle step that the alert's state does not allow, such as acknowledging a cleared alert. */
@ApplicationException(rollback = true)
public class AlertStateException extends RuntimeException {

    public AlertStateException(String message) {
        super(message);
    }
}
