package io.vigil.rule;

/**
 * The pure decision of one rule for one new value: raise, clear, or wait.
 * No I/O; the engine feeds it the current state and applies the outcome.
 *
 * <ul>
 *   <li>With no open alert, the condition {@code value op threshold} must hold
 *       continuously for {@code forSeconds} (measured on the readings' own
 *       timestamps) before the alert is raised; 0 raises at once.</li>
 *   <li>With an open alert, it clears as soon as {@code value op clearThreshold}
 *       no longer holds (hysteresis; clearThreshold defaults to threshold).</li>
 * </ul>
 */
public final class AlertRuleEvaluator {

    /** What to do with the rule's alert. */
    public enum Action { NONE, RAISE, CLEAR }

    /**
     * @param action         what to do now
     * @param conditionSince when the condition started to hold without an alert yet (null: it does not hold,
     *                       or an alert is open)
     */
    public record Outcome(Action action, Long conditionSince) {
    }

    private AlertRuleEvaluator() {
    }

    public static Outcome evaluate(AlertRule rule, double value, long ts, Long conditionSince, boolean alertOpen) {
        if (alertOpen) {
            boolean stillHolds = rule.getOp().holds(value, rule.effectiveClearThreshold());
            return new Outcome(stillHolds ? Action.NONE : Action.CLEAR, null);
        }
        if (!rule.getOp().holds(value, rule.getThreshold())) {
            return new Outcome(Action.NONE, null);
        }
        long since = conditionSince == null ? ts : Math.min(conditionSince, ts);
        if (ts - since >= rule.getForSeconds() * 1000L) {
            return new Outcome(Action.RAISE, null);
        }
        return new Outcome(Action.NONE, since);
    }
}
