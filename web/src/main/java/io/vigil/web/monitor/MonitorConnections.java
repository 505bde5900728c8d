package io.vigil.web.monitor;

import io.vigil.web.protocol.ConnectionMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.websocket.Session;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The monitors connected to this node, by session. */
@ApplicationScoped
public class MonitorConnections {

    /** The gauge of this node's open monitor connections, registered when the application starts. */
    void started(@Observes @Initialized(ApplicationScoped.class) Object application, ConnectionMetrics metrics) {
        metrics.open("monitor", this, MonitorConnections::count);
        metrics.counter("vigil.monitor.conflated", MonitorOutbox.CONFLATED, java.util.concurrent.atomic.LongAdder::sum);
    }

    private final Map<Session, MonitorConnection> bySession = new ConcurrentHashMap<>();

    void add(MonitorConnection connection) {
        bySession.put(connection.session, connection);
    }

    void remove(Session session) {
        bySession.remove(session);
    }

    /** Leaves the monitor out of everything from now on and closes it with 1013 (it reconnects and resumes). */
    void closeTooSlow(MonitorConnection connection, String why) {
        remove(connection.session);
        connection.tooSlow(why);
    }

    MonitorConnection get(Session session) {
        return bySession.get(session);
    }

    Collection<MonitorConnection> all() {
        return bySession.values();
    }

    public int count() {
        return bySession.size();
    }
}
