package io.vigil.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The local cluster the README's cluster command starts ({@code run-cluster.sh}): the Artemis broker,
 * two WildFly nodes on PostgreSQL and HAProxy in front, on ports of their own (balancer 8480, node A
 * 8580, node B 8680) and an empty schema. Stopped as a user stops it (SIGTERM to the script), then
 * anything left is killed.
 */
final class LocalCluster implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalCluster.class.getName());
    static final int BALANCER_PORT = 8480;
    static final String SCHEMA = "vigil_cluster_e2e";
    /** Short, so that a device that really went silent is noticed within a test, long beside a reconnect. */
    static final int OFFLINE_AFTER_SECONDS = 10;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    static final int BROKER_PORT = 61716;

    private final Process process;
    final Path state = Path.of("target", "cluster").toAbsolutePath();
    /** The nodes reach the broker through it, so that a test can take the broker away from them. */
    final TcpProxy brokerLink;

    LocalCluster() throws Exception {
        Files.createDirectories(state);
        brokerLink = new TcpProxy(BROKER_PORT);
        ProcessBuilder builder = new ProcessBuilder(List.of(System.getProperty("vigil.cluster.script"),
                System.getProperty("vigil.wildfly.home"), System.getProperty("vigil.wildfly.config", "vigil.xml"),
                System.getProperty("vigil.artemis.home"), state.toString()))
                .redirectErrorStream(true);
        builder.environment().put("VIGIL_CLUSTER_PORT", String.valueOf(BALANCER_PORT));
        builder.environment().put("VIGIL_BROKER_PORT", String.valueOf(BROKER_PORT));
        builder.environment().put("VIGIL_NODE_BROKER_PORT", String.valueOf(brokerLink.port()));
        builder.environment().put("VIGIL_DB_URL", VigilServer.POSTGRESQL_URL);
        builder.environment().put("VIGIL_DB_SCHEMA", SCHEMA);
        builder.environment().put("VIGIL_CLUSTER_FRESH", "yes");
        builder.environment().put("VIGIL_ADMIN_PASSWORD", Operator.ADMIN.password());
        builder.environment().put("VIGIL_NODE_JAVA_OPTS", "-Dvigil.operator.bcryptCost=" + VigilServer.BCRYPT_COST
                + " -Dvigil.command.timeoutSeconds=" + VigilServer.COMMAND_TIMEOUT_SECONDS * 5
                + " -Dvigil.device.offlineAfterSeconds=" + OFFLINE_AFTER_SECONDS);
        process = builder.start();
        CompletableFuture<Void> up = new CompletableFuture<>();
        Thread output = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    LOG.info("run-cluster.sh: " + line);
                    if (line.startsWith("Vigil cluster up")) {
                        up.complete(null);
                    }
                }
            } catch (IOException e) {
                up.completeExceptionally(e);
            }
            up.completeExceptionally(new IllegalStateException("run-cluster.sh ended before the cluster was up;"
                    + " logs in " + state));
        }, "run-cluster.sh output");
        output.setDaemon(true);
        output.start();
        try {
            up.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    URI balancer(String scheme) {
        return URI.create(scheme + "://127.0.0.1:" + BALANCER_PORT);
    }

    /** Node A ({@code "a"}) or B, directly. */
    URI node(String node, String scheme) {
        return URI.create(scheme + "://127.0.0.1:" + (BALANCER_PORT + ("a".equals(node) ? 100 : 200)));
    }

    /**
     * Kills node A ({@code "a"}) or B as a crash would: SIGKILL to its JVM, no
     * shutdown. The script reports it and keeps the rest running.
     */
    void kill(String node) throws Exception {
        ProcessHandle jvm = jvm(node);
        jvm.destroyForcibly();
        jvm.onExit().get(30, TimeUnit.SECONDS);
        LOG.info(() -> "node-" + node + " killed (SIGKILL, pid " + jvm.pid() + ")");
    }

    /**
     * Writes node A's ({@code "a"}) or B's thread dump to {@code target/cluster/node-X-threads-<time>.txt}
     * (for a test that failed waiting on the node); answers the file, or null when none could be taken.
     */
    java.nio.file.Path threadDump(String node) {
        try {
            java.nio.file.Path file = java.nio.file.Path.of("target", "cluster",
                    "node-" + node + "-threads-" + System.currentTimeMillis() + ".txt");
            String jcmd = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
            Process dump = new ProcessBuilder(jcmd, Long.toString(jvm(node).pid()), "Thread.print")
                    .redirectErrorStream(true).redirectOutput(file.toFile()).start();
            return dump.waitFor(30, TimeUnit.SECONDS) ? file : null;
        } catch (Exception e) {
            LOG.warning(() -> "no thread dump of node-" + node + ": " + e);
            return null;
        }
    }

    private ProcessHandle jvm(String node) {
        String name = "-Djboss.node.name=node-" + node;
        return process.descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                .filter(p -> p.info().arguments().map(args -> List.of(args).contains(name)).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("no JVM of node-" + node + " found"));
    }

    @Override
    public void close() {
        List<ProcessHandle> all = process.descendants().toList();
        process.destroy();  // SIGTERM: the script stops the balancer, the nodes and the broker in turn
        try {
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                LOG.warning("run-cluster.sh did not stop within 90 s; killing what is left");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        brokerLink.close();
    }
}
