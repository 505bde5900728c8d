package io.vigil.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/** The scenarios, each measured against a running {@link BenchServer}; each answers one report row. */
final class Scenarios {

    private static final Logger LOG = Logger.getLogger(Scenarios.class.getName());
    private static final long DRAIN_SECONDS = 60;
    /** The soak compares its database's size over two such windows (one retention run each). */
    static final int SOAK_WINDOW_MINUTES = 10;

    private final Target server;
    private final Rest rest;
    private final Options options;
    private final String database;
    private final HttpClient http = HttpClient.newHttpClient();
    /** Numbers the runs of a whole benchmark, so that scenarios sharing a database never reuse a device id. */
    private static final AtomicInteger RUNS = new AtomicInteger();

    /** Sizes and times of one benchmark run. */
    record Options(int warmupSeconds, int seconds, int devices, int window, int batchWindow, int openDevices,
                   int openRatePerDevice, int idleConnections, List<Integer> monitorCounts, Seed.Plan seed,
                   PageLoad page, List<FleetLoad.Shape> fleets) {

        Options withSeed(Seed.Plan plan) {
            return new Options(warmupSeconds, seconds, devices, window, batchWindow, openDevices, openRatePerDevice,
                    idleConnections, monitorCounts, plan, page, fleets);
        }

        Options withSeconds(int measured) {
            return new Options(warmupSeconds, measured, devices, window, batchWindow, openDevices, openRatePerDevice,
                    idleConnections, monitorCounts, seed, page, fleets);
        }
    }

    /** The admin page's load check: how many seeded devices stream, how fast each, for how long. */
    record PageLoad(int streaming, double ratePerDevice, int seconds) {
    }

    Scenarios(Target server, Options options, String database) {
        this.server = server;
        this.options = options;
        this.database = database;
        this.rest = new Rest(server.http(), http);
    }

    /** The echo endpoint, closed loop, with the same connections and window as {@link #closedLoop}. */
    Row echo(int batch, int window) throws Exception {
        Latencies latency = new Latencies();
        AtomicLong done = new AtomicLong();
        List<LoadClient> clients = new ArrayList<>();
        for (int i = 0; i < options.devices(); i++) {
            clients.add(LoadClient.echo(http, server.ws(), batch, window, true, latency, done));
        }
        double seconds = measure(clients, List.of());
        clients.forEach(LoadClient::close);
        double messages = done.get() / (double) batch / seconds;
        return new Row(database, "echo ceiling, " + label(batch, window), 0, messages, "round trips/s", null,
                latency.percentileMillis(50), latency.percentileMillis(99), Double.NaN, Double.NaN,
                String.format("%,.0f readings/s", done.get() / seconds), Report.NOT_CHECKED);
    }

    /** Vigil, closed loop: every device keeps {@code window} readings unacked. */
    Row closedLoop(int batch, int window, int monitorCount, Row echo) throws Exception {
        Latencies ack = new Latencies();
        Latencies page = new Latencies();
        AtomicLong acked = new AtomicLong();
        List<MonitorProbe> monitors = monitors(monitorCount, page);
        List<String> ids = register("closed" + batch, options.devices());
        List<LoadClient> clients = connect(ids, batch, window, true, ack, acked);
        double seconds = measure(clients, monitors);
        String lost = drainAndVerify(ids, clients);
        monitors.forEach(MonitorProbe::close);
        double rate = acked.get() / seconds;
        double echoReadings = echo.rate() * batch;
        Row row = new Row(database, "Vigil, " + label(batch, window), monitorCount, rate, "readings/s",
                rate / echoReadings, ack.percentileMillis(50), ack.percentileMillis(99), page.percentileMillis(50),
                page.percentileMillis(99), null, lost);
        return batch == 1 ? Goals.single(row) : row;
    }

    /** The echo endpoint, closed loop of single messages, through the Node.js generator ({@link NodeLoad}). */
    Row nodeEcho(int window) throws Exception {
        List<NodeLoad.Device> connections = new ArrayList<>();
        for (int i = 0; i < options.devices(); i++) {
            connections.add(new NodeLoad.Device("echo-" + i, ""));
        }
        NodeLoad.Result result = NodeLoad.run(server.ws(), "echo", connections, window, options.warmupSeconds(),
                options.seconds(), (int) DRAIN_SECONDS, () -> { }, () -> { });
        double rate = result.acked() / result.seconds();
        return new Row(database, "Node ws: echo ceiling, " + label(1, window), 0, rate, "round trips/s", null,
                result.p50Millis(), result.p99Millis(), Double.NaN, Double.NaN, null, Report.NOT_CHECKED);
    }

