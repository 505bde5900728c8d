package io.vigil.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The benchmark suite cut down to a few seconds per scenario, on every
 * database that answers: it must run end to end and lose nothing. Its
 * figures mean nothing at these sizes and are not checked.
 */
class BenchmarkSmokeIT {

    @Test
    void everyScenarioRunsAndEveryAckedReadingIsStoredExactlyOnce() throws Exception {
        List<Row> rows = Bench.run(Path.of(System.getProperty("vigil.wildfly.home")),
                Path.of(System.getProperty("vigil.bench.dir")), List.of(Database.H2, Database.POSTGRESQL), Bench.SMOKE);
        assertFalse(rows.isEmpty());
        for (Row row : rows) {
            if (!Report.NOT_CHECKED.equals(row.lost())) {
                assertNull(row.lost(), row.database() + " / " + row.scenario() + ": " + row.lost());
            }
            assertTrue(row.rate() > 0, row + " measured nothing");
        }
        System.out.println(Report.markdown(rows, "# Smoke run"));
    }
}
