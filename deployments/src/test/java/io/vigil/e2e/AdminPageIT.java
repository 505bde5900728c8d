package io.vigil.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonValue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The admin page in a real headless Chromium against the deployed EAR. */
class AdminPageIT extends E2E {

    private static final Duration PAGE_WAIT = Duration.ofSeconds(30);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @Test
    void thePageShowsLiveReadingsAndAlertsAndAcknowledgesThem() throws Exception {
        Api.Device registered = api.register(Api.uniqueId("page"));
        new AlertsIT().createRule(registered.id(), "temperature", ">", 90, 85.0, 0, "CRITICAL");
        try (Browser browser = new Browser(); TestDevice device = connect(registered)) {
            browser.signIn(server.httpUri(), Operator.ADMIN);
            browser.waiting(PAGE_WAIT).until(d -> "online".equals(connectionState(browser)));

            device.sendTelemetry(1, System.currentTimeMillis(), Map.of("temperature", 21.5, "humidity", 40.1));
            device.awaitAck(1, WAIT);
            browser.waiting(PAGE_WAIT).until(d -> metricText(browser, registered.id(), "temperature").contains("21.5"));
            assertTrue(deviceRow(browser, registered.id()).getText().contains("online"));

            device.sendTelemetry(2, System.currentTimeMillis(), Map.of("temperature", 93.2));
            device.awaitAck(2, WAIT);
            browser.waiting(PAGE_WAIT).until(d -> ackButton(browser, registered.id()));
            browser.screenshot(SCREENSHOTS.resolve("alert-raised.png"));
            browser.waiting(PAGE_WAIT).until(d -> {
                WebElement button = ackButton(browser, registered.id());
                if (button == null) {
                    return false;
                }
                button.click();
                return true;
            });

            browser.waiting(PAGE_WAIT).until(d -> alertRowText(browser, registered.id()).contains("acknowledged by"));
            JsonValue stored = api.get("/api/alerts?state=ACKNOWLEDGED").body().asJsonArray().stream()
                    .filter(a -> a.asJsonObject().getString("deviceId").equals(registered.id())).findFirst().orElseThrow();
            assertEquals("ACKNOWLEDGED", stored.asJsonObject().getString("state"));

            device.sendTelemetry(3, System.currentTimeMillis(), Map.of("temperature", 80));
            device.awaitAck(3, WAIT);
            browser.waiting(PAGE_WAIT).until(d -> alertRowText(browser, registered.id()).isEmpty());
            browser.screenshot(SCREENSHOTS.resolve("alert-cleared.png"));
        }
    }

    @Test
    void thePageReconnectsByItselfAfterTheServerRestarts() throws Exception {
        Api.Device registered = api.register(Api.uniqueId("page-restart"));
        try (Browser browser = new Browser()) {
            browser.signIn(server.httpUri(), Operator.ADMIN);
            browser.waiting(PAGE_WAIT).until(d -> "online".equals(connectionState(browser)));

            server.stop();
            browser.waiting(PAGE_WAIT).until(d -> "offline".equals(connectionState(browser)));
            server.start();
            browser.waiting(Duration.ofSeconds(60)).until(d -> "online".equals(connectionState(browser)));

            try (TestDevice device = connect(registered)) {
                device.sendTelemetry(1, System.currentTimeMillis(), Map.of("flow", 7.25));
                device.awaitAck(1, WAIT);
                try {
                    browser.waiting(PAGE_WAIT).until(d -> metricText(browser, registered.id(), "flow").contains("7.25"));
                } catch (org.openqa.selenium.TimeoutException e) {
                    browser.screenshot(SCREENSHOTS.resolve("after-restart-failed.png"));
                    throw new AssertionError("the reading did not show after the restart; connection '"
                            + browser.driver.findElement(By.id("connection")).getText() + "', devices shown "
                            + browser.driver.findElement(By.id("device-count")).getText() + ", row present "
                            + (deviceRow(browser, registered.id()) != null) + ", metric text '"
                            + metricText(browser, registered.id(), "flow") + "'", e);
                }
            }
            browser.screenshot(SCREENSHOTS.resolve("after-restart.png"));
        }
    }

