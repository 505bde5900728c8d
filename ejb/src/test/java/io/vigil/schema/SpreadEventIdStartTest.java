package io.vigil.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Schema version 9: each new database numbers its events from a place of its own; one in use keeps its ids. */
class SpreadEventIdStartTest {

    private static long counterAfterMigrating(String url, String beforeVersion9) throws SQLException {
        if (beforeVersion9 != null) {
            SchemaMigration.configure().dataSource(url, "sa", "sa").target("8").load().migrate();
            try (Connection c = DriverManager.getConnection(url, "sa", "sa"); Statement sql = c.createStatement()) {
                sql.execute(beforeVersion9);
            }
        }
        SchemaMigration.configure().dataSource(url, "sa", "sa").load().migrate();
        try (Connection c = DriverManager.getConnection(url, "sa", "sa"); Statement sql = c.createStatement();
             ResultSet row = sql.executeQuery("SELECT last_id FROM event_counter WHERE id = 1")) {
            row.next();
            return row.getLong(1);
        }
    }

    @Test
    void twoNewDatabasesStartTheirEventIdsApartAndWithinJavaScriptsExactIntegers() throws SQLException {
        long first = counterAfterMigrating("jdbc:h2:mem:ids-a;DB_CLOSE_DELAY=-1", null);
        long second = counterAfterMigrating("jdbc:h2:mem:ids-b;DB_CLOSE_DELAY=-1", null);
        for (long start : new long[] {first, second}) {
            assertTrue(start >= SpreadEventIdStart.FIRST && start < SpreadEventIdStart.FIRST + SpreadEventIdStart.SPREAD,
                    String.valueOf(start));
            assertTrue(start < (1L << 53) - SpreadEventIdStart.SPREAD * 6, "room for billions of events a day for decades");
        }
        assertNotEquals(first, second);
    }

    @Test
    void aDatabaseThatHandedOutIdsKeepsItsCounter() throws SQLException {
        long kept = counterAfterMigrating("jdbc:h2:mem:ids-c;DB_CLOSE_DELAY=-1",
                "UPDATE event_counter SET last_id = last_id + 42");
        assertEquals(SpreadEventIdStart.FIRST + 42, kept);
    }
}
