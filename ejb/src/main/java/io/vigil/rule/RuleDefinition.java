package io.vigil.rule;

import io.vigil.alert.Severity;
import io.vigil.device.DeviceIds;
import io.vigil.device.Tags;
import java.util.ArrayList;
import java.util.List;

/**
 * A rule as an operator writes it, before it has an id. It applies to one
 * device ({@code deviceId}), to the devices a tag selector picks, to both
 * conditions at once, or to every device when neither is given.
 * {@link #problems()} lists what is wrong with it.
 */
public record RuleDefinition(String metric, Comparison op, double threshold, Double clearThreshold,
                             int forSeconds, Severity severity, String deviceId, Tags selector) {

    public RuleDefinition {
        selector = selector == null ? Tags.NONE : selector;
    }

    /** A rule for one device, or for every device ({@code deviceId} null), without a tag selector. */
    public RuleDefinition(String metric, Comparison op, double threshold, Double clearThreshold,
                          int forSeconds, Severity severity, String deviceId) {
        this(metric, op, threshold, clearThreshold, forSeconds, severity, deviceId, Tags.NONE);
    }

    public static final int MAX_FOR_SECONDS = 7 * 24 * 3600;

    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!DeviceIds.isValid(metric)) {
            problems.add("metric must be 1-64 characters of [A-Za-z0-9_.-]");
        }
        if (op == null) {
            problems.add("op must be one of > >= < <=");
        }
        if (!Double.isFinite(threshold)) {
            problems.add("threshold must be a finite number");
        }
        if (clearThreshold != null && !Double.isFinite(clearThreshold)) {
            problems.add("clearThreshold must be a finite number");
        }
        if (op != null && clearThreshold != null && Double.isFinite(threshold)) {
            if (op.isUpper() && clearThreshold > threshold) {
                problems.add("clearThreshold must not be above threshold for op " + op.symbol());
            } else if (!op.isUpper() && clearThreshold < threshold) {
                problems.add("clearThreshold must not be below threshold for op " + op.symbol());
            }
        }
        if (forSeconds < 0 || forSeconds > MAX_FOR_SECONDS) {
            problems.add("forSeconds must be between 0 and " + MAX_FOR_SECONDS);
        }
        if (severity == null) {
            problems.add("severity must be one of INFO, WARNING, CRITICAL");
        }
        if (deviceId != null && !DeviceIds.isValid(deviceId)) {
            problems.add("deviceId must be null or 1-64 characters of [A-Za-z0-9_.-]");
        }
        return problems;
    }
}
