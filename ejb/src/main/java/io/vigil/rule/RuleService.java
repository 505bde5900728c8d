package io.vigil.rule;

import io.vigil.alert.AlertService;
import io.vigil.audit.AuditAction;
import io.vigil.audit.AuditLog;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/** Create, read, update and delete alert rules; every change is in the audit log with who made it. */
@Stateless
public class RuleService {

    @PersistenceContext(unitName = "vigil")
    EntityManager em;

    @Inject
    AlertService alerts;

    @Inject
    AuditLog audit;

    public List<RuleView> list() {
        return em.createQuery("SELECT r FROM AlertRule r ORDER BY r.id", AlertRule.class)
                .getResultStream().map(RuleView::of).toList();
    }

    public Optional<RuleView> find(long id) {
        return Optional.ofNullable(em.find(AlertRule.class, id)).map(RuleView::of);
    }

    public RuleView create(RuleDefinition definition, String actor) {
        check(definition);
        AlertRule rule = new AlertRule(definition);
        em.persist(rule);
        em.flush();
        RuleView view = RuleView.of(rule);
        audit.record(actor, AuditAction.RULE_CREATE, "rule:" + view.id(), view.describe());
        return view;
    }

    /** Replaces a rule; its open alerts stay open and are judged by the new definition from now on. */
    public Optional<RuleView> update(long id, RuleDefinition definition, String actor) {
        check(definition);
        AlertRule rule = em.find(AlertRule.class, id);
        if (rule == null) {
            return Optional.empty();
        }
        rule.update(definition);
        em.createQuery("DELETE FROM RuleCondition c WHERE c.ruleId = :id").setParameter("id", id).executeUpdate();
        RuleView view = RuleView.of(rule);
        audit.record(actor, AuditAction.RULE_UPDATE, "rule:" + id, view.describe());
        return Optional.of(view);
    }

    /** Deletes a rule and clears its open alerts, which no longer have a condition to end them. */
    public boolean delete(long id, String actor) {
        AlertRule rule = em.find(AlertRule.class, id);
        if (rule == null) {
            return false;
        }
        alerts.clearAllOfRule(id, System.currentTimeMillis());
        em.createQuery("DELETE FROM RuleCondition c WHERE c.ruleId = :id").setParameter("id", id).executeUpdate();
        audit.record(actor, AuditAction.RULE_DELETE, "rule:" + id, RuleView.of(rule).describe());
        em.remove(rule);
        return true;
    }

    private static void check(RuleDefinition definition) {
        List<String> problems = definition.problems();
        if (!problems.isEmpty()) {
            throw new InvalidRuleException(problems);
        }
    }
}
