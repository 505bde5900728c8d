package io.vigil.shared;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A periodic task that survives its own failures. A task given to
 * {@code scheduleWithFixedDelay} that throws is never run again, silently;
 * wrapped here, the failure is logged and the next period runs as planned.
 */
public final class KeepRunning {

    private KeepRunning() {
    }

    /** {@code task}, logging (with {@code what} it is) and swallowing what it throws. */
    public static Runnable guard(String what, Runnable task) {
        Logger log = Logger.getLogger(KeepRunning.class.getName());
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                if (e instanceof VirtualMachineError fatal) {
                    throw fatal;
                }
                log.log(Level.SEVERE, what + " failed; it runs again at its next period", e);
            }
        };
    }
}
