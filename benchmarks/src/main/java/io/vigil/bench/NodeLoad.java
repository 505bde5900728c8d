package io.vigil.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The second load generator: {@code benchmarks/node/closed-loop.mjs}, the
 * Node.js {@code ws} client in a process of its own, keeping a window of
 * single readings unacked per device exactly as {@link LoadClient} does. Its
 * npm packages are installed from {@code package-lock.json} ({@code npm ci})
 * the first time. It reports as it goes, so monitors measure the same window
 * it does.
 */
final class NodeLoad {

    private static final Logger LOG = Logger.getLogger(NodeLoad.class.getName());

    /** A device connection the script opens. */
    record Device(String id, String token) {
    }

    /** What one run measured: acks in the window, their latency, and each device's sent and acked. */
    record Result(double seconds, long acked, double p50Millis, double p99Millis, Map<String, long[]> devices) {
    }

    private NodeLoad() {
    }

    /** The script's directory ({@code vigil.bench.node}). */
    static Path dir() {
        return Path.of(System.getProperty("vigil.bench.node", "node")).toAbsolutePath();
    }

    /**
     * Runs one closed loop: {@code mode} "device" (the devices sign in) or
     * "echo" (the echo endpoint; the devices only count the connections).
     * {@code onMeasuring} runs when the script's window opens, {@code onMeasured} when it closes.
     */
    static Result run(URI ws, String mode, List<Device> devices, int window, int warmupSeconds, int seconds,
                      int drainSeconds, Runnable onMeasuring, Runnable onMeasured) throws IOException,
            InterruptedException {
        installPackages();
        // Never the JVM's own streams: in the smoke run they are the test fork's channel to Maven.
        Path errors = Files.createTempFile("vigil-node-load", ".log");
        Process process = start(new ProcessBuilder("node", "closed-loop.mjs").directory(dir().toFile())
                .redirectError(errors.toFile()));
        try (OutputStream in = process.getOutputStream()) {
            in.write(input(ws, mode, devices, window, warmupSeconds, seconds, drainSeconds)
                    .getBytes(StandardCharsets.UTF_8));
        }
        double measured = Double.NaN;
        long acked = 0;
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        Map<String, long[]> perDevice = new LinkedHashMap<>();
        boolean done = false;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                String[] fact = line.split(" ");
                switch (fact[0]) {
                    case "measuring" -> onMeasuring.run();
                    case "measured" -> {
                        onMeasured.run();
                        measured = Double.parseDouble(fact[1]);
                    }
                    case "acked" -> acked = Long.parseLong(fact[1]);
                    case "p50" -> p50 = Double.parseDouble(fact[1]);
                    case "p99" -> p99 = Double.parseDouble(fact[1]);
                    case "device" -> perDevice.put(fact[1], new long[] {Long.parseLong(fact[2]),
                            Long.parseLong(fact[3])});
                    case "done" -> done = true;
                    default -> LOG.info(() -> "node: " + String.join(" ", fact));
                }
            }
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        if (!done || process.exitValue() != 0) {
            throw new IllegalStateException("the Node.js load generator failed (exit " + process.exitValue()
                    + "): " + Files.readString(errors));
        }
        Files.deleteIfExists(errors);
        return new Result(measured, acked, p50, p99, perDevice);
    }

    private static String input(URI ws, String mode, List<Device> devices, int window, int warmupSeconds,
                                int seconds, int drainSeconds) {
        List<String> specs = new ArrayList<>();
        for (Device device : devices) {
            specs.add("{\"id\":\"" + device.id() + "\",\"token\":\"" + device.token() + "\"}");
        }
        String base = ws.toString().replaceAll("/+$", "");
        return "{\"ws\":\"" + base + "\",\"mode\":\"" + mode + "\",\"devices\":[" + String.join(",", specs)
                + "],\"window\":" + window + ",\"warmupSeconds\":" + warmupSeconds + ",\"seconds\":" + seconds
                + ",\"drainSeconds\":" + drainSeconds + "}";
    }

    /** {@code npm ci} once, from the lock file; fails loudly when Node.js or npm is missing. */
    private static synchronized void installPackages() throws IOException, InterruptedException {
        if (Files.isDirectory(dir().resolve("node_modules/ws"))) {
            return;
        }
        LOG.info(() -> "Installing the Node.js generator's packages in " + dir());
        Path log = Files.createTempFile("vigil-npm-ci", ".log");
        Process npm = start(new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(dir().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(log.toFile()));
        if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            throw new IllegalStateException("npm ci failed in " + dir() + ": " + Files.readString(log));
        }
        Files.deleteIfExists(log);
    }

    private static Process start(ProcessBuilder builder) throws IOException {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new IOException("the benchmark's second load generator needs Node.js 18+ and npm on the PATH ("
                    + String.join(" ", builder.command()) + ": " + e.getMessage() + ")", e);
        }
    }
}
