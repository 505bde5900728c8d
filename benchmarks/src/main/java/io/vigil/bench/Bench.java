package io.vigil.bench;

import java.nio.file.Files;
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
 * {@code vigil.bench.serverOptions} (more {@code -D} options for the server, for an A/B run),
 * {@code vigil.bench.fleetDevices} (only the fleet rows of that many devices),
 * {@code vigil.bench.only} (some scenarios: single, node, batch, open, fleet, history, idle, page, cluster; and soak, which
 * runs only when named, for {@code vigil.bench.soakMinutes}, 60 by default).
 *
 * <p>The scale-out rows ({@code cluster}, PostgreSQL only, needs HAProxy and
 * {@code vigil.cluster.script} / {@code vigil.artemis.home}): the same closed
 * loops against one node directly, then against node A of a two-node cluster
 * directly, then through the balancer in front of both.
 */
public final class Bench {

    private static final Logger LOG = Logger.getLogger(Bench.class.getName());

    static final Scenarios.Options FULL = new Scenarios.Options(5, 20, 50, 32, 400, 1_000, 5, 10_000,
            List.of(1, 20), new Seed.Plan(10_000, 1_000, 500, 100_000, 90),
            new Scenarios.PageLoad(1_000, 0.5, 180), List.of(
                    new FleetLoad.Shape(1_000, 200, 10, true), new FleetLoad.Shape(1_000, 200, 10, false),
                    new FleetLoad.Shape(15_000, 2_000, 10, false)));
    static final Scenarios.Options SMOKE = new Scenarios.Options(1, 2, 8, 16, 200, 50, 5, 100,
            List.of(1), new Seed.Plan(200, 50, 20, 5_000, 1), new Scenarios.PageLoad(50, 2, 5),
            List.of(new FleetLoad.Shape(100, 200, 10, false)));

    /** The soak's fleet: 200 devices every 200 ms, 1,000 readings/s of 10 metrics. */
    private static final int SOAK_DEVICES = 200;
    /** The soak's server keeps readings this long (the default); the soak's readings are just inside it. */
    private static final int SOAK_RETENTION_DAYS = 30;

    /** The scenarios run on each database's seeded server (the rest is {@code cluster}). */
    private static final List<String> PER_DATABASE = List.of("single", "node", "batch", "open", "fleet", "history",
            "idle", "page");

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
        Path wildflyHome = Path.of(System.getProperty("vigil.wildfly.home"));
        Path workDir = Path.of(System.getProperty("vigil.bench.dir", "target/bench"));
        List<Row> rows = new ArrayList<>();
        if (PER_DATABASE.stream().anyMatch(Bench::selected) || named("soak")) {
            rows.addAll(run(wildflyHome, workDir, databases, options));
        }
        if (selected("cluster")) {
            rows.addAll(scaleOut(wildflyHome, workDir, options));
        }
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

    /**
     * One node direct, node A of two direct, and two nodes through HAProxy: the same closed loops (single
     * readings and batches of 100, one monitor), each checked for exactly-once storage, in one run.
     */
    static List<Row> scaleOut(Path wildflyHome, Path workDir, Scenarios.Options options) throws Exception {
        String script = System.getProperty("vigil.cluster.script");
        String artemis = System.getProperty("vigil.artemis.home");
        if (script == null || artemis == null || !Files.isExecutable(Path.of("/usr/sbin/haproxy"))
                || !Database.postgresqlAnswers()) {
            LOG.warning("SKIPPED: the scale-out rows need PostgreSQL, /usr/sbin/haproxy, vigil.cluster.script and"
                    + " vigil.artemis.home");
            return List.of();
        }
        List<Row> rows = new ArrayList<>();
        Database.POSTGRESQL.reset();
        BenchServer one = new BenchServer(wildflyHome, workDir.resolve("server-scale-out"), Database.POSTGRESQL);
        one.prepare();
        one.start();
        Row echoSingle;
        Row echoBatch;
        Row oneSingle;
        Row oneBatch;
        try {
            Scenarios direct = new Scenarios(one, options, "PostgreSQL");
            echoSingle = logged(direct.echo(1, options.window()));
            oneSingle = logged(named("one node direct", direct.closedLoop(1, options.window(), 1, echoSingle), null));
            echoBatch = logged(direct.echo(100, options.batchWindow()));
            oneBatch = logged(named("one node direct", direct.closedLoop(100, options.batchWindow(), 1, echoBatch),
                    null));
        } finally {
            one.stop();
        }
        rows.addAll(List.of(echoSingle, oneSingle, echoBatch, oneBatch));
        try (BenchCluster cluster = new BenchCluster(wildflyHome, Path.of(script), Path.of(artemis),
                workDir.resolve("cluster").toAbsolutePath())) {
            for (String where : List.of("node A of two, direct", "two nodes through HAProxy")) {
                Scenarios scenarios = new Scenarios(where.startsWith("node") ? cluster.node("a") : cluster.balancer(),
                        options, "PostgreSQL");
                rows.add(logged(named(where, scenarios.closedLoop(1, options.window(), 1, echoSingle), oneSingle)));
                rows.add(logged(named(where, scenarios.closedLoop(100, options.batchWindow(), 1, echoBatch),
                        oneBatch)));
            }
        }
        return rows;
    }

