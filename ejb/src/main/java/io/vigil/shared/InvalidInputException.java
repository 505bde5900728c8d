package io.vigil.shared;

import jakarta.ejb.ApplicationException;

/** Input that breaks a rule of the contract; the caller gets a 400-style answer with this message. */
@ApplicationException(rollback = true)
public class InvalidInputException extends RuntimeException {

    public InvalidInputException(String message) {
        super(message);
    }
}
