package io.vigil.telemetry;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Tells a database error that may go away by itself (a lock timeout, a lost
 * connection, a deadlock victim) from one that will not (a constraint the
 * rows break). The first closes devices with 1013 "try again later"; the
 * second is isolated to the submission that causes it.
 */
final class StorageErrors {

    /** SQLState classes of transient trouble: connection (08), rollback (40), resources (53), operator (57). */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "40", "53", "57");
    /** Lock timeouts: H2's HYT00, PostgreSQL's lock_not_available (55P03) and query_canceled (57014). */
    private static final Set<String> TRANSIENT_STATES = Set.of("HYT00", "55P03", "57014");

    private StorageErrors() {
    }

    static boolean isTransient(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (TRANSIENT_STATES.contains(state)
                        || state.length() >= 2 && TRANSIENT_CLASSES.contains(state.substring(0, 2))) {
                    return true;
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** The innermost message, which names the constraint or the lock; one line, for logs and close reasons. */
    static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
