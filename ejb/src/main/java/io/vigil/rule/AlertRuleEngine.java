package io.vigil.rule;

import io.vigil.alert.Alert;
import io.vigil.alert.AlertService;
import io.vigil.device.DeviceTags;
import io.vigil.device.Tags;
import io.vigil.telemetry.ReadingsWritten;
import io.vigil.telemetry.StoredReading;
import jakarta.annotation.Priority;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs every rule over a batch of stored readings inside the batch's
 * transaction ({@link ReadingsWritten}, fired by telemetry, which does not
 * know about rules), so an alert is committed together with the readings that
 * raised it, before either is pushed to a monitor.
 */
@Stateless
public class AlertRuleEngine {

    @PersistenceContext(unitName = "vigil")
    EntityManager em;

    @Inject
    AlertService alerts;

    @Inject
    DeviceTags tags;

    /** A batch was written: its readings are evaluated in its transaction, after its devices' offline alerts ended. */
    public void readingsWritten(@Observes @Priority(Interceptor.Priority.APPLICATION + 10) ReadingsWritten written) {
        evaluate(written.readings(), written.at());
    }

    public void evaluate(List<StoredReading> readings, long now) {
        if (readings.isEmpty()) {
            return;
        }
        List<AlertRule> rules = em.createQuery("SELECT r FROM AlertRule r", AlertRule.class).getResultList();
        if (rules.isEmpty()) {
            return;
        }
        Set<String> deviceIds = readings.stream().map(StoredReading::deviceId).collect(Collectors.toSet());
        // Tags are read only when some rule selects by them: most batches pay nothing for the feature.
        Map<String, Tags> deviceTags = rules.stream().anyMatch(AlertRule::bySelector) ? tags.ofDevices(deviceIds) : Map.of();
        Map<String, Alert> open = alerts.openRuleAlerts(deviceIds);
        Map<RuleCondition.Key, RuleCondition> conditions = new HashMap<>();
        em.createQuery("SELECT c FROM RuleCondition c WHERE c.deviceId IN :ids", RuleCondition.class)
                .setParameter("ids", deviceIds)
                .getResultList()
                .forEach(c -> conditions.put(new RuleCondition.Key(c.getDeviceId(), c.getRuleId()), c));

        for (StoredReading reading : readings) {
            for (AlertRule rule : rules) {
                Double value = reading.metrics().get(rule.getMetric());
                if (value != null
                        && rule.appliesTo(reading.deviceId(), deviceTags.getOrDefault(reading.deviceId(), Tags.NONE))) {
                    apply(rule, reading, value, open, conditions, now);
                }
            }
        }
    }

    private void apply(AlertRule rule, StoredReading reading, double value, Map<String, Alert> open,
                       Map<RuleCondition.Key, RuleCondition> conditions, long now) {
        String openKey = Alert.ruleKey(reading.deviceId(), rule.getId());
        RuleCondition.Key conditionKey = new RuleCondition.Key(reading.deviceId(), rule.getId());
        RuleCondition condition = conditions.get(conditionKey);
        Alert alert = open.get(openKey);

        AlertRuleEvaluator.Outcome outcome = AlertRuleEvaluator.evaluate(rule, value, reading.ts(),
                condition == null ? null : condition.getSinceTs(), alert != null);
        switch (outcome.action()) {
            case RAISE -> open.put(openKey, alerts.raiseThreshold(reading.deviceId(), rule.getId(), rule.getMetric(),
                    rule.getSeverity(), value, rule.describe() + " (value " + Numbers.format(value) + ")", now));
            case CLEAR -> {
                alerts.clear(alert, now);
                open.remove(openKey);
            }
            case NONE -> { }
        }
        if (outcome.conditionSince() == null && condition != null) {
            em.remove(condition);
            conditions.remove(conditionKey);
        } else if (outcome.conditionSince() != null && condition == null) {
            RuleCondition started = new RuleCondition(reading.deviceId(), rule.getId(), outcome.conditionSince());
            em.persist(started);
            conditions.put(conditionKey, started);
        } else if (outcome.conditionSince() != null) {
            condition.setSinceTs(outcome.conditionSince());
        }
    }
}
