package io.vigil.web.monitor;

import io.vigil.config.Settings;
import io.vigil.shared.KeepRunning;
import io.vigil.web.security.ConnectionGuard;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Once a second: lets the hub give up event ids that never came (and gives
 * every monitor a fresh snapshot a while after), sends the snapshots resumes
 * were owed, then asks every monitor how far it has read (a ping)
 * and closes, with 1013, those that left one unanswered or a send unfinished
 * for {@code vigil.monitor.sendTimeoutSeconds}.
 */
@ApplicationScoped
public class MonitorWatchdog {

    private final long sendTimeoutMillis = Settings.monitorSendTimeoutSeconds() * 1000L;

    @Inject
    MonitorHub hub;

    @Inject
    MonitorSessions sessions;

    @Inject
    MonitorConnections connections;

    @Inject
    ConnectionGuard guard;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> task;

    void startWithTheApplication(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // Observing the start makes the bean (and so its timer) exist without anyone asking for it.
    }

    @PostConstruct
    void start() {
        task = scheduler.scheduleWithFixedDelay(
                KeepRunning.guard("The monitor watchdog", this::check), 1, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        task.cancel(false);
    }

    private void check() {
        long now = System.currentTimeMillis();
        if (hub.giveUpStaleGaps(now)) {
            sessions.resynchronize();
        }
        sessions.sendOwedSnapshots(now);
        for (MonitorConnection connection : connections.all()) {
            // A monitor the server is not reading (it sent too fast) cannot answer; its wait counts from its release.
            long waited = Math.min(guard.readableForMillis(connection.session, now),
                    Math.max(connection.sender.pingWaitMillis(now), connection.sender.inFlightMillis(now)));
            if (waited > sendTimeoutMillis) {
                connections.closeTooSlow(connection, "it has not read what it was sent for " + waited + " ms");
            } else {
                connection.sender.pingIfDue();
            }
        }
    }
}
