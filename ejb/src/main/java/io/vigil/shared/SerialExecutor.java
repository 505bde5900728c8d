package io.vigil.shared;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
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

    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final CoalescedRun drain;

    public SerialExecutor(Executor threads) {
        this.drain = new CoalescedRun(threads, this::runAll);
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        drain.request();
    }

    private void runAll() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "A serial task failed; the ones after it still run", e);
            }
        }
    }
}
