package io.vigil.web.monitor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.websocket.Session;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The monitors connected to this node, by session. */
@ApplicationScoped
public class MonitorConnections {

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
