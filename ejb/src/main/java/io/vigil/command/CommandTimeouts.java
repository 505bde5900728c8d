package io.vigil.command;

import io.vigil.config.Settings;
import io.vigil.shared.TimerLease;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

/**
 * Ends commands nobody answered: every 5 s, a command pending for longer
 * than {@code vigil.command.timeoutSeconds} (default 30) becomes TIMEOUT.
 * Commands left pending by a server that stopped are ended the same way
 * after a restart. In a cluster only the node holding the {@link TimerLease} does it.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class CommandTimeouts {

    @Inject
    CommandService commands;

    @Inject
    TimerLease lease;

    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
    public void expire() {
        if (!lease.held()) {
            return;
        }
        int timeoutSeconds = Settings.commandTimeoutSeconds();
        commands.expire(System.currentTimeMillis() - timeoutSeconds * 1000L, timeoutSeconds);
    }
}
