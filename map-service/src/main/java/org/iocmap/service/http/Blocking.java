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

    /**
     * Runs {@code work} on the calling thread when {@code inMemory} says it will not wait for storage (a question a
     * layer answers from memory in a fraction of a millisecond: handing it to a worker and back would cost more than
     * the answer), else on the pool.
     */
    public <T> Future<T> run(boolean inMemory, Callable<T> work) {
        if (!inMemory) {
            return run(work);
        }
        try {
            return Future.succeededFuture(work.call());
        } catch (Exception e) {
            return Future.failedFuture(e);
        }
    }
}
