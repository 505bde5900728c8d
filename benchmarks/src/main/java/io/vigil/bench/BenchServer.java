package io.vigil.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The WildFly the benchmark measures: the build's configured server
 * ({@code deployments/target/wildfly-*}) with {@code vigil.ear} and, beside
 * it, the echo endpoint's WAR, run from a base directory of its own per
 * database so its data is its own.
 */
final class BenchServer implements Target {

    /** The bench database's first operator (created from {@code VIGIL_ADMIN_PASSWORD} at its first start). */
    static final String OPERATOR_PASSWORD = "bench-admin-password";
    static final String OPERATOR_AUTHORIZATION = "Basic " + java.util.Base64.getEncoder()
            .encodeToString(("admin:" + OPERATOR_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));

    /**
     * Options every measured server runs with. Every simulated device connects from 127.0.0.1: the
     * per-address cap would stop the fleet; and the closed-loop scenarios send one reading a message as fast
     * as acks come, past any sane frame rate. The seed holds 90 days of history; the default retention
     * (30 days) would delete two thirds of it while scenarios are measured (seen: the chart lost them, the
     * open loop's latency rose tenfold).
     */
    static final List<String> LOAD_OPTIONS = List.of("-Dvigil.ws.maxConnectionsPerAddress=0",
            "-Dvigil.device.maxFramesPerSecond=0", "-Dvigil.retention.days=0");

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private final Path home;
    private final Path baseDir;
    private final Database database;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<String> scenarioOptions = new ArrayList<>();
    private Process process;

    BenchServer(Path home, Path baseDir, Database database) {
        this.home = home;
        this.baseDir = baseDir;
        this.database = database;
    }

    @Override
    public URI http() {
        return URI.create("http://127.0.0.1:8080");
    }

    /**
     * The server's heap flags ({@code vigil.bench.heap}). WildFly's own default is -Xmx512m; near it, G1's
     * evacuation pauses reached 0.3-0.8 s in profiles.
     */
    static String heap() {
        return System.getProperty("vigil.bench.heap", "-Xms1g -Xmx1g");
    }

    /** What the database takes on disk now ({@link Database#storageBytes}). */
    java.util.function.LongSupplier storageBytes() {
        return () -> database.storageBytes(baseDir);
    }

    Path baseDir() {
        return baseDir;
    }

    /** A fresh base directory: Vigil's configuration, the EAR and the echo WAR, no data. */
    void prepare() throws IOException {
        if (Files.exists(baseDir)) {
            try (Stream<Path> files = Files.walk(baseDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Path standalone = home.resolve("standalone");
        try (Stream<Path> files = Files.walk(standalone.resolve("configuration"))) {
            for (Path source : files.toList()) {
                Path target = baseDir.resolve(standalone.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Path deployments = Files.createDirectories(baseDir.resolve("deployments"));
        Files.copy(standalone.resolve("deployments/vigil.ear"), deployments.resolve("vigil.ear"));
        EchoWar.write(deployments.resolve("echo.war"));
    }

    /** Server options a scenario needs, after (so over) {@link #LOAD_OPTIONS}; from the next start. */
    void addOptions(String... options) {
        scenarioOptions.addAll(List.of(options));
    }

    void start() throws IOException, InterruptedException {
        if (healthy()) {
            throw new IllegalStateException("Something already answers on :8080; stop it first");
        }
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/standalone.sh").toString(),
                "-c", "vigil.xml", "-Djboss.server.base.dir=" + baseDir));
        command.addAll(LOAD_OPTIONS);
        command.addAll(scenarioOptions);
        command.addAll(database.serverProperties());
        // More server options for an A/B run, e.g. -Dvigil.bench.serverOptions="-Dvigil.h2.compactEverySeconds=0".
        String more = System.getProperty("vigil.bench.serverOptions", "").trim();
        if (!more.isEmpty()) {
            command.addAll(List.of(more.split("\\s+")));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(baseDir.resolve("console.log").toFile()));
        builder.environment().put("JBOSS_HOME", home.toString());
        builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
        // The first operator of the bench database, whom the REST calls and the monitor probes sign in as.
        builder.environment().put("VIGIL_ADMIN_PASSWORD", OPERATOR_PASSWORD);
        builder.environment().put("JBOSS_JAVA_SIZING", heap());
        process = builder.start();
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> started.descendants().forEach(ProcessHandle::destroy)));
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!healthy() || !echoDeployed()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                stop();
                throw new IllegalStateException("WildFly did not come up; see " + baseDir.resolve("console.log"));
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            all.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
        for (ProcessHandle handle : all) {
            handle.onExit().join();
        }
        process = null;
    }

    /** The WildFly JVM's pid (the launcher script's java child). */
    long pid() {
        return process.descendants().filter(p -> p.info().command().orElse("").endsWith("java"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no WildFly JVM")).pid();
    }

    /** Runs a jcmd command against the WildFly JVM and answers what it printed. */
    String jcmd(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid())));
        line.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes());
        jcmd.waitFor();
        return output;
    }

    /**
     * Live heap after a full GC (jcmd's class histogram forces the GC): bytes
     * per class name, and the total under the key {@code "Total"}.
     */
    @Override
    public Map<String, Long> liveHeap() throws IOException, InterruptedException {
        String output = jcmd("GC.class_histogram");
        Map<String, Long> bytes = new HashMap<>();
        for (String line : output.split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 3 && parts[0].equals("Total")) {
                bytes.put("Total", Long.parseLong(parts[2]));
            } else if (parts.length >= 4 && parts[0].endsWith(":")) {
                bytes.merge(parts[3], Long.parseLong(parts[2]), Long::sum);
            }
        }
        if (!bytes.containsKey("Total")) {
            throw new IllegalStateException("jcmd printed no total: " + output);
        }
        return bytes;
    }

    private boolean healthy() {
        return status("/api/health") == 200;
    }

    private boolean echoDeployed() {
        try {
            WebSocket socket = http.newWebSocketBuilder().buildAsync(ws().resolve("/echo/ws"),
                    new WebSocket.Listener() { }).get(5, TimeUnit.SECONDS);
            socket.abort();
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private int status(String path) {
        try {
            return http.send(HttpRequest.newBuilder(http().resolve(path)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
