package io.vigil.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin page under load, in the real page in headless Chromium: every
 * seeded device registered, some of them streaming (open loop, readings
 * spread evenly), the fleet view open. Inside the page a
 * {@code PerformanceObserver} counts long tasks (main-thread work over 50 ms,
 * which a user feels as a stutter), and the page's own counters
 * ({@code vigil.stats}) give each reading's delay from its device's
 * {@code ts} to the page; the JS heap is read after a forced GC at the start
 * and at the end. The figures are printed, not
 * judged.
 */
final class PageLoadCheck {

    private static final Logger LOG = Logger.getLogger(PageLoadCheck.class.getName());
    private static final long HEAP_SAMPLE_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** Collects long tasks and reading delays inside the page; installed once the page is up. */
    private static final String PROBE = """
            window.__vigilProbe = {longTasks: 0, longTaskMs: 0, longestMs: 0};
            new PerformanceObserver((list) => {
              for (const e of list.getEntries()) {
                const p = window.__vigilProbe;
                p.longTasks++; p.longTaskMs += e.duration; p.longestMs = Math.max(p.longestMs, e.duration);
              }
            }).observe({type: 'longtask', buffered: false});
            """;

    private PageLoadCheck() {
    }

    static boolean browserAvailable() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /**
     * Runs the check: {@code streaming} seeded devices each send {@code perDeviceRate} readings a second
     * for {@code seconds} while the page watches. Answers the report's row.
     */
    static Row run(BenchServer server, String database, int registered, int streaming, double perDeviceRate,
                   int warmupSeconds, int seconds) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Path profile = Files.createTempDirectory("vigil-bench-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,900",
                "--enable-precise-memory-info", "--js-flags=--expose-gc", "--user-data-dir=" + profile);
        WebDriver driver = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build(), options);
        List<LoadClient> clients = new ArrayList<>();
        try {
            signIn(driver, server.http());
            new WebDriverWait(driver, Duration.ofSeconds(120)).until(d -> pageDevices(d) >= registered);
            JavascriptExecutor js = (JavascriptExecutor) driver;
            js.executeScript(PROBE);

            AtomicLong acked = new AtomicLong();
            for (int i = 0; i < streaming; i++) {
                clients.add(LoadClient.device(http, server.ws(), Seed.deviceId(i), Seed.token(i), 1, Integer.MAX_VALUE,
                        false, new Latencies(), acked));
            }
            long period = (long) (TimeUnit.SECONDS.toNanos(1) / perDeviceRate);
            long start = System.nanoTime();
            long[] due = new long[clients.size()];
            for (int i = 0; i < due.length; i++) {
                due[i] = start + period * i / due.length;
            }
            long measureFrom = start + TimeUnit.SECONDS.toNanos(warmupSeconds);
            long end = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
            double heapStart = Double.NaN;
            List<String> heapSamples = new ArrayList<>();
            long nextSample = measureFrom;
            long sentAtStart = 0;
            while (System.nanoTime() < end) {
                long now = System.nanoTime();
                if (now >= nextSample && !Double.isNaN(heapStart)) {
                    heapSamples.add(String.format(Locale.ROOT, "%.1f", heapAfterGc(js) / 1e6));
                    nextSample += HEAP_SAMPLE_NANOS;
                }
                if (Double.isNaN(heapStart) && now >= measureFrom) {
                    heapStart = heapAfterGc(js);
                    heapSamples.add(String.format(Locale.ROOT, "%.1f", heapStart / 1e6));
                    nextSample = now + HEAP_SAMPLE_NANOS;
                    js.executeScript("Object.assign(window.__vigilProbe, {longTasks: 0, longTaskMs: 0, longestMs: 0});"
                            + " vigil.stats.delays.length = 0; vigil.stats.readings = 0;");
                    sentAtStart = clients.stream().mapToLong(LoadClient::sent).sum();
                }
                for (int i = 0; i < due.length; i++) {
                    while (due[i] <= now) {
                        clients.get(i).sendOne();
                        due[i] += period;
                    }
                }
                TimeUnit.MILLISECONDS.sleep(5);
            }
            long sent = clients.stream().mapToLong(LoadClient::sent).sum() - sentAtStart;
            @SuppressWarnings("unchecked")
            Map<String, Object> probe = (Map<String, Object>) js.executeScript(
                    "const p = window.__vigilProbe; const d = vigil.stats.delays.slice().sort((a, b) => a - b);"
                    + "return {longTasks: p.longTasks, longTaskMs: p.longTaskMs, longestMs: p.longestMs, handled: vigil.stats.readings,"
                    + " p50: d.length ? d[Math.floor(d.length * 0.5)] : -1, p99: d.length ? d[Math.floor(d.length * 0.99)] : -1};");
            double heapEnd = heapAfterGc(js);
            heapSamples.add(String.format(Locale.ROOT, "%.1f", heapEnd / 1e6));
            clients.forEach(LoadClient::stop);
            long longTasks = ((Number) probe.get("longTasks")).longValue();
            String note = String.format(Locale.ROOT, "%,d registered, %,d streaming at %.1f/s each; over %d s: %,d long tasks"
                            + " (%.0f ms in all, longest %.0f ms), %,d readings handled by the page; JS heap after GC %.1f MB"
                            + " at the start, %.1f MB at the end (every 30 s: %s MB)",
                    registered, streaming, perDeviceRate, seconds, longTasks,
                    ((Number) probe.get("longTaskMs")).doubleValue(), ((Number) probe.get("longestMs")).doubleValue(),
                    ((Number) probe.get("handled")).longValue(), heapStart / 1e6, heapEnd / 1e6,
                    String.join(", ", heapSamples));
            LOG.info("Admin page under load: " + note);
            return new Row(database, "admin page, fleet view", 1, sent / (double) seconds, "readings/s", null,
                    Double.NaN, Double.NaN, ((Number) probe.get("p50")).doubleValue(), ((Number) probe.get("p99")).doubleValue(),
                    note, Report.NOT_CHECKED);
        } finally {
            clients.forEach(c -> {
                c.stop();
                c.close();
            });
            driver.quit();
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void signIn(WebDriver driver, URI base) {
        driver.get(base.resolve("/").toString());
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(d -> !d.findElements(By.id("j_username")).isEmpty());
        driver.findElement(By.id("j_username")).sendKeys("admin");
        driver.findElement(By.id("j_password")).sendKeys(BenchServer.OPERATOR_PASSWORD);
        driver.findElement(By.id("sign-in")).click();
        wait.until(d -> "online".equals(d.findElement(By.id("connection")).getAttribute("data-state")));
    }

    /** How many devices the fleet view knows (its summary line "N of M devices"). */
    private static long pageDevices(WebDriver driver) {
        String summary = driver.findElements(By.id("fleet-summary")).stream().map(e -> e.getText()).findFirst().orElse("");
        int of = summary.indexOf(" of ");
        int end = summary.indexOf(" devices");
        if (of < 0 || end < of) {
            return 0;
        }
        return Long.parseLong(summary.substring(of + 4, end).replace(",", ""));
    }

    private static double heapAfterGc(JavascriptExecutor js) {
        Object used = js.executeScript("if (window.gc) { window.gc(); } return performance.memory.usedJSHeapSize;");
        return ((Number) used).doubleValue();
    }
}
