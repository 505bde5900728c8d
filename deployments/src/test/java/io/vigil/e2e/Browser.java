package io.vigil.e2e;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's headless Chromium driven through Debian's chromedriver (no browser download). */
final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    final WebDriver driver;
    private final Path profile;

    Browser() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("The admin page tests need Debian's chromium and chromium-driver "
                    + "(apt-get install -y chromium chromium-driver); .ci/run installs them");
        }
        profile = Files.createTempDirectory("vigil-chromium");
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--disable-quic", "--window-size=1280,900",
                        "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
    }

    /**
     * Opens the admin page and signs in through its login form, as a person
     * would; returns when the page itself is shown.
     */
    void signIn(URI base, Operator operator) {
        driver.get(base.resolve("/").toString());
        waiting(Duration.ofSeconds(20)).until(d -> !d.findElements(By.id("j_username")).isEmpty());
        driver.findElement(By.id("j_username")).sendKeys(operator.username());
        driver.findElement(By.id("j_password")).sendKeys(operator.password());
        driver.findElement(By.id("sign-in")).click();
        // The page is ready once it knows who signed in (its views render after that).
        waiting(Duration.ofSeconds(20)).until(d -> !d.findElements(By.id("who")).isEmpty()
                && !d.findElement(By.id("who")).getText().isEmpty());
    }

    /**
     * Runs axe-core (given as its script) on the current page against WCAG 2 A and AA; answers one
     * line per violation: rule, impact, and the first elements it found. Fails when axe checked
     * nothing at all (so an empty answer means the page passed, not that the check did not run).
     */
    @SuppressWarnings("unchecked")
    java.util.List<String> accessibilityViolations(String axeScript) {
        org.openqa.selenium.JavascriptExecutor js = (org.openqa.selenium.JavascriptExecutor) driver;
        js.executeScript(axeScript);
        java.util.Map<String, Object> result = (java.util.Map<String, Object>) js.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}}).then((r) => done({"
                + " passes: r.passes.length,"
                + " violations: r.violations.map((v) => v.id + ' (' + v.impact + '): ' + v.help + ' at '"
                + " + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', '))}),"
                + " (e) => done({passes: 0, violations: ['axe failed: ' + e]}));");
        if (((Number) result.get("passes")).intValue() == 0) {
            throw new IllegalStateException("axe-core checked nothing on " + driver.getCurrentUrl() + ": " + result);
        }
        return (java.util.List<String>) result.get("violations");
    }

    /** Waits for a condition; elements the page redraws meanwhile are looked up again. */
    WebDriverWait waiting(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(100));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    void screenshot(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() throws Exception {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
