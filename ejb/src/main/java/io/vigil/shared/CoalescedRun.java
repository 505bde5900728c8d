package io.vigil.shared;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An action that drains something (a queue, a set of outboxes) on threads
 * borrowed from another executor, never on the caller's. {@link #request()}
 * makes it run soon; it never runs twice at once, and a request that arrives
 * while it runs makes it run once more afterwards, so nothing requested is
 * missed and many requests cost one run. An action that throws is logged and
 * the next request runs it again.
 */
public final class CoalescedRun {

    private static final Logger LOG = Logger.getLogger(CoalescedRun.class.getName());

    private final Executor threads;
    private final Runnable action;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean requested = new AtomicBoolean();

    public CoalescedRun(Executor threads, Runnable action) {
        this.threads = threads;
        this.action = action;
    }

    /** Safe to call from any thread, any number of times. */
    public void request() {
        requested.set(true);
        if (running.compareAndSet(false, true)) {
            threads.execute(this::runWhileRequested);
        }
    }

    private void runWhileRequested() {
        try {
            while (requested.getAndSet(false)) {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "A drain failed; it runs again on the next request", e);
                }
            }
        } finally {
            running.set(false);
            if (requested.get()) {
                request();
            }
        }
    }
}
