package org.iocmap.service.stream;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.iocmap.layers.changes.Change;
import org.iocmap.layers.changes.ChangeCursor;
import org.iocmap.layers.changes.ChangeLog;
import org.iocmap.layers.kinds.LayerCatalog;
import org.iocmap.layers.model.Feature;
import org.iocmap.layers.model.Layer;
import org.iocmap.layers.store.StorageUnavailableException;
import org.iocmap.service.http.Blocking;
import org.iocmap.service.tiles.TileService;
import org.iocmap.tiles.grid.TileCoord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the change log and hands every change, in id order, to the subscriptions: one feed per server. It polls
 * {@link ChangeLog} every {@value #POLL_MILLIS} ms on the worker pool, so changes made by any writer, on another node
 * or in plain SQL, reach subscribers. A {@link ChangeCursor} holds changes back behind a gap until the gap fills or its
 * grace period ends, so a lower id that commits late is delivered in order rather than skipped.
 *
 * <p>For each change of a layer that has subscribers the feature's current state is read once, for all of them.
 *
 * <p>Deployed as a child of the HTTP verticle, so it stops with it; stopping ends every open stream.
 */
final class ChangeFeed extends VerticleBase {
    static final long POLL_MILLIS = 200;
    private static final int BATCH = 500;
    private static final long RETRY_MILLIS = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);

    private final ChangeLog log;
    private final LayerCatalog catalog;
    private final TileService tiles;
    private final Blocking blocking;
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();

    /** Touched only inside the chain of poll calls, one at a time. */
    private ChangeCursor cursor;

    // Guarded by this:
    private long position;
    private boolean running;
    private final List<Runnable> waiters = new ArrayList<>();

    private volatile boolean stopped;
    private long timer = -1;
    private boolean failing;

    ChangeFeed(ChangeLog log, LayerCatalog catalog, TileService tiles, Blocking blocking) {
        this.log = log;
        this.catalog = catalog;
        this.tiles = tiles;
        this.blocking = blocking;
    }

    @Override
    public Future<?> start() {
        // The first poll finds the log's end; until it succeeds (the store may be down) streams wait or get 503.
        schedule(1);
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        stopped = true;
        vertx.cancelTimer(timer);
        subscriptions.forEach(Subscription::shutdown);
        subscriptions.clear();
        return Future.succeededFuture();
    }

    /**
     * Returns a future that completes on {@code context} once the feed knows where the log ends, or fails with
     * {@link StorageUnavailableException} after {@code timeoutMillis}.
     */
    Future<Void> whenRunning(Context context, long timeoutMillis) {
        Promise<Void> promise = Promise.promise();
        synchronized (this) {
            if (running) {
                return Future.succeededFuture();
            }
            waiters.add(() -> context.runOnContext(v -> promise.tryComplete()));
        }
        context.owner()
                .setTimer(
                        timeoutMillis,
                        t -> context.runOnContext(v -> promise.tryFail(new StorageUnavailableException(
                                "the change feed cannot read the change log yet", null))));
        return promise.future();
    }

    /**
     * Adds a subscription and returns the feed's position: every change after it will be offered to the
     * subscription, every change up to it has been committed (or given up) and is visible to a query made now.
     */
    synchronized long subscribe(Subscription subscription) {
        subscriptions.add(subscription);
        return position;
    }

    void unsubscribe(Subscription subscription) {
        subscriptions.remove(subscription);
    }

    private void schedule(long delayMillis) {
        if (!stopped) {
            timer = vertx.setTimer(Math.max(1, delayMillis), t -> poll());
        }
    }

    private void poll() {
        if (stopped) {
            return;
        }
        Set<String> layers = subscriptions.stream().map(Subscription::layerId).collect(Collectors.toSet());
        blocking.run(() -> read(layers)).onComplete(ar -> {
            if (ar.succeeded()) {
                if (failing) {
                    LOG.info(
                            "Change feed reads the change log again at id {}",
                            ar.result().position());
                    failing = false;
                }
                publish(ar.result());
                schedule(ar.result().full() ? 1 : POLL_MILLIS);
            } else {
                if (!failing) { // once per outage, not every 200 ms
                    LOG.warn(
                            "Change feed cannot read the change log: {}",
                            ar.cause().toString());
                    failing = true;
                }
                schedule(RETRY_MILLIS);
            }
        });
    }

    /** Reads the next changes and, for layers with subscribers, the features' current state. Runs on a worker. */
    private Batch read(Set<String> subscribedLayers) {
        if (cursor == null) {
            cursor = ChangeCursor.after(log, log.lastId());
            return new Batch(List.of(), cursor.position(), false);
        }
        List<Change> changes = cursor.poll(BATCH);
        Map<String, Optional<Feature>> states = new HashMap<>();
        List<Delivery> deliveries = new ArrayList<>(changes.size());
        for (Change change : changes) {
            Optional<Feature> state = null; // not read: no subscriber of this layer yet
            if (subscribedLayers.contains(change.layerId())) {
                Optional<Layer> layer = catalog.find(change.layerId());
                state = layer.isEmpty()
                        ? Optional.empty()
                        : states.computeIfAbsent(change.layerId() + '\u0000' + change.featureId(), key -> layer.get()
                                .findFeature(change.featureId()));
            }
            // The tile cache forgets the stale tiles before pages hear of them, so what they fetch again is fresh.
            Set<TileCoord> stale =
                    subscribedLayers.contains(change.layerId()) ? tiles.invalidatedBy(change.id()) : Set.of();
            deliveries.add(new Delivery(change, state, stale));
        }
        return new Batch(deliveries, cursor.position(), changes.size() == BATCH);
    }

    private void publish(Batch batch) {
        List<Runnable> started = List.of();
        synchronized (this) {
            position = batch.position();
            if (!running) {
                running = true;
                started = List.copyOf(waiters);
                waiters.clear();
            }
            if (!batch.deliveries().isEmpty()) {
                // Under the lock, so a subscription added meanwhile gets exactly the changes after its position.
                subscriptions.forEach(s -> s.offer(batch.deliveries()));
            }
        }
        started.forEach(Runnable::run);
    }

    /**
     * @param full whether the batch was as large as allowed, so more are probably waiting
     */
    private record Batch(List<Delivery> deliveries, long position, boolean full) {}
}
