package io.vigil.shared;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs tasks one at a time, in the order they were handed in, on threads
 * borrowed from another executor (a container-managed one in the server).
 * At most one task of this lane runs at any moment; a task that throws is
 * logged and does not stop the ones after it.
 */
public final class SerialExecutor implements Executor {

    private static final Logger LOG = Logger.getLogger(SerialExecutor.class.getName());

    private final Executor threads;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();

    public SerialExecutor(Executor threads) {
        this.threads = threads;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        scheduleIfIdle();
    }

    /** Tasks handed in and not yet finished. */
    public int pending() {
        return tasks.size();
    }

    private void scheduleIfIdle() {
        if (running.compareAndSet(false, true)) {
            threads.execute(this::drain);
        }
    }

    private void drain() {
        try {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "A serial task failed; the ones after it still run", e);
                }
            }
        } finally {
            running.set(false);
            if (!tasks.isEmpty()) {
                scheduleIfIdle();
            }
        }
    }
}
