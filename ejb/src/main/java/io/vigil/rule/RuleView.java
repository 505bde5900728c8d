package io.vigil.rule;

/** A stored rule as the REST API shows it. */
public record RuleView(long id, String metric, String op, double threshold, Double clearThreshold,
                       int forSeconds, String severity, String deviceId) {

    static RuleView of(AlertRule r) {
        return new RuleView(r.getId(), r.getMetric(), r.getOp().symbol(), r.getThreshold(), r.getClearThreshold(),
                r.getForSeconds(), r.getSeverity().name(), r.getDeviceId());
    }
}