    @Test
    void aViewerSeesAlertsButNoAcknowledgeButtonAndSignsOutToTheLoginForm() throws Exception {
        Operator viewer = new Operator(Api.uniqueId("pageviewer"), "viewer-password");
        assertEquals(201, api.post("/api/operators", jakarta.json.Json.createObjectBuilder()
                .add("username", viewer.username()).add("password", viewer.password()).add("role", "viewer").build())
                .status());
        Api.Device registered = api.register(Api.uniqueId("page-viewer"));
        new AlertsIT().createRule(registered.id(), "temperature", ">", 90, 85.0, 0, "CRITICAL");
        try (Browser browser = new Browser(); TestDevice device = connect(registered)) {
            browser.driver.get(server.httpUri().resolve("/").toString());
            browser.waiting(PAGE_WAIT).until(d -> !d.findElements(By.id("j_password")).isEmpty());
            browser.driver.findElement(By.id("j_username")).sendKeys(viewer.username());
            browser.driver.findElement(By.id("j_password")).sendKeys("not-the-password");
            browser.driver.findElement(By.id("sign-in")).click();
            browser.waiting(PAGE_WAIT).until(d -> d.findElement(By.id("login-failed")).isDisplayed());
            browser.screenshot(SCREENSHOTS.resolve("login-failed.png"));

            browser.signIn(server.httpUri(), viewer);
            browser.waiting(PAGE_WAIT).until(d -> "online".equals(connectionState(browser)));
            browser.waiting(PAGE_WAIT).until(d -> d.findElement(By.id("who")).getText()
                    .equals(viewer.username() + " (viewer)"));
            device.sendTelemetry(1, System.currentTimeMillis(), Map.of("temperature", 95));
            device.awaitAck(1, WAIT);
            // The page knows the role before the alert arrives (the "who" badge above), so the row comes without a button.
            browser.waiting(PAGE_WAIT).until(d -> alertRowText(browser, registered.id()).contains("active")
                    && ackButton(browser, registered.id()) == null);
            assertTrue(browser.driver.findElements(By.cssSelector("#alerts button.ack")).isEmpty(),
                    "a viewer gets no acknowledge button on any alert");
            browser.screenshot(SCREENSHOTS.resolve("viewer.png"));

            browser.driver.findElement(By.id("sign-out")).click();
            browser.waiting(PAGE_WAIT).until(d -> d.findElement(By.id("login-signed-out")).isDisplayed());
            assertEquals(401, new Api(server.httpUri(), null).get("/api/operators/me").status());
        }
    }

    private static String connectionState(Browser browser) {
        return browser.driver.findElement(By.id("connection")).getAttribute("data-state");
    }

    private static WebElement deviceRow(Browser browser, String deviceId) {
        return browser.driver.findElements(By.cssSelector("#devices tr[data-device-id='" + deviceId + "']"))
                .stream().findFirst().orElse(null);
    }

    private static String metricText(Browser browser, String deviceId, String metric) {
        return browser.driver.findElements(By.cssSelector(
                        "#devices tr[data-device-id='" + deviceId + "'] [data-metric='" + metric + "']"))
                .stream().map(WebElement::getText).findFirst().orElse("");
    }

    private static String alertRowText(Browser browser, String deviceId) {
        return browser.driver.findElements(By.cssSelector("#alerts tbody tr")).stream()
                .map(WebElement::getText).filter(t -> t.contains(deviceId)).findFirst().orElse("");
    }

    private static WebElement ackButton(Browser browser, String deviceId) {
        return browser.driver.findElements(By.cssSelector("#alerts tbody tr")).stream()
                .filter(row -> row.getText().contains(deviceId))
                .flatMap(row -> row.findElements(By.cssSelector("button.ack")).stream())
                .findFirst().orElse(null);
    }
}
