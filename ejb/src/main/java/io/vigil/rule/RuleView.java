package io.vigil.rule;

/** A stored rule as the REST API shows it. */
public record RuleView(long id, String metric, String op, double threshold, Double clearThreshold,
                       int forSeconds, String severity, String deviceId) {

    static RuleView of(AlertRule r) {
        return new RuleView(r.getId(), r.getMetric(), r.getOp().symbol(), r.getThreshold(), r.getClearThreshold(),
                r.getForSeconds(), r.getSeverity().name(), r.getDeviceId());
    }

    /** One line for the audit log, e.g. {@code temperature > 90 (clear 85, for 0 s) CRITICAL on every device}. */
    public String describe() {
        return metric + " " + op + " " + Numbers.format(threshold)
                + " (clear " + (clearThreshold == null ? Numbers.format(threshold) : Numbers.format(clearThreshold))
                + ", for " + forSeconds + " s) " + severity + " on " + (deviceId == null ? "every device" : deviceId);
    }
}
