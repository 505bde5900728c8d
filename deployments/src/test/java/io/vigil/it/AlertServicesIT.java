package io.vigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.alert.AlertService;
import io.vigil.alert.AlertState;
import io.vigil.alert.AlertStateException;
import io.vigil.alert.AlertView;
import io.vigil.alert.OfflineWatch;
import io.vigil.alert.Severity;
import io.vigil.device.DeviceService;
import io.vigil.rule.Comparison;
import io.vigil.rule.InvalidRuleException;
import io.vigil.rule.RuleDefinition;
import io.vigil.rule.RuleService;
import io.vigil.rule.RuleView;
import io.vigil.telemetry.IncomingReading;
import io.vigil.telemetry.TelemetryIngest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Rules and the alert lifecycle through the EJBs, in the server, against the real database. */
@ExtendWith(ArquillianExtension.class)
class AlertServicesIT {

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.vigilWith(AlertServicesIT.class, ServicesSupport.class);
    }

    @Inject
    DeviceService devices;

    @Inject
    TelemetryIngest ingest;

    @Inject
    RuleService rules;

    @Inject
    AlertService alerts;

    @Inject
    OfflineWatch offlineWatch;

    @Inject
    EventRecorder events;

    private void send(String deviceId, long seq, double value) throws Exception {
        ingest.submit(deviceId, List.of(new IncomingReading.Valid(seq, seq * 1000, Map.of("temp", value))))
                .toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private List<AlertView> alertsOf(String deviceId) {
        return alerts.list(null, 10_000).stream().filter(a -> a.deviceId().equals(deviceId)).toList();
    }

    @Test
    void anAlertIsStoredBeforeAnyoneHearsOfItAndGoesThroughItsLifecycle() throws Exception {
        String id = devices.register(ServicesSupport.id("life"), null, "test").id();
        RuleView rule = rules.create(new RuleDefinition("temp", Comparison.GT, 90, 85.0, 0, Severity.CRITICAL, id), "test");

        send(id, 1, 95);
        send(id, 2, 96);  // still open: no second alert
        List<AlertView> open = alertsOf(id);
        assertEquals(1, open.size());
        AlertView alert = open.get(0);
        assertEquals(AlertState.ACTIVE.name(), alert.state());
        assertEquals(rule.id(), alert.ruleId());
        assertEquals(95.0, alert.value());

        AlertView acked = alerts.acknowledge(alert.id(), "alice", "looking");
        assertEquals("alice", acked.acknowledgedBy());
        assertTrue(acked.acknowledgedAt() != null);
        assertThrows(AlertStateException.class, () -> alerts.acknowledge(alert.id(), "bob", null));

        send(id, 3, 86);  // hysteresis: above the clear threshold
        assertEquals(AlertState.ACKNOWLEDGED.name(), alertsOf(id).get(0).state());
        send(id, 4, 80);
        AlertView cleared = alertsOf(id).get(0);
        assertEquals(AlertState.CLEARED.name(), cleared.state());
        assertTrue(cleared.acknowledged());
        assertThrows(AlertStateException.class, () -> alerts.acknowledge(alert.id(), "bob", null));

        List<EventRecorder.SeenAlert> seen = events.alertsOf(id);
        assertEquals(List.of("ACTIVE", "ACKNOWLEDGED", "CLEARED"), seen.stream().map(s -> s.alert().state()).toList());
        assertTrue(seen.stream().allMatch(EventRecorder.SeenAlert::storedWhenSeen),
                "every alert event was observed after its change was committed");
    }

    @Test
    void anAlertThatClearsUnacknowledgedKeepsThatFactAndANewSpellRaisesANewAlert() throws Exception {
        String id = devices.register(ServicesSupport.id("spell"), null, "test").id();
        rules.create(new RuleDefinition("temp", Comparison.GE, 50, null, 0, Severity.WARNING, id), "test");
        send(id, 1, 50);
        send(id, 2, 49);
        send(id, 3, 60);
        List<AlertView> all = alertsOf(id);
        assertEquals(2, all.size());
        AlertView older = all.get(1);
        assertEquals(AlertState.CLEARED.name(), older.state());
        assertFalse(older.acknowledged());
        assertEquals(AlertState.ACTIVE.name(), all.get(0).state());
    }

    @Test
    void changesOfOneTransactionAreAnnouncedInTheOrderTheyHappened() throws Exception {
        String id = devices.register(ServicesSupport.id("order"), null, "test").id();
        rules.create(new RuleDefinition("temp", Comparison.GT, 90, null, 0, Severity.WARNING, id), "test");
        ingest.submit(id, List.of(new IncomingReading.Valid(1, 1_000, Map.of("temp", 95.0)),
                new IncomingReading.Valid(2, 2_000, Map.of("temp", 80.0)),
                new IncomingReading.Valid(3, 3_000, Map.of("temp", 99.0)))).toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertEquals(List.of("ACTIVE", "CLEARED", "ACTIVE"),
                events.alertsOf(id).stream().map(s -> s.alert().state()).toList());
    }

    @Test
    void deletingARuleClearsItsOpenAlertsAndBadRulesAreRefused() throws Exception {
        String id = devices.register(ServicesSupport.id("del"), null, "test").id();
        RuleView rule = rules.create(new RuleDefinition("temp", Comparison.LT, 0, null, 0, Severity.INFO, id), "test");
        send(id, 1, -5);
        assertEquals(AlertState.ACTIVE.name(), alertsOf(id).get(0).state());
        assertTrue(rules.delete(rule.id(), "test"));
        assertEquals(AlertState.CLEARED.name(), alertsOf(id).get(0).state());
        assertFalse(rules.delete(rule.id(), "test"));
        assertThrows(InvalidRuleException.class,
                () -> rules.create(new RuleDefinition("temp", Comparison.GT, 10, 20.0, 0, Severity.INFO, null), "test"));
    }

    @Test
    void aSilentDeviceGetsTheOfflineAlertUntilItIsHeardFromAgain() {
        String id = devices.register(ServicesSupport.id("off"), null, "test").id();
        devices.markSeen(id, System.currentTimeMillis() - 3_600_000);
        offlineWatch.check();
        offlineWatch.check();  // one open offline alert, not two
        List<AlertView> offline = alertsOf(id);
        assertEquals(1, offline.size());
        assertEquals("offline", offline.get(0).kind());
        assertEquals(AlertState.ACTIVE.name(), offline.get(0).state());

        devices.markSeen(id, System.currentTimeMillis());
        assertEquals(AlertState.CLEARED.name(), alertsOf(id).get(0).state());
    }
}
