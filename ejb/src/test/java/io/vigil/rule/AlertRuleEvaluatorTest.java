package io.vigil.rule;

import static io.vigil.rule.AlertRuleEvaluator.Action.CLEAR;
import static io.vigil.rule.AlertRuleEvaluator.Action.NONE;
import static io.vigil.rule.AlertRuleEvaluator.Action.RAISE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vigil.alert.Severity;
import org.junit.jupiter.api.Test;

class AlertRuleEvaluatorTest {

    private static AlertRule rule(Comparison op, double threshold, Double clear, int forSeconds) {
        return new AlertRule(new RuleDefinition("t", op, threshold, clear, forSeconds, Severity.WARNING, null));
    }

    @Test
    void raisesAtOnceWhenTheConditionHoldsAndForSecondsIsZero() {
        var outcome = AlertRuleEvaluator.evaluate(rule(Comparison.GT, 90, null, 0), 91, 1_000, null, false);
        assertEquals(RAISE, outcome.action());
        assertNull(outcome.conditionSince());
    }

    @Test
    void doesNothingWhileTheConditionDoesNotHold() {
        assertEquals(NONE, AlertRuleEvaluator.evaluate(rule(Comparison.GT, 90, null, 0), 90, 1, null, false).action());
        assertEquals(NONE, AlertRuleEvaluator.evaluate(rule(Comparison.LT, 10, null, 0), 10, 1, null, false).action());
        assertEquals(RAISE, AlertRuleEvaluator.evaluate(rule(Comparison.GE, 90, null, 0), 90, 1, null, false).action());
        assertEquals(RAISE, AlertRuleEvaluator.evaluate(rule(Comparison.LE, 10, null, 0), 10, 1, null, false).action());
    }

    @Test
    void hysteresisKeepsTheAlertUntilTheValueCrossesBackPastClearThreshold() {
        AlertRule rule = rule(Comparison.GT, 90, 85.0, 0);
        assertEquals(NONE, AlertRuleEvaluator.evaluate(rule, 88, 1, null, true).action(), "88 is still above 85");
        assertEquals(NONE, AlertRuleEvaluator.evaluate(rule, 85.5, 1, null, true).action());
        assertEquals(CLEAR, AlertRuleEvaluator.evaluate(rule, 85, 1, null, true).action(), "not above 85 any more");
        assertEquals(CLEAR, AlertRuleEvaluator.evaluate(rule, 10, 1, null, true).action());
    }

    @Test
    void hysteresisWorksDownwardsForLowerBounds() {
        AlertRule rule = rule(Comparison.LT, 10, 12.0, 0);
        assertEquals(NONE, AlertRuleEvaluator.evaluate(rule, 11, 1, null, true).action());
        assertEquals(CLEAR, AlertRuleEvaluator.evaluate(rule, 12, 1, null, true).action());
    }

    @Test
    void withoutClearThresholdTheAlertClearsWhenTheConditionStopsHolding() {
        AlertRule rule = rule(Comparison.GT, 90, null, 0);
        assertEquals(NONE, AlertRuleEvaluator.evaluate(rule, 90.1, 1, null, true).action());
        assertEquals(CLEAR, AlertRuleEvaluator.evaluate(rule, 90, 1, null, true).action());
    }

    @Test
    void forSecondsWaitsUntilTheConditionHeldThatLong() {
        AlertRule rule = rule(Comparison.GT, 90, null, 10);
        var first = AlertRuleEvaluator.evaluate(rule, 95, 100_000, null, false);
        assertEquals(NONE, first.action());
        assertEquals(100_000L, first.conditionSince());
        var later = AlertRuleEvaluator.evaluate(rule, 96, 109_999, first.conditionSince(), false);
        assertEquals(NONE, later.action());
        assertEquals(100_000L, later.conditionSince(), "the start of the condition is kept");
        assertEquals(RAISE, AlertRuleEvaluator.evaluate(rule, 97, 110_000, 100_000L, false).action());
    }

    @Test
    void forSecondsStartsOverWhenTheConditionBreaks() {
        AlertRule rule = rule(Comparison.GT, 90, null, 10);
        var broken = AlertRuleEvaluator.evaluate(rule, 80, 105_000, 100_000L, false);
        assertEquals(NONE, broken.action());
        assertNull(broken.conditionSince());
        var again = AlertRuleEvaluator.evaluate(rule, 95, 112_000, null, false);
        assertEquals(NONE, again.action(), "only 0 s into the new spell");
        assertEquals(112_000L, again.conditionSince());
    }

    @Test
    void rulesWithInvertedHysteresisOrBadValuesAreRefused() {
        assertEquals(1, new RuleDefinition("t", Comparison.GT, 90, 95.0, 0, Severity.INFO, null).problems().size());
        assertEquals(1, new RuleDefinition("t", Comparison.LT, 10, 5.0, 0, Severity.INFO, null).problems().size());
        assertEquals(1, new RuleDefinition("t", Comparison.GT, Double.NaN, null, 0, Severity.INFO, null).problems().size());
        assertEquals(1, new RuleDefinition("bad name", Comparison.GT, 1, null, 0, Severity.INFO, null).problems().size());
        assertEquals(1, new RuleDefinition("t", Comparison.GT, 1, null, -1, Severity.INFO, null).problems().size());
        assertEquals(2, new RuleDefinition("t", null, 1, null, 0, null, null).problems().size());
        assertEquals(0, new RuleDefinition("t", Comparison.GE, 1, 0.5, 30, Severity.CRITICAL, "pump-7").problems().size());
    }
}
