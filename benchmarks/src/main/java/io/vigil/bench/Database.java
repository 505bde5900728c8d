package io.vigil.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** The two databases Vigil runs on, as the benchmark starts and seeds them. */
enum Database {

    H2 {
        @Override
        List<String> serverProperties() {
            return List.of();
        }

        @Override
        Connection connect(Path baseDir) throws SQLException {
            // The server's own default URL, opened directly while the server is stopped.
            return DriverManager.getConnection("jdbc:h2:" + baseDir.toAbsolutePath().resolve("data/vigil/vigil")
                    + ";WRITE_DELAY=0", "sa", "sa");
        }

        @Override
        String series(long from, long to) {
            return "(SELECT X AS g FROM SYSTEM_RANGE(" + from + ", " + to + "))";
        }

        @Override
        long storageBytes(Path baseDir) {
            try {
                return java.nio.file.Files.size(baseDir.toAbsolutePath().resolve("data/vigil/vigil.mv.db"));
            } catch (java.io.IOException e) {
                return -1;
            }
        }
    },

    POSTGRESQL {
        @Override
        List<String> serverProperties() {
            return List.of("-Dvigil.db.driver=postgresql", "-Dvigil.db.url=" + URL + "?currentSchema=" + SCHEMA,
                    "-Dvigil.db.user=postgres", "-Dvigil.db.password=postgres");
        }

        @Override
        Connection connect(Path baseDir) throws SQLException {
            return DriverManager.getConnection(URL + "?currentSchema=" + SCHEMA + "&reWriteBatchedInserts=true",
                    "postgres", "");
        }

        @Override
        String series(long from, long to) {
            return "(SELECT generate_series(" + from + ", " + to + ") AS g)";
        }

        @Override
        long storageBytes(Path baseDir) {
            try (Connection connection = DriverManager.getConnection(URL, "postgres", "");
                 Statement statement = connection.createStatement();
                 java.sql.ResultSet size = statement.executeQuery("SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0)"
                         + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                         + " WHERE n.nspname = '" + SCHEMA + "' AND c.relkind IN ('r', 'p', 'm')")) {
                size.next();
                return size.getLong(1);
            } catch (SQLException e) {
                return -1;
            }
        }

        @Override
        void reset() throws SQLException {
            try (Connection connection = DriverManager.getConnection(URL, "postgres", "");
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
                statement.execute("CREATE SCHEMA " + SCHEMA);
            }
        }
    };

    static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String SCHEMA = "vigil_bench";

    /** The {@code -D} switches that put the server on this database. */
    abstract List<String> serverProperties();

    /** A direct connection for seeding (H2: only while the server is stopped). */
    abstract Connection connect(Path baseDir) throws SQLException;

    /** A derived table with one integer column {@code g} from {@code from} to {@code to}. */
    abstract String series(long from, long to);

    /**
     * Bytes the database takes on disk: H2's file; PostgreSQL's tables of the bench schema with their indexes
     * and TOAST. -1 when it cannot be told.
     */
    abstract long storageBytes(Path baseDir);

    /** Starts from an empty database (H2's file goes with the base directory). */
    void reset() throws SQLException {
    }

    static boolean postgresqlAnswers() {
        try (Connection connection = DriverManager.getConnection(URL, "postgres", "")) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }
}
