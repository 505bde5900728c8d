package io.vigil.shared;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one thread lane on which what follows a commit happens: the events
 * {@link AfterCommit} fires and the device acks {@code TelemetryIngest}
 * completes. Work leaves the thread that committed (the ingest writer does
 * nothing but storage) and still happens in commit order, so a monitor hears
 * of a batch before its devices are acked, and one device's acks never
 * overtake each other.
 */
@ApplicationScoped
public class CommitLane {

    @Resource
    ManagedExecutorService executor;

    private SerialExecutor lane;

    @PostConstruct
    void start() {
        lane = new SerialExecutor(executor);
    }

    public void run(Runnable task) {
        lane.execute(task);
    }
}
