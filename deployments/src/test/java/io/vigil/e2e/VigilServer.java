package io.vigil.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The WildFly that the end-to-end tests talk to: the build's configured server
 * (deployments/target/wildfly-*) with the EAR deployed, run from its own base
 * directory so its database is its own. One per test JVM; tests may restart it.
 */
public final class VigilServer {

    private static final Logger LOG = Logger.getLogger(VigilServer.class.getName());
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static VigilServer instance;

    /** Settings the tests run with, so that time-based behaviour shows within seconds. */
    public static final int OFFLINE_AFTER_SECONDS = 4;
    public static final int MONITOR_SEND_TIMEOUT_SECONDS = 3;
    public static final int COMMAND_TIMEOUT_SECONDS = 2;
    /** Low enough to be reached by a test, above what any other test holds at once (all connect from 127.0.0.1). */
    public static final int MAX_CONNECTIONS_PER_ADDRESS = 80;
    public static final int MAX_MONITORS = 30;
    /** Silent peers are pinged after 2 s and closed after 6 s (longer than the monitor send timeout, 3 s). */
    public static final int PING_INTERVAL_SECONDS = 2;
    public static final int IDLE_TIMEOUT_SECONDS = 6;
    public static final int BCRYPT_COST = 4;
    /** Notification mail goes to the tests' SMTP server (GreenMail) here. */
    public static final int SMTP_PORT = 3025;
    /** A burst gathers for 1 s; retries wait at most 2 s, so a receiver's return shows within seconds. */
    public static final int NOTIFICATION_GROUP_WAIT_SECONDS = 1;
    public static final int NOTIFICATION_MAX_BACKOFF_SECONDS = 2;

    /** Which database this run uses: {@code h2} (the embedded default) or {@code postgresql}. */
    public static final String DATABASE = System.getProperty("vigil.test.db", "h2");
    static final String POSTGRESQL_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String POSTGRESQL_SCHEMA = "vigil_e2e";

    private final Path home = Path.of(System.getProperty("vigil.wildfly.home"));
    private final Path baseDir = Path.of(System.getProperty("vigil.servers.dir"),
            "postgresql".equals(DATABASE) ? "e2e-postgresql" : "e2e");
    private final String config = System.getProperty("vigil.wildfly.config", "vigil.xml");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    /** On PostgreSQL, WildFly reaches the database through this proxy, so that a test can cut the connection. */
    private final TcpProxy databaseProxy;

    private VigilServer() {
        try {
            databaseProxy = "postgresql".equals(DATABASE) ? new TcpProxy(5432) : null;
        } catch (IOException e) {
            throw new IllegalStateException("could not start the database proxy", e);
        }
    }

    /** The running server's log file. */
    public Path serverLog() {
        return baseDir.resolve("log").resolve("server.log");
    }

    /** The proxy between WildFly and PostgreSQL; null on H2. */
    TcpProxy databaseProxy() {
        return databaseProxy;
    }

    /** Whether this run's database answers (always, for the embedded H2). */
    public static boolean databaseAvailable() {
        if (!"postgresql".equals(DATABASE)) {
            return true;
        }
        try (Connection connection = DriverManager.getConnection(POSTGRESQL_URL, "postgres", "")) {
            return connection.isValid(2);
        } catch (SQLException e) {
            LOG.warning("PostgreSQL does not answer at " + POSTGRESQL_URL + ": " + e.getMessage());
            return false;
        }
    }