    /** Vigil, closed loop of single messages through the Node.js generator; the monitors measure its window. */
    Row nodeClosedLoop(int window, int monitorCount, Row echo) throws Exception {
        Latencies page = new Latencies();
        List<MonitorProbe> monitors = monitors(monitorCount, page);
        List<String> ids = register("node", options.devices());
        List<NodeLoad.Device> devices = new ArrayList<>();
        for (String id : ids) {
            devices.add(new NodeLoad.Device(id, rest.register(id)));
        }
        NodeLoad.Result result = NodeLoad.run(server.ws(), "device", devices, window, options.warmupSeconds(),
                options.seconds(), (int) DRAIN_SECONDS, () -> monitors.forEach(m -> m.measure(true)),
                () -> monitors.forEach(m -> m.measure(false)));
        monitors.forEach(MonitorProbe::close);
        List<String> problems = new ArrayList<>();
        for (String id : ids) {
            long[] sentAcked = result.devices().get(id);
            if (sentAcked == null) {
                problems.add(id + ": not reported by the generator");
            } else {
                checkDevice(id, sentAcked[0], sentAcked[1], problems);
            }
        }
        if (!problems.isEmpty()) {
            LOG.severe("Lost or duplicated readings: " + problems);
        }
        double rate = result.acked() / result.seconds();
        return Goals.single(new Row(database, "Node ws: Vigil, " + label(1, window), monitorCount, rate,
                "readings/s", rate / echo.rate(), result.p50Millis(), result.p99Millis(), page.percentileMillis(50),
                page.percentileMillis(99), null, problems.isEmpty() ? null
                        : problems.size() + " device(s): " + problems.get(0)));
    }

    /** Vigil, open loop: devices send single readings at a fixed rate, whatever is unacked. */
    Row openLoop(int monitorCount) throws Exception {
        Latencies ack = new Latencies();
        Latencies page = new Latencies();
        AtomicLong acked = new AtomicLong();
        List<MonitorProbe> monitors = monitors(monitorCount, page);
        List<String> ids = register("open", options.openDevices());
        List<LoadClient> clients = connect(ids, 1, Integer.MAX_VALUE, false, ack, acked);
        long period = TimeUnit.SECONDS.toNanos(1) / options.openRatePerDevice();
        long start = System.nanoTime();
        long[] due = new long[clients.size()];
        for (int i = 0; i < due.length; i++) {
            due[i] = start + period * i / due.length;  // spread evenly, not in lock-step
        }
        long measureFrom = start + TimeUnit.SECONDS.toNanos(options.warmupSeconds());
        long end = measureFrom + TimeUnit.SECONDS.toNanos(options.seconds());
        boolean measuring = false;
        while (System.nanoTime() < end) {
            long now = System.nanoTime();
            if (!measuring && now >= measureFrom) {
                measuring = true;
                clients.forEach(c -> c.measure(true));
                monitors.forEach(m -> m.measure(true));
            }
            for (int i = 0; i < due.length; i++) {
                while (due[i] <= now) {
                    clients.get(i).sendOne();
                    due[i] += period;
                }
            }
            TimeUnit.MILLISECONDS.sleep(2);
        }
        clients.forEach(c -> c.measure(false));
        monitors.forEach(m -> m.measure(false));
        String lost = drainAndVerify(ids, clients);
        monitors.forEach(MonitorProbe::close);
        double offered = (double) options.openDevices() * options.openRatePerDevice();
        return Goals.openLoop(new Row(database, "Vigil, open loop " + options.openDevices() + " devices x "
                + options.openRatePerDevice() + "/s", monitorCount, acked.get() / (double) options.seconds(),
                "readings/s", null, ack.percentileMillis(50), ack.percentileMillis(99), page.percentileMillis(50),
                page.percentileMillis(99), String.format("offered %,.0f/s", offered), lost));
    }