    /** The row under {@code where}, with its rate beside one node's when given. */
    private static Row named(String where, Row row, Row oneNode) {
        String versus = oneNode == null ? null
                : String.format(java.util.Locale.ROOT, "%.0f%% of one node direct", 100 * row.rate() / oneNode.rate());
        return new Row(row.database(), where + ": " + row.scenario(), row.monitors(), row.rate(), row.unit(),
                row.ratio(), row.ackP50(), row.ackP99(), row.pageP50(), row.pageP99(), versus, row.lost());
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
        Seed.run(database, server.baseDir(), options.seed(), Math.max(named("soak") ? SOAK_DEVICES : 0,
                selected("fleet") ? options.fleets().stream().mapToInt(FleetLoad.Shape::devices).max().orElse(0) : 0));
        LOG.info(() -> String.format("%s seeded with %,d devices and %,d readings in %.0f s", name,
                options.seed().devices() + 1, options.seed().readings(), (System.nanoTime() - seedStart) / 1e9));
        if (named("soak")) {
            server.addOptions("-Dvigil.retention.days=" + SOAK_RETENTION_DAYS);  // the other scenarios keep it off
        }
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
            if (selected("node")) {
                Row echoNode = logged(scenarios.nodeEcho(options.window()));
                rows.add(echoNode);
                for (int monitors : options.monitorCounts()) {
                    rows.add(logged(scenarios.nodeClosedLoop(options.window(), monitors, echoNode)));
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
            if (selected("fleet")) {
                Integer only = Integer.getInteger("vigil.bench.fleetDevices");  // one fleet size, e.g. 15000
                for (FleetLoad.Shape shape : options.fleets()) {
                    if (only != null && shape.devices() != only) {
                        continue;
                    }
                    for (int monitors : shape.devices() > 1_000 ? List.of(1) : options.monitorCounts()) {
                        rows.add(logged(scenarios.fleet(shape, monitors, server.storageBytes())));
                    }
                }
            }
            if (named("soak")) {
                // Only when named: an hour by default (vigil.bench.soakMinutes); 1,000 readings/s of 10 metrics.
                rows.add(logged(scenarios.soak(SOAK_DEVICES, 200, Integer.getInteger("vigil.bench.soakMinutes", 60),
                        SOAK_RETENTION_DAYS, 5, server.storageBytes())));
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

    /** Whether {@code vigil.bench.only} names it: for the scenarios that run only when asked for (soak). */
    private static boolean named(String scenario) {
        String only = System.getProperty("vigil.bench.only", "").trim();
        return Arrays.asList(only.split("\\s*,\\s*")).contains(scenario);
    }

    /** Whether {@code vigil.bench.only} (a comma list of single, node, batch, open, fleet, history, idle, page; default all) names it. */
    private static boolean selected(String scenario) {
        return System.getProperty("vigil.bench.only", "").isBlank() || named(scenario);
    }

    private static Row logged(Row row) {
        LOG.info(() -> row.toString());
        return row;
    }
}
