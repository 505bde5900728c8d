package io.vigil.bench;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Logger;

/**
 * Vigil's benchmark: starts the configured WildFly with Vigil and the echo
 * endpoint on each database, seeds a production-like state, runs every
 * scenario with 1 and with 20 monitors connected, checks that every acked
 * reading is stored exactly once, and writes a Markdown report with each
 * figure beside the echo ceiling measured in the same run.
 *
 * <p>System properties: {@code vigil.wildfly.home} (the configured server),
 * {@code vigil.bench.dir} (work directory), {@code vigil.bench.report} (the
 * report file), {@code vigil.bench.databases} ({@code h2,postgresql}),
 * {@code vigil.bench.smoke} (a few seconds per scenario, small sizes),
 * {@code vigil.bench.profile} (a JFR recording of the server per database),
 * {@code vigil.bench.seconds} (measured seconds per scenario),
 * {@code vigil.bench.seed=small} (the smoke run's small seed, for quick profiling),
 * {@code vigil.bench.heap} (the server's heap flags, default {@code -Xms1g -Xmx1g}),
 * {@code vigil.bench.only} (some scenarios: single, batch, open, history, idle, page).
 */
public final class Bench {

    private static final Logger LOG = Logger.getLogger(Bench.class.getName());

    static final Scenarios.Options FULL = new Scenarios.Options(5, 20, 50, 32, 400, 1_000, 5, 10_000,
            List.of(1, 20), new Seed.Plan(10_000, 1_000, 500, 100_000, 90), new Scenarios.PageLoad(1_000, 0.5, 180));
    static final Scenarios.Options SMOKE = new Scenarios.Options(1, 2, 8, 16, 200, 50, 5, 100,
            List.of(1), new Seed.Plan(200, 50, 20, 5_000, 1), new Scenarios.PageLoad(50, 2, 5));

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        boolean smoke = Boolean.getBoolean("vigil.bench.smoke");
        List<Database> databases = Arrays.stream(System.getProperty("vigil.bench.databases", "h2,postgresql")
                .split(",")).map(String::trim).map(String::toUpperCase).map(Database::valueOf).toList();
        Scenarios.Options options = smoke ? SMOKE : FULL;
        if ("small".equals(System.getProperty("vigil.bench.seed"))) {
            options = options.withSeed(SMOKE.seed());
        }
        if (System.getProperty("vigil.bench.seconds") != null) {
            options = options.withSeconds(Integer.getInteger("vigil.bench.seconds"));
        }
        List<Row> rows = run(Path.of(System.getProperty("vigil.wildfly.home")),
                Path.of(System.getProperty("vigil.bench.dir", "target/bench")), databases, options);
        String header = "# Vigil benchmark, " + LocalDate.now() + (smoke ? " (smoke run: sizes and times cut down)" : "")
                + "\n\nMachine: " + Runtime.getRuntime().availableProcessors() + " cores, load generator on the same"
                + " machine. Command: `mvn -B -Pbenchmark -DskipTests verify`. Every rate is over the measured"
                + " seconds after a warm-up; \"vs echo\" divides readings/s by what a bare echo endpoint on the same"
                + " WildFly carried, driven by the same client with the same connections and window, in this run.";
        String report = Report.markdown(rows, header);
        Path file = Path.of(System.getProperty("vigil.bench.report", "target/bench/report.md"));
        Report.write(file, report);
        LOG.info("\n" + report + "\nReport written to " + file.toAbsolutePath());
        if (rows.stream().anyMatch(Bench::lostSomething)) {
            throw new IllegalStateException("A run lost or duplicated readings; see the report");
        }
    }

    static boolean lostSomething(Row row) {
        return row.lost() != null && !Report.NOT_CHECKED.equals(row.lost());
    }

    /** Runs every scenario on every database that answers; answers the report's rows. */
    public static List<Row> run(Path wildflyHome, Path workDir, List<Database> databases, Scenarios.Options options)
            throws Exception {
        List<Row> rows = new ArrayList<>();
        for (Database database : databases) {
            if (database == Database.POSTGRESQL && !Database.postgresqlAnswers()) {
                LOG.warning("SKIPPED: PostgreSQL does not answer at " + Database.URL + "; no PostgreSQL figures");
                continue;
            }
            rows.addAll(runOn(database, wildflyHome, workDir, options));
        }
        return rows;
    }

    private static List<Row> runOn(Database database, Path wildflyHome, Path workDir, Scenarios.Options options)
            throws Exception {
        String name = database == Database.H2 ? "H2" : "PostgreSQL";
        BenchServer server = new BenchServer(wildflyHome, workDir.resolve("server-" + database.name().toLowerCase()),
                database);
        database.reset();
        server.prepare();
        server.start();  // creates the schema
        server.stop();
        long seedStart = System.nanoTime();
        Seed.run(database, server.baseDir(), options.seed());
        LOG.info(() -> String.format("%s seeded with %,d devices and %,d readings in %.0f s", name,
                options.seed().devices() + 1, options.seed().readings(), (System.nanoTime() - seedStart) / 1e9));
        server.start();
        boolean profile = Boolean.getBoolean("vigil.bench.profile");
        if (profile) {
            server.jcmd("JFR.start", "name=bench", "settings=profile");
        }
        List<Row> rows = new ArrayList<>();
        try {
            Scenarios scenarios = new Scenarios(server, options, name);
            if (selected("single")) {
                Row echoSingle = logged(scenarios.echo(1, options.window()));
                rows.add(echoSingle);
                for (int monitors : options.monitorCounts()) {
                    rows.add(logged(scenarios.closedLoop(1, options.window(), monitors, echoSingle)));
                }
            }
            if (selected("batch")) {
                Row echoBatch = logged(scenarios.echo(100, options.batchWindow()));
                rows.add(echoBatch);
                for (int monitors : options.monitorCounts()) {
                    rows.add(logged(scenarios.closedLoop(100, options.batchWindow(), monitors, echoBatch)));
                }
            }
            if (selected("open")) {
                for (int monitors : options.monitorCounts()) {
                    rows.add(logged(scenarios.openLoop(monitors)));
                }
            }
            if (selected("history")) {
                rows.add(logged(scenarios.history()));
                rows.add(logged(scenarios.chartHistory()));
                rows.add(logged(scenarios.longChart()));
            }
            if (selected("idle")) {
                rows.add(logged(scenarios.idleConnections()));
            }
            if (selected("page")) {
                if (PageLoadCheck.browserAvailable()) {
                    Scenarios.PageLoad page = options.page();
                    rows.add(logged(PageLoadCheck.run(server, name, options.seed().devices(), page.streaming(),
                            page.ratePerDevice(), options.warmupSeconds(), page.seconds())));
                } else {
                    LOG.warning("SKIPPED: the admin page's load check needs /usr/bin/chromium and /usr/bin/chromedriver");
                }
            }
        } finally {
            if (profile) {
                Path recording = workDir.resolve(database.name().toLowerCase() + ".jfr").toAbsolutePath();
                server.jcmd("JFR.dump", "name=bench", "filename=" + recording);
                LOG.info(() -> "Profile of the server written to " + recording);
            }
            server.stop();
        }
        return rows;
    }

    /** Whether {@code vigil.bench.only} (a comma list of single, batch, open, history, idle, page; default all) names it. */
    private static boolean selected(String scenario) {
        String only = System.getProperty("vigil.bench.only", "").trim();
        return only.isEmpty() || Arrays.asList(only.split("\\s*,\\s*")).contains(scenario);
    }

    private static Row logged(Row row) {
        LOG.info(() -> row.toString());
        return row;
    }
}