    /**
     * A fleet ({@link FleetLoad}): the seeded {@code fleet-*} devices connect, then each sends its readings on
     * its ticks for the warm-up and the measured seconds; ack and device-to-page latency, then the drain and
     * the stored-exactly-once check of every device, and the storage the run added per stored reading
     * ({@code storage}: the database's size now).
     */
    Row fleet(FleetLoad.Shape shape, int monitorCount, java.util.function.LongSupplier storage) throws Exception {
        Latencies ack = new Latencies();
        Latencies page = new Latencies();
        List<MonitorProbe> monitors = monitors(monitorCount, page);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < shape.devices(); i++) {
            ids.add(Seed.fleetDeviceId(i));
        }
        long storedBefore;
        long bytesBefore = storage.getAsLong();
        String lost;
        double seconds;
        long acked;
        long sent = 0;
        String idleHeap = "";
        Map<String, Long> heapBefore = shape.devices() >= 10_000 ? server.liveHeap() : null;
        try (FleetLoad fleet = new FleetLoad(server.ws(), ids, Seed::fleetToken, shape, ack)) {
            if (heapBefore != null) {
                // Every device connected and welcomed, nothing sent yet: what an idle connection costs the server.
                idleHeap = "; " + heapPerConnection(heapBefore, server.liveHeap(), fleet.size());
            }
            storedBefore = 0;
            for (int i = 0; i < fleet.size(); i++) {
                storedBefore += fleet.acked(i);
            }
            fleet.startSending();
            TimeUnit.SECONDS.sleep(options.warmupSeconds());
            long start = System.nanoTime();
            fleet.measure(true);
            monitors.forEach(m -> m.measure(true));
            TimeUnit.SECONDS.sleep(options.seconds());
            fleet.measure(false);
            monitors.forEach(m -> m.measure(false));
            seconds = (System.nanoTime() - start) / 1e9;
            acked = fleet.ackedWhileMeasuring();
            drain(fleet);
            lost = verifyFleet(fleet);
            for (int i = 0; i < fleet.size(); i++) {
                sent += fleet.sent(i);
            }
        }
        monitors.forEach(MonitorProbe::close);
        long storedByRun = sent - storedBefore;
        long bytesAfter = storage.getAsLong();
        String disk = bytesBefore < 0 ? "" : String.format(Locale.ROOT, "; database %,.1f MB -> %,.1f MB, %,.0f bytes"
                + " per reading stored", bytesBefore / 1e6, bytesAfter / 1e6,
                (bytesAfter - bytesBefore) / (double) Math.max(1, storedByRun));
        return Goals.fleet(new Row(database, shape.label(), monitorCount, acked / seconds, "readings/s", null,
                ack.percentileMillis(50), ack.percentileMillis(99), page.percentileMillis(50),
                page.percentileMillis(99), String.format(Locale.ROOT, "offered %,.0f/s (%,.0f values/s)",
                shape.offeredPerSecond(), shape.offeredPerSecond() * shape.metrics()) + disk + idleHeap, lost),
                shape.offeredPerSecond());
    }

    /**
     * The disk over time: a fleet sends for {@code minutes} readings whose {@code ts} is just inside the
     * server's retention ({@code retentionDays} minus {@code ageMarginMinutes}), so retention, which runs
     * every 10 minutes, deletes them minutes after they are stored and, once it has run, as much as arrives;
     * the database's size is sampled every minute. The file must stop growing. The readings' exactly-once
     * check does not apply (retention deleted most of them); every device is checked to have had every
     * reading acked.
     */
    Row soak(int devices, long periodMillis, int minutes, int retentionDays, int ageMarginMinutes,
             java.util.function.LongSupplier storage) throws Exception {
        FleetLoad.Shape shape = new FleetLoad.Shape(devices, periodMillis, 10, false,
                TimeUnit.DAYS.toMillis(retentionDays) - TimeUnit.MINUTES.toMillis(ageMarginMinutes));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < devices; i++) {
            ids.add(Seed.fleetDeviceId(i));
        }
        Latencies ack = new Latencies();
        List<String> samples = new ArrayList<>();
        long[] sizes = new long[minutes];
        long bytesBefore = storage.getAsLong();
        long acked;
        double seconds;
        String lost;
        try (FleetLoad fleet = new FleetLoad(server.ws(), ids, Seed::fleetToken, shape, ack)) {
            fleet.startSending();
            fleet.measure(true);
            long start = System.nanoTime();
            for (int minute = 1; minute <= minutes; minute++) {
                TimeUnit.NANOSECONDS.sleep(start + TimeUnit.MINUTES.toNanos(minute) - System.nanoTime());
                long bytes = storage.getAsLong();
                sizes[minute - 1] = bytes;
                long ackedSoFar = fleet.ackedWhileMeasuring();
                samples.add(String.format(Locale.ROOT, "%d min %.0f MB", minute, bytes / 1e6));
                int m = minute;
                LOG.info(() -> String.format(Locale.ROOT, "Soak minute %d: %,d readings acked, database %,.1f MB",
                        m, ackedSoFar, bytes / 1e6));
            }
            fleet.measure(false);
            seconds = (System.nanoTime() - start) / 1e9;
            acked = fleet.ackedWhileMeasuring();
            drain(fleet);
            lost = fleet.drained() ? null : "some readings were never acked: " + fleet.failures();
        }
        return Goals.soak(new Row(database, String.format(Locale.ROOT, "soak: %,d devices x 10 metrics every %d ms for %d min,"
                        + " each reading deleted by retention about %d min after it is stored", devices, periodMillis,
                minutes, ageMarginMinutes), 0, acked / seconds, "readings/s", null, ack.percentileMillis(50),
                ack.percentileMillis(99), Double.NaN, Double.NaN, String.format(Locale.ROOT,
                "%,d readings acked; database %.0f MB at the start, then %s", acked, bytesBefore / 1e6,
                String.join(", ", samples)), lost == null ? Report.NOT_CHECKED : lost), stoppedGrowing(sizes));
    }

    /**
     * Whether the database stopped growing: its mean size over the last {@link #SOAK_WINDOW_MINUTES} is within
     * 10% of its mean over the same time before (retention runs every 10 minutes, so each window holds one
     * run, the peak its deletes make and the trough after compaction); false when the soak was too short to
     * hold two windows after the first run.
     */
    static boolean stoppedGrowing(long[] sizes) {
        if (sizes.length < 15 + 2 * SOAK_WINDOW_MINUTES) {
            return false;
        }
        double before = 0;
        double last = 0;
        for (int i = sizes.length - 2 * SOAK_WINDOW_MINUTES; i < sizes.length; i++) {
            if (i < sizes.length - SOAK_WINDOW_MINUTES) {
                before += sizes[i] / (double) SOAK_WINDOW_MINUTES;
            } else {
                last += sizes[i] / (double) SOAK_WINDOW_MINUTES;
            }
        }
        return last <= before * 1.10;
    }

    /** Stops the fleet's sending and waits, at most {@link #DRAIN_SECONDS}, for the last acks. */
    private static void drain(FleetLoad fleet) throws InterruptedException {
        fleet.stopSending();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_SECONDS);
        while (!fleet.drained() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    /** Live heap grown by {@code open} connections, per connection, with the classes that grew most (logged). */
    private static String heapPerConnection(Map<String, Long> before, Map<String, Long> after, long open) {
        long grown = after.get("Total") - before.get("Total");
        LOG.info(() -> "Heap grown by " + open + " idle connections, biggest classes (bytes per connection): "
                + after.entrySet().stream().filter(e -> !e.getKey().equals("Total"))
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(40)
                .map(e -> e.getKey() + "=" + e.getValue() / Math.max(1, open)).toList());
        return String.format(Locale.ROOT, "%,d idle connections: %,.0f bytes of heap each after GC", open,
                grown / (double) Math.max(1, open));
    }

    /** Every fleet device acked all it sent, and stored each of its readings once; null when so. */
    private String verifyFleet(FleetLoad fleet) throws Exception {
        List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        if (fleet.failures() != null) {
            problems.add(fleet.failures());
        }
        ExecutorService checking = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> checks = new ArrayList<>();
            for (int i = 0; i < fleet.size(); i++) {
                int index = i;
                checks.add(checking.submit(() -> {
                    checkDevice(fleet.id(index), fleet.sent(index), fleet.acked(index), problems);
                    return null;
                }));
            }
            for (Future<?> check : checks) {
                check.get(5, TimeUnit.MINUTES);
            }
        } finally {
            checking.shutdown();
        }
        if (!problems.isEmpty()) {
            LOG.severe("Fleet: lost or duplicated readings: " + problems.subList(0, Math.min(20, problems.size())));
            return problems.size() + " problem(s): " + problems.get(0);
        }
        return null;
    }

    /** Seeded devices connect and stay idle: live heap after GC per connection. */
    Row idleConnections() throws Exception {
        int count = Math.min(options.idleConnections(), options.seed().devices());
        Map<String, Long> before = server.liveHeap();
        List<WsConnection> connections = new ArrayList<>();
        ExecutorService opening = Executors.newFixedThreadPool(16);
        try {
            List<Future<WsConnection>> pending = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                pending.add(opening.submit(() -> WsConnection.open(http,
                        server.ws().resolve("/ws/devices/" + Seed.deviceId(index)), "Bearer " + Seed.token(index), text -> { })));
            }
            for (Future<WsConnection> connection : pending) {
                connections.add(connection.get(2, TimeUnit.MINUTES));
            }
        } finally {
            opening.shutdown();
        }
        long open = connections.stream().filter(c -> !c.closed.isDone()).count();
        Map<String, Long> after = server.liveHeap();
        connections.forEach(WsConnection::close);
        return new Row(database, "idle device connections", 0, open, "connections held", null, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, heapPerConnection(before, after, open), Report.NOT_CHECKED);
    }

    /** The REST history of the seeded device with the most readings: best and median of three. */
    Row history() throws Exception {
        Timed timed = timed(() -> rest.history(Seed.HISTORY_DEVICE));
        int readings = countOf(timed.answer(), "\"seq\":");
        return new Row(database, "REST history of one device", 0, readings / (timed.median() / 1000.0), "readings/s",
                null, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                String.format("%,d readings in %.0f ms (median of 3; best %.0f ms)", readings, timed.median(),
                        timed.best()), Report.NOT_CHECKED);
    }

    /**
     * The page's chart of the same device: all of its readings folded into the server's automatic buckets
     * ({@code /history}, min/mean/max per metric; under a minute wide, so from the readings themselves, as
     * for every range shorter than about 16 hours); best and median of three.
     */
    Row chartHistory() throws Exception {
        long to = System.currentTimeMillis();
        long from = to - 2 * 3_600_000L - options.seed().historyReadings() * 100L - 60_000;
        Timed timed = timed(() -> rest.chartHistory(Seed.HISTORY_DEVICE, from, to));
        int readings = options.seed().historyReadings();
        return new Row(database, "chart history of one device", 0, readings / (timed.median() / 1000.0),
                "readings/s", null, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                String.format("%,d readings of 3 metrics folded into buckets in %.0f ms (median of 3; best %.0f ms)",
                        readings, timed.median(), timed.best()), Report.NOT_CHECKED);
    }

    /**
     * The page's longest chart: the seeded device with days of ten metrics at one reading a second, its whole
     * range in the automatic buckets (hours wide, so from the roll-ups); best and median of three, and a
     * check that every seeded reading is counted exactly once in the answer.
     */
    Row longChart() throws Exception {
        Seed.Plan plan = options.seed();
        long to = System.currentTimeMillis();
        long from = to - (plan.chartDays() + 1) * 86_400_000L;
        Timed timed = timed(() -> rest.chartHistory(Seed.CHART_DEVICE, from, to));
        String json = timed.answer();
        long counted = sumOfCounts(json, "m0");
        int points = seriesLength(json, "m0");
        String lost = counted == plan.chartReadings() ? null
                : "the chart counts " + counted + " readings of m0, " + plan.chartReadings() + " were stored";
        return new Row(database, "chart of " + plan.chartDays() + (plan.chartDays() == 1 ? " day" : " days")
                + ", 10 metrics at 1 Hz", 0,
                plan.chartReadings() / (timed.median() / 1000.0), "readings/s", null, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, String.format("%,d readings of %d metrics as %,d points per metric in %.0f ms"
                        + " (median of 3; best %.0f ms)", plan.chartReadings(), Seed.CHART_METRICS, points,
                        timed.median(), timed.best()), lost);
    }

    /** A request's answer and its times: one warm-up, then three timed. */
    private record Timed(String answer, double best, double median) {
    }

    private static Timed timed(java.util.concurrent.Callable<String> request) throws Exception {
        String answer = request.call();  // warm-up
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            answer = request.call();
            times.add((System.nanoTime() - start) / 1e6);
        }
        times.sort(Double::compare);
        return new Timed(answer, times.get(0), times.get(1));
    }

    /** The numbers of one series' column {@code "n"} in a history answer, added up. */
    private static long sumOfCounts(String json, String metric) {
        long sum = 0;
        for (String number : column(json, metric, "n")) {
            sum += Long.parseLong(number);
        }
        return sum;
    }

    private static int seriesLength(String json, String metric) {
        return column(json, metric, "n").length;
    }

    private static String[] column(String json, String metric, String name) {
        int series = json.indexOf("\"" + metric + "\":{");
        int start = json.indexOf("\"" + name + "\":[", series) + name.length() + 4;
        String numbers = json.substring(start, json.indexOf(']', start));
        return numbers.isEmpty() ? new String[0] : numbers.split(",");
    }

    private static int countOf(String text, String key) {
        int count = 0;
        for (int at = text.indexOf(key); at >= 0; at = text.indexOf(key, at + 1)) {
            count++;
        }
        return count;
    }

    private List<MonitorProbe> monitors(int count, Latencies page) {
        List<MonitorProbe> monitors = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            monitors.add(new MonitorProbe(http, server.ws(), page));
        }
        return monitors;
    }

    private List<String> register(String kind, int count) throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        int run = RUNS.incrementAndGet();
        for (int i = 0; i < count; i++) {
            ids.add("bench-" + kind + "-" + run + "-" + i);
        }
        return ids;
    }

    private List<LoadClient> connect(List<String> ids, int batch, int window, boolean closedLoop, Latencies ack,
                                     AtomicLong acked) throws Exception {
        List<LoadClient> clients = new ArrayList<>();
        for (String id : ids) {
            String token = rest.register(id);
            clients.add(LoadClient.device(http, server.ws(), id, token, batch, window, closedLoop, ack, acked));
        }
        return clients;
    }

    /** Warm-up, then the measured seconds; answers the measured time in seconds. */
    private double measure(List<LoadClient> clients, List<MonitorProbe> monitors) throws InterruptedException {
        clients.forEach(c -> c.start(false));
        TimeUnit.SECONDS.sleep(options.warmupSeconds());
        long start = System.nanoTime();
        clients.forEach(c -> c.measure(true));
        monitors.forEach(m -> m.measure(true));
        TimeUnit.SECONDS.sleep(options.seconds());
        clients.forEach(c -> c.measure(false));
        monitors.forEach(m -> m.measure(false));
        double seconds = (System.nanoTime() - start) / 1e9;
        clients.forEach(LoadClient::stop);
        return seconds;
    }

    /** Stops the load, waits for the last acks, and checks every device's history: null when nothing is wrong. */
    private String drainAndVerify(List<String> ids, List<LoadClient> clients) throws Exception {
        clients.forEach(LoadClient::stop);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_SECONDS);
        while (clients.stream().anyMatch(c -> c.acked() < c.sent()) && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            LoadClient client = clients.get(i);
            checkDevice(ids.get(i), client.sent(), client.acked(), problems);
            client.close();
        }
        if (!problems.isEmpty()) {
            LOG.severe("Lost or duplicated readings: " + problems);
            return problems.size() + " device(s): " + problems.get(0);
        }
        return null;
    }

    /**
     * One device's end-of-run check, whichever generator drove it: everything it sent was acked, and what
     * was acked is stored exactly once; adds what is wrong to {@code problems}.
     */
    private void checkDevice(String id, long sent, long acked, List<String> problems)
            throws IOException, InterruptedException {
        if (acked < sent) {
            problems.add(id + ": " + (sent - acked) + " readings never acked");
        }
        String problem = rest.checkExactlyOnce(id, acked);
        if (problem != null) {
            problems.add(problem);
        }
    }

    private String label(int batch, int window) {
        return options.devices() + " devices, " + (batch == 1 ? "single messages, " + window + " unacked each"
                : "batches of " + batch + ", " + window + " readings unacked each");
    }
}
