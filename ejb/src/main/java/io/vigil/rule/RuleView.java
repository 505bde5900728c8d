package io.vigil.rule;

import java.util.Map;

/** A stored rule as the REST API shows it; {@code selector} is empty when it does not select by tags. */
public record RuleView(long id, String metric, String op, double threshold, Double clearThreshold,
                       int forSeconds, String severity, String deviceId, Map<String, String> selector) {

    static RuleView of(AlertRule r) {
        return new RuleView(r.getId(), r.getMetric(), r.getOp().symbol(), r.getThreshold(), r.getClearThreshold(),
                r.getForSeconds(), r.getSeverity().name(), r.getDeviceId(), r.selector().labels());
    }

    /** One line for the audit log, e.g. {@code temperature > 90 (clear 85, for 0 s) CRITICAL on every device}. */
    public String describe() {
        return metric + " " + op + " " + Numbers.format(threshold)
                + " (clear " + (clearThreshold == null ? Numbers.format(threshold) : Numbers.format(clearThreshold))
                + ", for " + forSeconds + " s) " + severity + " on " + (deviceId == null ? "" : deviceId)
                + (selector.isEmpty() ? "" : (deviceId == null ? "" : ", ") + "devices tagged " + selector)
                + (deviceId == null && selector.isEmpty() ? "every device" : "");
    }
}
