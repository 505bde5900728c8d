package io.vigil.shared;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.lang.reflect.Proxy;
import java.util.concurrent.Executor;

/** Builds the container's beans of this package for unit tests, on plain executors. */
public final class Lanes {

    private Lanes() {
    }

    /** A managed executor that only supports {@code execute}, on the given threads. */
    public static ManagedExecutorService managed(Executor threads) {
        return (ManagedExecutorService) Proxy.newProxyInstance(Lanes.class.getClassLoader(),
                new Class<?>[] {ManagedExecutorService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("execute")) {
                        threads.execute((Runnable) args[0]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    public static CommitLane commitLane(Executor threads) {
        CommitLane lane = new CommitLane();
        lane.executor = managed(threads);
        lane.start();
        return lane;
    }
}
