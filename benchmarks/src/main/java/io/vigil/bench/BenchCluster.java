package io.vigil.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The local cluster the scale-out figures are measured on: started with the
 * project's own {@code run-cluster.sh} (one Artemis broker, node A and node B
 * from the build's configured WildFly and EAR, HAProxy on :8080) on the
 * benchmark's PostgreSQL database, in a fresh schema; the nodes run with the
 * same options and heap as the single {@link BenchServer}.
 */
final class BenchCluster implements AutoCloseable {

    static final int PORT = 8080;
    static final String SCHEMA = "vigil_bench_cluster";
    private static final long START_SECONDS = 300;

    private final Process process;
    private final Path logs;

    BenchCluster(Path wildflyHome, Path script, Path artemisHome, Path state) throws IOException, InterruptedException {
        this.logs = Files.createDirectories(state);
        ProcessBuilder builder = new ProcessBuilder(List.of(script.toString(), wildflyHome.toString(), "vigil.xml",
                artemisHome.toString(), state.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(state.resolve("run-cluster.log").toFile()));
        builder.environment().put("VIGIL_CLUSTER_PORT", String.valueOf(PORT));
        builder.environment().put("VIGIL_DB_URL", Database.URL);
        builder.environment().put("VIGIL_DB_SCHEMA", SCHEMA);
        builder.environment().put("VIGIL_CLUSTER_FRESH", "yes");
        builder.environment().put("VIGIL_ADMIN_PASSWORD", BenchServer.OPERATOR_PASSWORD);
        builder.environment().put("VIGIL_NODE_JAVA_OPTS", String.join(" ", BenchServer.LOAD_OPTIONS));
        builder.environment().put("JBOSS_JAVA_SIZING", BenchServer.heap());
        process = builder.start();
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> started.descendants().forEach(ProcessHandle::destroy)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (!Files.readString(state.resolve("run-cluster.log")).contains("Vigil cluster up")) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException("The cluster did not come up; see " + state);
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
    }

    /** The balancer, in front of both nodes. */
    Target balancer() {
        return () -> URI.create("http://127.0.0.1:" + PORT);
    }

    /** Node A ({@code "a"}) or B, directly. */
    Target node(String node) {
        return () -> URI.create("http://127.0.0.1:" + (PORT + ("a".equals(node) ? 100 : 200)));
    }

    Path logs() {
        return logs;
    }

    /** Stops the script, which stops the balancer, the nodes and the broker; kills what is left after a minute. */
    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        for (ProcessHandle handle : all) {
            if (handle.isAlive()) {
                handle.destroyForcibly();
            }
            handle.onExit().join();
        }
    }
}
