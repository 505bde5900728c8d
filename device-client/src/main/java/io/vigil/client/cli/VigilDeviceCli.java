package io.vigil.client.cli;

import io.vigil.client.simulator.OperatorCredentials;
import io.vigil.client.simulator.Simulation;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

/**
 * {@code vigil-device}: the command line of the device SDK.
 * {@code vigil-device simulate --url ws://localhost:8080 --devices N --rate R}
 * runs a fleet of simulated pumps until Ctrl-C (or {@code --duration}).
 */
public final class VigilDeviceCli {

    private static final Logger LOG = Logger.getLogger(VigilDeviceCli.class.getName());

    private static final String USAGE = """
            usage: vigil-device simulate [options]
              --url URL            server base URL (default ws://localhost:8080)
              --devices N          how many devices (default 5)
              --rate R             readings per second per device (default 1; 0.1 = one every 10 s)
              --prefix P           device ids are P1..PN (default sim-)
              --state-dir DIR      tokens and outboxes, kept across runs (default ./vigil-devices)
              --user NAME          the operator who registers new devices (default admin)
              --password-file F    a file holding that operator's password (else $VIGIL_PASSWORD)
              --duration S         produce for S seconds, then deliver what is pending and exit (default: until Ctrl-C)
              --drain-timeout S    how long to wait for pending readings at the end (default 60)
              --outages on|off     now and then take a device off the network for 70-100 s (default on)
              --wait-for-server S  wait up to S seconds for the server to answer first (default 30)
              --status-every S     log the fleet's counters every S seconds (default 10)
            Exit status: 0 when every reading produced was acknowledged, 1 when some are still pending, 2 on bad usage.
            """;

    private VigilDeviceCli() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(List.of(args)));
    }

    static int run(List<String> args) throws Exception {
        if (args.isEmpty() || !"simulate".equals(args.get(0))) {
            System.err.print(USAGE);
            return 2;
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.size(); i += 2) {
            String name = args.get(i);
            if (!name.startsWith("--") || i + 1 >= args.size()) {
                System.err.print("bad option " + name + "\n" + USAGE);
                return 2;
            }
            options.put(name.substring(2), args.get(i + 1));
        }
        URI url = URI.create(options.getOrDefault("url", "ws://localhost:8080"));
        int devices = Integer.parseInt(options.getOrDefault("devices", "5"));
        double rate = Double.parseDouble(options.getOrDefault("rate", "1"));
        String prefix = options.getOrDefault("prefix", "sim-");
        Path stateDir = Path.of(options.getOrDefault("state-dir", "vigil-devices"));
        long duration = Long.parseLong(options.getOrDefault("duration", "0"));
        long drainTimeout = Long.parseLong(options.getOrDefault("drain-timeout", "60"));
        boolean outages = !"off".equals(options.getOrDefault("outages", "on"));
        long waitForServer = Long.parseLong(options.getOrDefault("wait-for-server", "30"));
        long statusMillis = Math.max(1, Long.parseLong(options.getOrDefault("status-every", "10"))) * 1000;
        if (devices < 1 || rate <= 0 || rate > 1000) {
            System.err.print("--devices must be >= 1 and --rate in (0, 1000]\n" + USAGE);
            return 2;
        }

        Simulation simulation = new Simulation(outages);
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            simulation.stopProducing();
            try {
                simulation.awaitDrained(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            simulation.close();
        }, "vigil-simulator-stop");
        Runtime.getRuntime().addShutdownHook(hook);

        String password = System.getenv("VIGIL_PASSWORD");
        OperatorCredentials operator = new OperatorCredentials(options.getOrDefault("user", "admin"),
                password == null || password.isBlank() ? null : password,
                options.containsKey("password-file") ? Path.of(options.get("password-file")) : null);
        simulation.start(url, stateDir, operator, prefix, devices, rate, Duration.ofSeconds(waitForServer));
        LOG.info("Simulating " + devices + " devices at " + rate + " readings/s each against " + url
                + " (state in " + stateDir.toAbsolutePath() + ")");
        long deadline = duration > 0 ? System.nanoTime() + Duration.ofSeconds(duration).toNanos() : Long.MAX_VALUE;
        while (System.nanoTime() < deadline) {
            if (stop.await(Math.min(statusMillis, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)),
                    java.util.concurrent.TimeUnit.MILLISECONDS)) {
                return 0;
            }
            if (System.nanoTime() < deadline) {
                LOG.info("status " + simulation.status());
            }
        }
        simulation.stopProducing();
        boolean drained = simulation.awaitDrained(Duration.ofSeconds(drainTimeout));
        String summary = simulation.status();
        Runtime.getRuntime().removeShutdownHook(hook);
        simulation.close();
        System.out.println("summary " + summary);
        return drained ? 0 : 1;
    }
}
