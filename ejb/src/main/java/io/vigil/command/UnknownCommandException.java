package io.vigil.command;

import jakarta.ejb.ApplicationException;

/** A request names a command id that does not exist. */
@ApplicationException(rollback = true)
public class UnknownCommandException extends RuntimeException {

    public UnknownCommandException(String id) {
        super("no command '" + id + "'");
    }
}
