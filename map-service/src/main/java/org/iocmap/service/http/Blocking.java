package org.iocmap.service.http;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;

/**
 * Runs blocking store calls on a named worker pool, never on an event loop. Unordered, so queries from one event loop
 * do not wait in line behind each other (see docs/adr/0002).
 */
public final class Blocking {
    private final WorkerExecutor workers;

    public Blocking(WorkerExecutor workers) {
        this.workers = workers;
    }

    /** Runs {@code work} on the pool and completes with its result or failure. */
    public <T> Future<T> run(Callable<T> work) {
        return workers.executeBlocking(work, false);
    }
}
