package org.iocmap.service.ingest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.iocmap.layers.ais.AisDecoded;
import org.iocmap.layers.kinds.VesselPositions;
import org.iocmap.service.http.Blocking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects the decoded messages of one streaming source and stores them in batches through
 * {@link VesselPositions#store} on a worker: a batch goes every {@value #FLUSH_MILLIS} ms or at
 * {@value #MAX_BATCH} messages, whichever comes first, so a busy feed costs one transaction per batch instead of one
 * per line. Messages count as stored only once the store has committed. A failed batch is counted and logged, and
 * the source goes on with the next one.
 *
 * <p>When the store falls behind, at most {@value #MAX_WAITING} messages wait; more are dropped and counted as
 * {@link IngestStats#STORE_BACKLOG}, so that a flood cannot exhaust the memory.
 *
 * <p>Used only from the event loop of the verticle that made it; not thread-safe.
 */
final class AisBatchStore {
    private static final Logger LOG = LoggerFactory.getLogger(AisBatchStore.class);
    static final int MAX_BATCH = 1000;
    static final long FLUSH_MILLIS = 200;
    static final int MAX_WAITING = 20 * MAX_BATCH;

    private final String name;
    private final Vertx vertx;
    private final Blocking blocking;
    private final VesselPositions vessels;
    private final IngestStats.Source stats;
    private List<AisDecoded> pending = new ArrayList<>();
    private int storing; // messages handed to the store and not yet answered
    private long timer = -1;

    AisBatchStore(String name, Vertx vertx, Blocking blocking, VesselPositions vessels, IngestStats.Source stats) {
        this.name = name;
        this.vertx = vertx;
        this.blocking = blocking;
        this.vessels = vessels;
        this.stats = stats;
    }

    /** Queues one message; it is stored with the next batch. */
    void add(AisDecoded message) {
        stats.decoded();
        if (pending.size() + storing >= MAX_WAITING) {
            stats.rejected(IngestStats.STORE_BACKLOG);
            return;
        }
        pending.add(message);
        if (pending.size() >= MAX_BATCH) {
            flush();
        } else if (timer < 0) {
            timer = vertx.setTimer(FLUSH_MILLIS, id -> {
                timer = -1;
                flush();
            });
        }
    }

    /** Stores what is queued now; completes once the store has answered (never fails: failures are counted). */
    Future<Void> flush() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
        if (pending.isEmpty()) {
            return Future.succeededFuture();
        }
        List<AisDecoded> batch = pending;
        pending = new ArrayList<>();
        storing += batch.size();
        return blocking.run(() -> vessels.store(batch))
                .andThen(done -> storing -= batch.size())
                .onSuccess(outcome -> stats.stored(batch.size(), outcome.positions()))
                .onFailure(e -> {
                    stats.storeFailed();
                    LOG.warn("AIS {}: could not store a batch of {} messages; they are lost", name, batch.size(), e);
                })
                .<Void>mapEmpty()
                .otherwiseEmpty();
    }
}
