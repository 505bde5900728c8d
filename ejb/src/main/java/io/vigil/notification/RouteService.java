package io.vigil.notification;

import io.vigil.audit.AuditAction;
import io.vigil.audit.AuditLog;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/** Create, read, update and delete routes; every change is audited. */
@Stateless
public class RouteService {

    @PersistenceContext(unitName = "vigil")
    EntityManager em;

    @Inject
    AuditLog audit;

    public List<RouteView> list() {
        return em.createQuery("SELECT r FROM Route r ORDER BY r.id", Route.class)
                .getResultStream().map(Route::view).toList();
    }

    public Optional<RouteView> find(long id) {
        return Optional.ofNullable(em.find(Route.class, id)).map(Route::view);
    }

    public RouteView create(RouteDefinition definition, String actor) {
        check(definition);
        Route route = new Route(definition, System.currentTimeMillis());
        em.persist(route);
        RouteView view = route.view();
        audit.record(actor, AuditAction.ROUTE_CREATE, "route:" + view.id(), describe(view));
        return view;
    }

    public Optional<RouteView> update(long id, RouteDefinition definition, String actor) {
        check(definition);
        Route route = em.find(Route.class, id);
        if (route == null) {
            return Optional.empty();
        }
        route.update(definition);
        RouteView view = route.view();
        audit.record(actor, AuditAction.ROUTE_UPDATE, "route:" + id, describe(view));
        return Optional.of(view);
    }

    public boolean delete(long id, String actor) {
        Route route = em.find(Route.class, id);
        if (route == null) {
            return false;
        }
        audit.record(actor, AuditAction.ROUTE_DELETE, "route:" + id, describe(route.view()));
        em.createQuery("DELETE FROM AlertEscalation e WHERE e.routeId = :id").setParameter("id", id).executeUpdate();
        em.remove(route);
        return true;
    }

    private void check(RouteDefinition definition) {
        List<String> problems = definition.problems(new HashSet<>(
                em.createQuery("SELECT c.id FROM Channel c", Long.class).getResultList()));
        if (!problems.isEmpty()) {
            throw new InvalidNotificationSettingException(problems);
        }
    }

    private static String describe(RouteView view) {
        return view.name() + ": " + (view.selector().isEmpty() ? "every device" : view.selector()) + " from "
                + view.minSeverity() + " to " + view.channelIds()
                + (view.escalateAfterSeconds() == null ? "" : ", escalate after " + view.escalateAfterSeconds()
                + " s to " + (view.escalationChannelIds().isEmpty() ? view.channelIds() : view.escalationChannelIds())
                + (view.repeatSeconds() == null ? "" : " every " + view.repeatSeconds() + " s"));
    }
}
