package io.vigil.shared;

import java.sql.Connection;
import java.sql.SQLException;

/** Which of the two databases Vigil runs on a connection is on, for the few statements spelled differently. */
public final class Databases {

    private Databases() {
    }

    /** True on PostgreSQL, false on H2. */
    public static boolean postgresql(Connection connection) throws SQLException {
        return connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT)
                .contains("postgres");
    }
}
