package io.vigil.operator;

import jakarta.ejb.ApplicationException;

/** A request names an operator that does not exist. */
@ApplicationException(rollback = true)
public class UnknownOperatorException extends RuntimeException {
    public UnknownOperatorException(String username) {
        super("no operator '" + username + "'");
    }
}
