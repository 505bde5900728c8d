package io.vigil.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The admin page in a real headless Chromium against the deployed EAR, driven
 * as an operator would: fleet, device detail with its charts and commands,
 * the alert queue, the rules editor, device registration, roles, and
 * recovery after a server restart. Screenshots of every view go to
 * {@code target/screenshots/}.
 */
class AdminPageIT extends E2E {

    private static final Duration PAGE_WAIT = Duration.ofSeconds(30);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @Test
    void aRuleMadeInTheEditorRaisesAnAlertThatIsAcknowledgedWithANoteAndChartedOnTheDevicePage() throws Exception {
        Api.Device registered = api.register(Api.uniqueId("page"));
        try (Browser browser = new Browser(); TestDevice device = connect(registered)) {
            browser.signIn(server.httpUri(), Operator.ADMIN);
            browser.waiting(PAGE_WAIT).until(d -> "online".equals(connectionState(browser)));

            device.sendTelemetry(1, System.currentTimeMillis(), Map.of("temperature", 21.5, "humidity", 40.1));
            device.awaitAck(1, WAIT);
            search(browser, registered.id());
            browser.waiting(PAGE_WAIT).until(d -> metricText(browser, registered.id(), "temperature").contains("21.5"));
            browser.waiting(PAGE_WAIT).until(d -> deviceRow(browser, registered.id()).getText().contains("online"));
            browser.screenshot(SCREENSHOTS.resolve("fleet.png"));

            // The rules editor: a bad value is shown next to its field; then the rule is created.
            browser.driver.get(server.httpUri().resolve("/#/rules").toString());
            WebElement metric = browser.waiting(PAGE_WAIT).until(d -> d.findElement(By.id("rule-metric")));
            metric.sendKeys("temperature");
            browser.driver.findElement(By.id("rule-threshold")).sendKeys("90");
            browser.driver.findElement(By.id("rule-clearThreshold")).sendKeys("95");
            browser.driver.findElement(By.id("rule-deviceId")).sendKeys(registered.id());
            new Select(browser.driver.findElement(By.id("rule-severity"))).selectByValue("CRITICAL");
            browser.waiting(PAGE_WAIT).until(d -> d.findElement(By.id("rule-preview")).getText()
                    .contains(registered.id() + ", 1 reporting temperature"));
            browser.driver.findElement(By.id("rule-save")).click();
            browser.waiting(PAGE_WAIT).until(d -> d.findElement(By.id("rule-clearThreshold-error")).getText()
                    .contains("clearThreshold must not be above threshold"));
            browser.screenshot(SCREENSHOTS.resolve("rules-validation.png"));
            browser.driver.findElement(By.id("rule-clearThreshold")).clear();
            browser.driver.findElement(By.id("rule-clearThreshold")).sendKeys("85");
            browser.driver.findElement(By.id("rule-save")).click();
            browser.waiting(PAGE_WAIT).until(d -> d.findElements(By.cssSelector("#rules tbody tr")).stream()
                    .anyMatch(r -> r.getText().contains("temperature > 90") && r.getText().contains(registered.id())));
            browser.screenshot(SCREENSHOTS.resolve("rules.png"));

            long crossedAt = System.currentTimeMillis();
            device.sendTelemetry(2, crossedAt, Map.of("temperature", 93.2));
            device.awaitAck(2, WAIT);
            browser.waiting(PAGE_WAIT).until(d -> d.findElement(By.id("critical")).isDisplayed()
                    && d.findElement(By.id("critical")).getText().contains(registered.id()));

            // The alert queue: acknowledged with a note, who and when shown.
            browser.driver.get(server.httpUri().resolve("/#/alerts").toString());
            browser.waiting(PAGE_WAIT).until(d -> ackButton(browser, registered.id()) != null);
            browser.screenshot(SCREENSHOTS.resolve("alerts.png"));
            browser.driver.findElement(By.id("ack-note")).sendKeys("pump checked");
            click(browser, () -> ackButton(browser, registered.id()));
            browser.driver.findElement(By.cssSelector("[data-tab='ACKNOWLEDGED']")).click();
            browser.waiting(PAGE_WAIT).until(d -> alertRowText(browser, registered.id())
                    .contains(Operator.ADMIN.username() + " at") && alertRowText(browser, registered.id()).contains("pump checked"));
            JsonObject stored = api.get("/api/alerts?state=ACKNOWLEDGED").body().asJsonArray().stream()
                    .map(JsonValue::asJsonObject).filter(a -> a.getString("deviceId").equals(registered.id()))
                    .findFirst().orElseThrow();
            assertEquals("pump checked", stored.getString("note"));

            // The device page charts the readings, the one that crossed the threshold included.
            browser.driver.get(server.httpUri().resolve("/#/devices/" + registered.id()).toString());
            // The reading past 90 is charted (as the maximum of its bucket), next to a chart for humidity.
            try {
                browser.waiting(PAGE_WAIT).until(d -> "93.2".equals(chartAttribute(browser, "temperature", "data-max")));
            } catch (org.openqa.selenium.TimeoutException e) {
                browser.screenshot(SCREENSHOTS.resolve("device-failed.png"));
                throw new AssertionError("the chart did not show 93.2: figures '"
                        + browser.driver.findElement(By.id("history-figures")).getText() + "', temperature max "
                        + chartAttribute(browser, "temperature", "data-max") + ", charts "
                        + browser.driver.findElements(By.cssSelector("#charts .uplot")).size(), e);
            }
            assertEquals("40.1", chartAttribute(browser, "humidity", "data-max"));
            assertTrue(chartPoints(browser) >= 2, "points drawn: " + chartPoints(browser));
            // "Export CSV" downloads the range shown: fetched here with the page's session, as the link would.
            String csv = (String) ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                    + "const link = document.getElementById('export-csv'); link.focus();"
                    + "fetch(link.href).then((r) => r.text()).then(done, (e) => done('' + e));");
            // (line ends are CsvExportIT's to check; the browser driver hands text back with its own)
            assertTrue(csv.startsWith("ts,seq,humidity,temperature") && csv.contains(",93.2"), csv);
            assertTrue(browser.driver.findElement(By.id("device-alerts")).getText().contains("temperature > 90"));
            device.sendTelemetry(3, System.currentTimeMillis(), Map.of("temperature", 80));
            device.awaitAck(3, WAIT);
            browser.waiting(PAGE_WAIT).until(d -> d.findElements(By.cssSelector("#device-alerts tbody tr")).stream()
                    .anyMatch(r -> r.getText().contains("cleared")));
            browser.screenshot(SCREENSHOTS.resolve("device.png"));

            // 90 days: 3-hour buckets from the roll-ups, the reading still its bucket's maximum.
            click(browser, () -> browser.driver.findElement(By.cssSelector("button.range[data-range='90d']")));
            browser.waiting(PAGE_WAIT).until(d -> d.findElement(By.id("history-figures")).getText()
                    .contains("10800 s buckets") && "93.2".equals(chartAttribute(browser, "temperature", "data-max")));
            // A custom range around the reading shows it and takes no live readings; one a day earlier is empty.
            showCustomRange(browser, crossedAt - 600_000, crossedAt + 600_000);
            browser.waiting(PAGE_WAIT).until(d -> "false".equals(d.findElement(By.id("charts")).getAttribute("data-live"))
                    && "93.2".equals(chartAttribute(browser, "temperature", "data-max")));
            showCustomRange(browser, crossedAt - 86_400_000 - 600_000, crossedAt - 86_400_000 + 600_000);
            browser.waiting(PAGE_WAIT).until(d -> "0".equals(d.findElement(By.id("history-figures"))
                    .getAttribute("data-points")) && "".equals(chartAttribute(browser, "temperature", "data-max")));
        }
    }

    /** Types a range into the device page's custom range fields (the browser's local time) and shows it. */
    private static void showCustomRange(Browser browser, long from, long to) {
        ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript(
                "const local = (ms) => new Date(ms - new Date(ms).getTimezoneOffset() * 60000).toISOString().slice(0, 16);"
                        + "document.getElementById('range-from').value = local(arguments[0]);"
                        + "document.getElementById('range-to').value = local(arguments[1]);", from, to);
        click(browser, () -> browser.driver.findElement(By.id("range-show")));
    }

    @Test
    void severalAlertsAreAcknowledgedAtOnceAndARuleIsEditedAndDeletedInTheEditor() throws Exception {
        Api.Device first = api.register(Api.uniqueId("bulk"));
        Api.Device second = api.register(Api.uniqueId("bulk"));
        long ruleId = new AlertsIT().createRule(first.id(), "level", "<", 10, null, 0, "WARNING");
        long otherRule = new AlertsIT().createRule(second.id(), "level", "<", 10, null, 0, "WARNING");
        try (Browser browser = new Browser(); TestDevice a = connect(first); TestDevice b = connect(second)) {
            a.sendTelemetry(1, System.currentTimeMillis(), Map.of("level", 3));
            b.sendTelemetry(1, System.currentTimeMillis(), Map.of("level", 4));
            a.awaitAck(1, WAIT);
            b.awaitAck(1, WAIT);
            browser.signIn(server.httpUri(), Operator.ADMIN);
            browser.driver.get(server.httpUri().resolve("/#/alerts").toString());
            browser.driver.findElement(By.id("alert-device")).sendKeys("bulk-");
            browser.waiting(PAGE_WAIT).until(d -> ackButton(browser, first.id()) != null && ackButton(browser, second.id()) != null);
            for (Api.Device device : List.of(first, second)) {
                click(browser, () -> browser.driver.findElement(By.cssSelector("#alerts tbody tr[data-device-id='"
                        + device.id() + "'] input[type=checkbox]")));
            }
            browser.driver.findElement(By.id("ack-note")).sendKeys("both tanks refilled");
            browser.driver.findElement(By.id("ack-selected")).click();
            browser.waiting(PAGE_WAIT).until(d -> d.findElement(By.id("notice")).getText().startsWith("2 acknowledged"));
            for (Api.Device device : List.of(first, second)) {
                JsonObject acked = api.get("/api/alerts?state=ACKNOWLEDGED").body().asJsonArray().stream()
                        .map(JsonValue::asJsonObject).filter(x -> x.getString("deviceId").equals(device.id()))
                        .findFirst().orElseThrow();
                assertEquals("both tanks refilled", acked.getString("note"));
            }

            browser.driver.get(server.httpUri().resolve("/#/rules").toString());
            click(browser, () -> browser.driver.findElement(By.cssSelector("#rules tr[data-rule-id='" + ruleId + "'] button.edit")));
            WebElement threshold = browser.driver.findElement(By.id("rule-threshold"));
            threshold.clear();
            threshold.sendKeys("12");
            browser.driver.findElement(By.id("rule-save")).click();
            browser.waiting(PAGE_WAIT).until(d -> d.findElement(By.cssSelector("#rules tr[data-rule-id='" + ruleId + "']"))
                    .getText().contains("level < 12"));
            assertEquals(12, api.get("/api/rules/" + ruleId).object().getJsonNumber("threshold").intValue());

            click(browser, () -> browser.driver.findElement(By.cssSelector("#rules tr[data-rule-id='" + otherRule + "'] button.delete")));
            browser.driver.switchTo().alert().accept();
            browser.waiting(PAGE_WAIT).until(d -> d.findElements(By.cssSelector("#rules tr[data-rule-id='" + otherRule + "']")).isEmpty());
            assertEquals(404, api.get("/api/rules/" + otherRule).status());
        }
    }

    @Test
    void aCommandSentFromTheDevicePageRoundTripsToTheDevice() throws Exception {
        Api.Device registered = api.register(Api.uniqueId("page-cmd"));
        try (Browser browser = new Browser(); TestDevice device = connect(registered)) {
            // A reading the server refuses lands in quarantine, which the device page lists.
            device.sendText("{\"type\":\"telemetry\",\"seq\":1,\"ts\":" + System.currentTimeMillis()
                    + ",\"metrics\":{\"temperature\":\"hot\"}}");
            device.sendTelemetry(2, System.currentTimeMillis(), Map.of("temperature", 20));
            device.awaitAck(2, WAIT);
            browser.signIn(server.httpUri(), Operator.ADMIN);
            browser.driver.get(server.httpUri().resolve("/#/devices/" + registered.id()).toString());
            browser.waiting(PAGE_WAIT).until(d -> "online".equals(connectionState(browser)));
            browser.waiting(PAGE_WAIT).until(d -> d.findElement(By.id("device-quarantine")).getText().contains("invalid_metric"));
            WebElement args = browser.waiting(PAGE_WAIT).until(d -> d.findElement(By.id("command-args")));
            args.sendKeys("{not json");
            browser.driver.findElement(By.id("command-name")).sendKeys("set_interval");
            browser.driver.findElement(By.cssSelector("#command-form button[type=submit]")).click();
            browser.waiting(PAGE_WAIT).until(d -> d.findElement(By.id("command-error")).getText().contains("JSON"));
            args.clear();
            args.sendKeys("{\"seconds\":5}");
            browser.driver.findElement(By.cssSelector("#command-form button[type=submit]")).click();
            browser.waiting(PAGE_WAIT).until(d -> commandStatus(browser).equals("PENDING"));

            JsonObject command = device.nextMessage(WAIT);
            while (command != null && !"command".equals(command.getString("type"))) {
                command = device.nextMessage(WAIT);
            }
            assertTrue(command != null, "the device got the command");
            assertEquals(5, command.getJsonObject("args").getInt("seconds"));
            device.sendText("{\"type\":\"command_result\",\"id\":\"" + command.getString("id")
                    + "\",\"status\":\"ok\",\"result\":{\"interval\":5}}");
            browser.waiting(PAGE_WAIT).until(d -> commandStatus(browser).equals("OK"));
            browser.waiting(PAGE_WAIT).until(d -> d.findElement(By.cssSelector("#device-commands tbody tr")).getText()
                    .contains("\"interval\":5"));
            browser.screenshot(SCREENSHOTS.resolve("device-command.png"));
        }
    }

    @Test
    void aDeviceRegisteredOnThePageGetsItsTokenOnceAndConnectsWithIt() throws Exception {
        String id = Api.uniqueId("page-reg");
        try (Browser browser = new Browser()) {
            browser.signIn(server.httpUri(), Operator.ADMIN);
            browser.driver.get(server.httpUri().resolve("/#/admin").toString());
            browser.waiting(PAGE_WAIT).until(d -> d.findElement(By.id("register-id"))).sendKeys(id);
            browser.driver.findElement(By.id("register-name")).sendKeys("Pump on the page");
            browser.driver.findElement(By.cssSelector("#register-form button[type=submit]")).click();
            String token = browser.waiting(PAGE_WAIT).until(d -> d.findElement(By.id("new-token"))).getAttribute("value");
            assertTrue(browser.driver.findElement(By.cssSelector(".token-panel .warning")).getText().contains("only once"));
            browser.screenshot(SCREENSHOTS.resolve("register.png"));
            try (TestDevice device = connect(new Api.Device(id, token))) {
                device.sendTelemetry(1, System.currentTimeMillis(), Map.of("flow", 3.5));
                device.awaitAck(1, WAIT);
            }
            browser.waiting(PAGE_WAIT).until(d -> d.findElements(By.cssSelector("#audit tbody tr")).size() > 0);
            // Who is held back for failed sign-ins: a line of its own (SignInIT fills it from other addresses).
            browser.waiting(PAGE_WAIT).until(d -> !d.findElement(By.id("sign-in-throttles")).getText().isEmpty());

            // On its page: a new token is shown once and works; revoking closes the device's connection.
            browser.driver.get(server.httpUri().resolve("/#/devices/" + id).toString());
            browser.waiting(PAGE_WAIT).until(d -> d.findElement(By.id("rotate-token"))).click();
            WebElement rotated = browser.waiting(PAGE_WAIT).until(d -> d.findElement(By.cssSelector("#token-shown #new-token")));
            String newToken = rotated.getAttribute("value");
            assertTrue(!newToken.equals(token) && !newToken.isEmpty());
            try (TestDevice device = connect(new Api.Device(id, newToken))) {
                browser.driver.findElement(By.id("revoke-token")).click();
                browser.driver.switchTo().alert().accept();
                assertEquals(1008, device.awaitClose(WAIT).getCloseCode().getCode(), "revoked from the page");
            }
            assertEquals(1, api.get("/api/audit?action=device.token.revoke&target=device:" + id).body().asJsonArray().size());
            browser.driver.get(server.httpUri().resolve("/#/admin").toString());

            // The same id again: the server's message is shown, nothing else changes.
            browser.driver.findElement(By.id("register-id")).sendKeys(id);
            browser.driver.findElement(By.cssSelector("#register-form button[type=submit]")).click();
            browser.waiting(PAGE_WAIT).until(d -> d.findElement(By.id("register-error")).getText().contains("already registered"));
        }
    }

    @Test
    void theFleetIsSearchedAndFilteredAndFitsAPhoneScreen() throws Exception {
        String prefix = Api.uniqueId("fleetq");
        Api.Device on = api.register(prefix + "-on");
        Api.Device off = api.register(prefix + "-off");
        try (Browser browser = new Browser(); TestDevice device = connect(on)) {
            device.sendTelemetry(1, System.currentTimeMillis(), Map.of("temperature", 20));
            device.awaitAck(1, WAIT);
            browser.signIn(server.httpUri(), Operator.ADMIN);
            search(browser, prefix);
            browser.waiting(PAGE_WAIT).until(d -> deviceRow(browser, on.id()) != null && deviceRow(browser, off.id()) != null);
            new Select(browser.driver.findElement(By.id("fleet-filter"))).selectByValue("online");
            browser.waiting(PAGE_WAIT).until(d -> deviceRow(browser, off.id()) == null && deviceRow(browser, on.id()) != null);
            new Select(browser.driver.findElement(By.id("fleet-filter"))).selectByValue("offline");
            browser.waiting(PAGE_WAIT).until(d -> deviceRow(browser, on.id()) == null && deviceRow(browser, off.id()) != null);

            browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            new Select(browser.driver.findElement(By.id("fleet-filter"))).selectByValue("all");
            browser.waiting(PAGE_WAIT).until(d -> deviceRow(browser, on.id()) != null);
            // The window's new size reaches the layout asynchronously: wait for it, then report what sticks out.
            String overflow = "";
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            do {
                overflow = (String) ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript(
                        "const width = document.documentElement.clientWidth;"
                        + "if (document.documentElement.scrollWidth <= width) return '';"
                        + "return (document.documentElement.scrollWidth - width) + ' px too wide: ' + [...document"
                        + ".querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > width + 1)"
                        + ".slice(0, 5).map((e) => e.tagName + '#' + e.id + '.' + e.className + ' '"
                        + " + Math.round(e.getBoundingClientRect().right)).join(', ');");
            } while (!overflow.isEmpty() && System.nanoTime() < deadline);
            assertTrue(overflow.isEmpty(), "the page is no wider than a phone; " + overflow);
            browser.screenshot(SCREENSHOTS.resolve("fleet-phone.png"));
        }
    }

    @Test
    void aViewerSeesNoOperatorControlsAndSignsOutToTheLoginForm() throws Exception {
        Operator viewer = new Operator(Api.uniqueId("pageviewer"), "viewer-password");
        assertEquals(201, api.post("/api/operators", Json.createObjectBuilder()
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
            browser.driver.get(server.httpUri().resolve("/#/alerts").toString());
            browser.waiting(PAGE_WAIT).until(d -> alertRowText(browser, registered.id()).contains("active"));
            for (String view : List.of("/#/alerts", "/#/rules", "/#/admin", "/#/devices/" + registered.id())) {
                browser.driver.get(server.httpUri().resolve(view).toString());
                browser.waiting(PAGE_WAIT).until(d -> !d.findElement(By.id("view")).getText().isEmpty());
                // Checked in the page in one step: the views redraw their rows as events arrive.
                Object shown = ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript(
                        "return [...document.querySelectorAll('button.ack, #rule-form, #command-form, #register-form,"
                        + " #token-actions, button.delete, button.edit, #ack-selected')]"
                        + ".filter((e) => e.getClientRects().length > 0).map((e) => e.id || e.className);");
                assertEquals(List.of(), shown, view + ": a viewer sees no operator controls");
            }
            browser.screenshot(SCREENSHOTS.resolve("viewer.png"));

            browser.driver.findElement(By.id("sign-out")).click();
            browser.waiting(PAGE_WAIT).until(d -> d.findElement(By.id("login-signed-out")).isDisplayed());
            assertEquals(401, new Api(server.httpUri(), null).get("/api/operators/me").status());
        }
    }

    @Test
    void thePageShowsStaleDataWhileTheServerIsAwayAndRecoversByItself() throws Exception {
        Api.Device registered = api.register(Api.uniqueId("page-restart"));
        try (Browser browser = new Browser()) {
            browser.signIn(server.httpUri(), Operator.ADMIN);
            browser.waiting(PAGE_WAIT).until(d -> "online".equals(connectionState(browser)));

            server.stop();
            browser.waiting(PAGE_WAIT).until(d -> "offline".equals(connectionState(browser)));
            browser.waiting(PAGE_WAIT).until(d -> d.findElement(By.id("stale")).isDisplayed()
                    && d.findElement(By.id("stale")).getText().contains("data may be stale since"));
            browser.screenshot(SCREENSHOTS.resolve("stale.png"));
            server.start();
            browser.waiting(Duration.ofSeconds(60)).until(d -> "online".equals(connectionState(browser)));
            assertTrue(!browser.driver.findElement(By.id("stale")).isDisplayed());

            try (TestDevice device = connect(registered)) {
                device.sendTelemetry(1, System.currentTimeMillis(), Map.of("flow", 7.25));
                device.awaitAck(1, WAIT);
                search(browser, registered.id());
                try {
                    browser.waiting(PAGE_WAIT).until(d -> metricText(browser, registered.id(), "flow").contains("7.25"));
                } catch (org.openqa.selenium.TimeoutException e) {
                    browser.screenshot(SCREENSHOTS.resolve("after-restart-failed.png"));
                    throw new AssertionError("the reading did not show after the restart; connection '"
                            + browser.driver.findElement(By.id("connection")).getText() + "', fleet "
                            + browser.driver.findElement(By.id("fleet-summary")).getText() + ", row present "
                            + (deviceRow(browser, registered.id()) != null), e);
                }
            }
        }
    }

    /**
     * A page that was away while an alert cleared, and came back to a server that can no longer replay
     * what it missed (restarted meanwhile), gets a fresh snapshot without that alert and drops it.
     */
    @Test
    void anAlertClearedWhileThePageWasAwayIsGoneOnceItReconnects() throws Exception {
        AlertsIT rules = new AlertsIT();
        Api.Device registered = api.register(Api.uniqueId("page-stale"));
        try (TestDevice device = connect(registered); TcpProxy network = new TcpProxy(server.httpUri().getPort());
             Browser browser = new Browser()) {
            rules.createRule(registered.id(), "t", ">", 50, 40.0, 0, "CRITICAL");
            device.sendTelemetry(1, System.currentTimeMillis(), Map.of("t", 60));
            device.awaitAck(1, WAIT);
            long alertId = alertOf(registered.id(), "ACTIVE");

            java.net.URI viaProxy = java.net.URI.create("http://127.0.0.1:" + network.port());
            browser.signIn(viaProxy, Operator.ADMIN);
            browser.driver.get(viaProxy.resolve("/#/alerts").toString());
            By row = By.cssSelector("#alerts tr[data-alert-id='" + alertId + "']");
            browser.waiting(PAGE_WAIT).until(d -> !d.findElements(row).isEmpty());

            // The page's network goes away; meanwhile the alert clears and the server restarts.
            network.outage(Duration.ofMinutes(5));
            browser.waiting(PAGE_WAIT).until(d -> !"online".equals(connectionState(browser)));
            device.sendTelemetry(2, System.currentTimeMillis(), Map.of("t", 10));
            device.awaitAck(2, WAIT);
            assertEquals(alertId, alertOf(registered.id(), "CLEARED"));
            assertTrue(!browser.driver.findElements(row).isEmpty(), "the page, away, still shows the alert");
            server.restart();
            network.endOutage();

            browser.waiting(Duration.ofSeconds(60)).until(d -> "online".equals(connectionState(browser)));
            try {
                browser.waiting(PAGE_WAIT).until(d -> d.findElements(row).isEmpty());
            } catch (org.openqa.selenium.TimeoutException e) {
                browser.screenshot(SCREENSHOTS.resolve("stale-alert-failed.png"));
                throw new AssertionError("the cleared alert " + alertId + " is still shown after the page reconnected", e);
            }
        }
    }

    /** The id of the device's (one) alert in that state, over REST. */
    private long alertOf(String deviceId, String state) {
        return api.get("/api/alerts?state=" + state + "&limit=1000").body().asJsonArray().stream()
                .map(JsonValue::asJsonObject).filter(a -> deviceId.equals(a.getString("deviceId")))
                .findFirst().orElseThrow().getJsonNumber("id").longValue();
    }

    @Test
    void channelsRoutesSilencesAndUndeliveredNotificationsAreManagedOnTheNotificationsPage() throws Exception {
        String zone = Api.uniqueId("zone");
        Api.Device registered = api.register(Api.uniqueId("page-notify"));
        List<Long> channels = new java.util.ArrayList<>();
        List<Long> routes = new java.util.ArrayList<>();
        try (Browser browser = new Browser(); WebhookReceiver receiver = new WebhookReceiver();
             WebhookReceiver refusing = new WebhookReceiver()) {
            browser.signIn(server.httpUri(), Operator.ADMIN);
            browser.driver.get(server.httpUri().resolve("/#/devices/" + registered.id()).toString());
            WebElement tags = browser.waiting(PAGE_WAIT).until(d -> d.findElement(By.id("tags-input")));
            tags.sendKeys("zone=" + zone + ", type=pump");
            browser.driver.findElement(By.cssSelector("#tags-form button[type=submit]")).click();
            browser.waiting(PAGE_WAIT).until(d -> d.findElement(By.id("device-tags")).getText().contains("zone=" + zone));
            assertEquals(zone, api.get("/api/devices/" + registered.id() + "/tags").object().getString("zone"));

            browser.driver.get(server.httpUri().resolve("/#/notifications").toString());
            WebElement name = browser.waiting(PAGE_WAIT).until(d -> d.findElement(By.id("channel-name")));
            name.sendKeys("page-hook");
            browser.driver.findElement(By.id("channel-target")).sendKeys("http://169.254.169.254/latest");
            browser.driver.findElement(By.cssSelector("#channel-form button[type=submit]")).click();
            browser.waiting(PAGE_WAIT).until(d -> d.findElement(By.id("channel-error")).getText()
                    .contains("vigil.notifications.allowedHosts"));
            WebElement target = browser.driver.findElement(By.id("channel-target"));
            target.clear();
            target.sendKeys(receiver.url());
            new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("channel-severity")))
                    .selectByValue("INFO");
            browser.driver.findElement(By.cssSelector("#channel-form button[type=submit]")).click();
            JsonObject channel = browser.waiting(PAGE_WAIT).until(d -> api.get("/api/notifications/channels").body()
                    .asJsonArray().stream().map(JsonValue::asJsonObject)
                    .filter(c -> receiver.url().equals(c.getString("url", ""))).findFirst().orElse(null));
            long channelId = channel.getJsonNumber("id").longValue();
            channels.add(channelId);
            assertEquals("INFO", channel.getString("minSeverity"));
            click(browser, () -> browser.driver.findElement(By.cssSelector("#channels tr[data-channel-id='" + channelId
                    + "'] button.test")));
            receiver.awaitAccepted(c -> "test".equals(c.event()), 1, PAGE_WAIT);
            browser.waiting(PAGE_WAIT).until(d -> d.findElement(By.id("notice")).getText().startsWith("Test message delivered"));

            browser.driver.findElement(By.id("route-name")).sendKeys("page route");
            browser.driver.findElement(By.id("route-selector")).sendKeys("zone=" + zone);
            browser.driver.findElement(By.id("route-channels")).sendKeys(String.valueOf(channelId));
            browser.driver.findElement(By.id("route-escalate")).sendKeys("600");
            browser.driver.findElement(By.cssSelector("#route-form button[type=submit]")).click();
            browser.waiting(PAGE_WAIT).until(d -> d.findElement(By.id("routes")).getText().contains("zone=" + zone));
            JsonObject route = api.get("/api/notifications/routes").body().asJsonArray().stream()
                    .map(JsonValue::asJsonObject).filter(r -> r.getString("name").equals("page route")).findFirst()
                    .orElseThrow();
            routes.add(route.getJsonNumber("id").longValue());
            assertEquals(600, route.getInt("escalateAfterSeconds"));
            assertEquals(zone, route.getJsonObject("selector").getString("zone"));

            browser.driver.findElement(By.id("silence-selector")).sendKeys("zone=" + zone);
            browser.driver.findElement(By.id("silence-comment")).sendKeys("valve swap");
            browser.driver.findElement(By.cssSelector("#silence-form button[type=submit]")).click();
            browser.waiting(PAGE_WAIT).until(d -> d.findElement(By.id("silences")).getText().contains("valve swap"));
            browser.screenshot(SCREENSHOTS.resolve("notifications.png"));
            JsonObject silence = api.get("/api/notifications/silences").body().asJsonArray().stream()
                    .map(JsonValue::asJsonObject).filter(x -> x.getString("comment").equals("valve swap")).findFirst()
                    .orElseThrow();
            assertTrue(silence.getBoolean("active"));
            long silenceId = silence.getJsonNumber("id").longValue();
            click(browser, () -> browser.driver.findElement(By.cssSelector("#silences tr[data-silence-id='" + silenceId
                    + "'] button.end")));
            browser.waiting(PAGE_WAIT).until(d -> d.findElements(By.cssSelector("#silences tr[data-silence-id='"
                    + silenceId + "']")).isEmpty());
            assertFalse(api.get("/api/notifications/silences/" + silenceId).object().getBoolean("active"));

            // A receiver that refuses the message itself (400): marked failed at once, shown with its error.
            refusing.refuseFor(Duration.ofMinutes(5), 400);
            Api.Reply bad = api.post("/api/notifications/channels", Json.createObjectBuilder().add("name", "refuses")
                    .add("type", "webhook").add("url", refusing.url()).build());
            long badId = bad.object().getJsonNumber("id").longValue();
            channels.add(badId);
            Api.Reply tested = api.post("/api/notifications/channels/" + badId + "/test", JsonValue.EMPTY_JSON_OBJECT);
            assertEquals(502, tested.status());
            long ruleId = new AlertsIT().createRule(registered.id(), "pressure", ">", 5, null, 0, "WARNING");
            try (TestDevice device = connect(registered)) {
                device.sendTelemetry(1, System.currentTimeMillis(), Map.of("pressure", 9));
                device.awaitAck(1, WAIT);
                receiver.awaitAccepted(WebhookReceiver.about(registered.id()), 1, PAGE_WAIT);
                browser.waiting(PAGE_WAIT).until(d -> {
                    d.navigate().refresh();
                    try {
                        return browser.waiting(Duration.ofSeconds(5)).until(x -> x.findElement(
                                By.id("failed-notifications")).getText().contains("HTTP 400"));
                    } catch (org.openqa.selenium.TimeoutException notYet) {
                        return false;
                    }
                });
            } finally {
                api.delete("/api/rules/" + ruleId);
            }
        } finally {
            routes.forEach(id -> api.delete("/api/notifications/routes/" + id));
            channels.forEach(id -> api.delete("/api/notifications/channels/" + id));
        }
    }

    @Test
    void everyViewPassesAnAutomatedAccessibilityCheck() throws Exception {
        Api.Device registered = api.register(Api.uniqueId("page-a11y"));
        new AlertsIT().createRule(registered.id(), "temperature", ">", 90, 85.0, 0, "WARNING");
        String axe = new String(AdminPageIT.class.getResourceAsStream("/axe-core-4.10.3/axe.min.js").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        try (Browser browser = new Browser(); TestDevice device = connect(registered)) {
            device.sendTelemetry(1, System.currentTimeMillis(), Map.of("temperature", 95));
            device.awaitAck(1, WAIT);
            browser.signIn(server.httpUri(), Operator.ADMIN);
            List<String> problems = new java.util.ArrayList<>();
            for (String view : List.of("/#/fleet", "/#/alerts", "/#/rules", "/#/notifications", "/#/admin",
                    "/#/devices/" + registered.id())) {
                browser.driver.get(server.httpUri().resolve(view).toString());
                browser.waiting(PAGE_WAIT).until(d -> !d.findElement(By.id("view")).getText().isEmpty());
                Thread.sleep(500); // the view's REST answers fill it in
                problems.addAll(browser.accessibilityViolations(axe).stream().map(v -> view + ": " + v).toList());
            }
            browser.driver.findElement(By.id("sign-out")).click();
            browser.waiting(PAGE_WAIT).until(d -> !d.findElements(By.id("j_username")).isEmpty());
            problems.addAll(browser.accessibilityViolations(axe).stream().map(v -> "login: " + v).toList());
            assertTrue(problems.isEmpty(), "WCAG 2 A/AA problems found by axe-core:\n" + String.join("\n", problems));
        }
    }

    /** Clicks what {@code find} finds, looking again if the page redrew it meanwhile (rows redraw on events). */
    private static void click(Browser browser, java.util.function.Supplier<WebElement> find) {
        browser.waiting(PAGE_WAIT).until(d -> {
            WebElement element = find.get();
            if (element == null || !element.isDisplayed()) {
                return false;
            }
            element.click();
            return true;
        });
    }

    private static void search(Browser browser, String text) {
        WebElement search = browser.waiting(PAGE_WAIT).until(d -> d.findElement(By.id("fleet-search")));
        search.clear();
        search.sendKeys(text);
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
        return browser.driver.findElements(By.cssSelector("#alerts tbody tr[data-device-id='" + deviceId + "']")).stream()
                .map(WebElement::getText).findFirst().orElse("");
    }

    private static WebElement ackButton(Browser browser, String deviceId) {
        return browser.driver.findElements(By.cssSelector("#alerts tbody tr[data-device-id='" + deviceId + "'] button.ack"))
                .stream().filter(WebElement::isDisplayed).findFirst().orElse(null);
    }

    private static long chartPoints(Browser browser) {
        String points = browser.driver.findElement(By.id("history-figures")).getAttribute("data-points");
        return points == null || points.isEmpty() ? 0 : Long.parseLong(points);
    }

    private static String chartAttribute(Browser browser, String metric, String attribute) {
        return browser.driver.findElements(By.cssSelector("#charts .uplot[data-metric='" + metric + "']")).stream()
                .map(c -> c.getAttribute(attribute)).findFirst().orElse(null);
    }

    private static String commandStatus(Browser browser) {
        return browser.driver.findElements(By.cssSelector("#device-commands tbody tr")).stream()
                .map(r -> r.getAttribute("data-status")).findFirst().orElse("");
    }
}
