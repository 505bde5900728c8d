package io.vigil.operator;

import jakarta.ejb.ApplicationException;

/** An operator with that name already exists. */
@ApplicationException(rollback = true)
public class OperatorExistsException extends RuntimeException {
    public OperatorExistsException(String username) {
        super("operator '" + username + "' already exists");
    }
}
