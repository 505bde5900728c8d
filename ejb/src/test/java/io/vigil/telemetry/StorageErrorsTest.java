package io.vigil.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTimeoutException;
import org.junit.jupiter.api.Test;

/** Which database failures are waited out (1013) and which are isolated to the submission that causes them. */
class StorageErrorsTest {

    private static RuntimeException wrapped(Throwable cause) {
        return new RuntimeException("EJB call failed", new IllegalStateException("batch failed", cause));
    }

    @Test
    void lockTimeoutsLostConnectionsAndDeadlocksAreTransient() {
        assertTrue(StorageErrors.isTransient(wrapped(new SQLException("Timeout trying to lock table", "HYT00"))));
        assertTrue(StorageErrors.isTransient(wrapped(new SQLException("could not obtain lock", "55P03"))));
        assertTrue(StorageErrors.isTransient(wrapped(new SQLException("connection refused", "08001"))));
        assertTrue(StorageErrors.isTransient(wrapped(new SQLException("deadlock detected", "40P01"))));
        assertTrue(StorageErrors.isTransient(wrapped(new SQLTimeoutException("query timed out"))));
    }

    @Test
    void constraintViolationsAndBadDataAreNot() {
        assertFalse(StorageErrors.isTransient(wrapped(
                new SQLIntegrityConstraintViolationException("duplicate key", "23505"))));
        assertFalse(StorageErrors.isTransient(wrapped(new SQLException("value too long", "22001"))));
        assertFalse(StorageErrors.isTransient(new IllegalStateException("no SQL at all")));
    }

    @Test
    void theDescriptionIsTheInnermostMessagesFirstLine() {
        assertEquals("duplicate key value violates unique constraint \"reading_pkey\"", StorageErrors.describe(
                wrapped(new SQLException("duplicate key value violates unique constraint \"reading_pkey\"\n  Detail: x"))));
    }
}