    /** The shared server, started on first use and stopped when the JVM exits. */
    public static synchronized VigilServer get() {
        if (instance == null) {
            if ("postgresql".equals(DATABASE)) {
                freshPostgresqlSchema();
            }
            instance = new VigilServer();
            instance.start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop));
        }
        return instance;
    }

    public URI httpUri() {
        return URI.create("http://127.0.0.1:8080");
    }

    public URI wsUri() {
        return URI.create("ws://127.0.0.1:8080");
    }

    public synchronized void start() {
        start(List.of());
    }

    /**
     * Starts with these extra arguments expecting Vigil not to deploy: waits until WildFly says it started
     * with errors, stops it, and answers the server log of that start.
     */
    public synchronized String startFailing(List<String> extraArguments) {
        try {
            Files.deleteIfExists(serverLog());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        launch(extraArguments);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try {
            while (true) {
                String log = Files.exists(serverLog()) ? Files.readString(serverLog()) : "";
                if (log.contains("WFLYSRV0026")) {  // "started (with errors)"
                    stop();
                    return log;
                }
                if (log.contains("WFLYSRV0025") || !process.isAlive() || System.nanoTime() > deadline) {
                    stop();
                    throw new IllegalStateException("expected Vigil not to deploy; see " + serverLog());
                }
                pause(200);
            }
        } catch (IOException e) {
            stop();
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Starts with extra server arguments (e.g. {@code -Dvigil.ws.requireTls=true}) on top of the test settings. */
    public synchronized void start(List<String> extraArguments) {
        launch(extraArguments);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!healthy()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("WildFly exited during start-up; see " + baseDir.resolve("console.log"));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Vigil not healthy within " + START_TIMEOUT);
            }
            pause(200);
        }
        LOG.info("Vigil is up at " + httpUri());
    }

    private void launch(List<String> extraArguments) {
        if (healthy()) {
            throw new IllegalStateException("Something already answers on :8080; stop it before running the tests");
        }
        List<String> command = new ArrayList<>(List.of(
                home.resolve("bin/standalone.sh").toString(),
                "-c", config,
                "-Djboss.server.base.dir=" + baseDir,
                "-Dvigil.device.offlineAfterSeconds=" + OFFLINE_AFTER_SECONDS,
                "-Dvigil.monitor.sendTimeoutSeconds=" + MONITOR_SEND_TIMEOUT_SECONDS,
                "-Dvigil.command.timeoutSeconds=" + COMMAND_TIMEOUT_SECONDS,
                "-Dvigil.ws.maxConnectionsPerAddress=" + MAX_CONNECTIONS_PER_ADDRESS,
                "-Dvigil.monitor.maxSessions=" + MAX_MONITORS,
                "-Dvigil.ws.pingIntervalSeconds=" + PING_INTERVAL_SECONDS,
                "-Dvigil.ws.idleTimeoutSeconds=" + IDLE_TIMEOUT_SECONDS,
                "-Dvigil.smtp.host=127.0.0.1",
                "-Dvigil.smtp.port=" + SMTP_PORT,
                "-Dvigil.smtp.from=vigil-test@localhost",
                "-Dvigil.notifications.groupWaitSeconds=" + NOTIFICATION_GROUP_WAIT_SECONDS,
                "-Dvigil.notifications.maxBackoffSeconds=" + NOTIFICATION_MAX_BACKOFF_SECONDS,
                "-Dvigil.publicUrl=" + httpUri(),
                // Every test request signs in with HTTP Basic, and each sign-in checks the bcrypt hash; at the
                // production cost (10, about 90 ms of CPU) that would slow the suite, not test anything more.
                "-Dvigil.operator.bcryptCost=" + BCRYPT_COST));
        command.addAll(extraArguments);
        if ("postgresql".equals(DATABASE)) {
            command.addAll(List.of("-Dvigil.db.driver=postgresql",
                    "-Dvigil.db.url=jdbc:postgresql://127.0.0.1:" + databaseProxy.port() + "/test?currentSchema="
                            + POSTGRESQL_SCHEMA,
                    "-Dvigil.db.user=postgres", "-Dvigil.db.password=postgres"));
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(baseDir.resolve("console.log").toFile()));
        builder.environment().put("JBOSS_HOME", home.toString());
        builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
        // The first operator, created at the first start of a fresh database (the documented way).
        builder.environment().put("VIGIL_ADMIN_PASSWORD", Operator.ADMIN.password());
        try {
            Files.createDirectories(baseDir);
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Could not start WildFly from " + home, e);
        }
    }

    /** Graceful stop (SIGTERM, as a service manager does), waiting until the process is gone. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                all.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
            }
            for (ProcessHandle handle : all) {
                handle.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (Exception e) {
            all.forEach(ProcessHandle::destroyForcibly);
        }
        process = null;
    }

    /**
     * Kills the server as a crash or the OOM killer would: SIGKILL to the JVM,
     * no shutdown hooks, no graceful close of connections or the database.
     */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            for (ProcessHandle handle : all) {
                handle.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("WildFly did not die from SIGKILL", e);
        }
        process = null;
    }

    private static void freshPostgresqlSchema() {
        try (Connection connection = DriverManager.getConnection(POSTGRESQL_URL, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + POSTGRESQL_SCHEMA + " CASCADE");
            statement.execute("CREATE SCHEMA " + POSTGRESQL_SCHEMA);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare schema " + POSTGRESQL_SCHEMA + " in " + POSTGRESQL_URL, e);
        }
    }

    /** The server JVM's used heap right after a full GC (jcmd GC.run, then GC.heap_info), in bytes. */
    public synchronized long heapAfterGcBytes() {
        ProcessHandle jvm = process.descendants()
                .filter(p -> p.info().commandLine().map(c -> c.contains("jboss-modules")).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("no WildFly JVM under " + process.pid()));
        Path jcmd = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("jcmd");
        jcmd(jcmd, jvm.pid(), "GC.run");
        String info = jcmd(jcmd, jvm.pid(), "GC.heap_info");
        java.util.regex.Matcher used = java.util.regex.Pattern.compile("used (\\d+)K").matcher(info);
        if (!used.find()) {
            throw new IllegalStateException("no heap figure in: " + info);
        }
        return Long.parseLong(used.group(1)) * 1024;
    }

    private static String jcmd(Path jcmd, long pid, String command) {
        try {
            Process run = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), command).redirectErrorStream(true).start();
            String output = new String(run.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!run.waitFor(60, TimeUnit.SECONDS) || run.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + command + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public void restart() {
        stop();
        start();
    }

    private boolean healthy() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(httpUri().resolve("/api/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
