package org.iocmap.service.stream;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.iocmap.layers.changes.Change;
import org.iocmap.layers.changes.ChangeLog;
import org.iocmap.layers.model.Feature;
import org.iocmap.service.http.Blocking;

/**
 * Serves one client's view of one layer: first a snapshot (or, when resuming, a replay of the log after the client's
 * last event id), then every change the {@link ChangeFeed} hands over, turned into events.
 *
 * <p><b>Per change</b> the feature's current state decides: if it exists and matches the filter, the client gets
 * {@code added} (the first time this connection sends it) or {@code changed}; if it is gone or no longer matches, the
 * client gets {@code removed} when it may hold the feature (this connection sent it, or the connection resumed and
 * cannot know), and nothing otherwise. A feature the client holds in exactly its current form (for this viewer) is
 * not sent again, so the overlap between snapshot and first deltas costs nothing.
 *
 * <p><b>Memory.</b> Changes that arrive during the snapshot or replay wait in an inbox. A client whose write queue is
 * full ({@link EventSink#MAX_QUEUED_BYTES}) is given a stall time ({@value #STALL_MILLIS} ms in service) to take what
 * is queued; if it does not, or if more than {@value #MAX_PENDING} changes wait for it, it is cut off and resumes with
 * its last event id. So a slow client holds at most the queue limit of its connection plus that many changes. (A
 * full queue alone is no reason to cut: a burst of large features fills it before the event loop flushes it to a
 * fast client.)
 *
 * <p><b>Heat mode</b> ({@code mode=heat}): no snapshot and no feature events; every change of the layer counts, and
 * the client gets a {@code heat} event with the count at most every {@value #HEAT_MILLIS} ms, for a page that re-asks
 * its heat map when the layer changed. (The old position of a moved feature is not known here, so box and filter do
 * not narrow these events.)
 *
 * <p>Runs on the event loop of its connection; only {@link #offer} and {@link #shutdown} may be called from other
 * threads.
 */
final class Subscription {
    static final int SNAPSHOT_CHUNK = 100;
    static final int MAX_PENDING = 10_000;
    static final long STALL_MILLIS = 10_000;
    static final long HEARTBEAT_MILLIS = 15_000;
    static final long HEAT_MILLIS = 1_000;
    private static final int REPLAY_PAGE = 500;
    /** Marks a feature the client is known not to hold (it was sent {@code removed}); no fingerprint is this value. */
    private static final Long NOT_HELD = Long.MIN_VALUE;

    private final Vertx vertx;
    private final Context context;
    private final Blocking blocking;
    private final ChangeLog log;
    private final ChangeFeed feed;
    private final StreamFilter filter;
    private final EventSink sink;
    private final String layerId;
    /** The change id the client resumes after; null when it starts with a snapshot. */
    private final Long resumeAfter;

    private final long stallMillis;
    private final boolean heat;

    private final Queue<Delivery> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inboxSize = new AtomicInteger();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private volatile boolean closed;

    // Confined to the connection's event loop:
    /**
     * What the client holds, by feature id: the fingerprint of the feature as last sent, or {@link #NOT_HELD}; absent
     * means not held for a snapshot subscription and unknown for a resumed one.
     */
    private final Map<Long, Long> held = new HashMap<>();

    private long watermark;
    private boolean live;
    private boolean released;
    private boolean paused;
    private long heartbeatTimer = -1;
    private long stallTimer = -1;
    private long heatTimer = -1;
    private int heatChanges;
    private long heatChangeId;
    private long heatSentMillis;

    Subscription(
            Vertx vertx,
            Context context,
            Blocking blocking,
            ChangeLog log,
            ChangeFeed feed,
            StreamFilter filter,
            EventSink sink,
            Long resumeAfter,
            long stallMillis,
            boolean heat) {
        this.vertx = vertx;
        this.context = context;
        this.blocking = blocking;
        this.log = log;
        this.feed = feed;
        this.filter = filter;
        this.sink = sink;
        this.layerId = filter.layer().id();
        this.resumeAfter = resumeAfter;
        this.stallMillis = stallMillis;
        this.heat = heat;
        sink.onClosed(this::closed);
    }

    String layerId() {
        return layerId;
    }

    /** Queues changes of this subscription's layer. Called by the feed, from any thread, in id order. */
    void offer(List<Delivery> batch) {
        if (closed) {
            return;
        }
        int added = 0;
        for (Delivery delivery : batch) {
            if (delivery.change().layerId().equals(layerId)) {
                inbox.add(delivery);
                added++;
            }
        }
        if (added == 0) {
            return;
        }
        if (inboxSize.addAndGet(added) > MAX_PENDING) {
            context.runOnContext(v -> abort("more than " + MAX_PENDING + " changes are waiting for this client;"
                    + " resume with the last event id"));
            return;
        }
        if (drainScheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> {
                drainScheduled.set(false);
                drain();
            });
        }
    }

    /** Ends the stream because the server stops. Any thread. */
    void shutdown() {
        context.runOnContext(v -> {
            if (!closed) {
                sink.end();
                closed();
            }
        });
    }

    /** Drops the subscription before its stream started (the request failed). */
    void cancel() {
        closed();
    }

    /** Starts the stream with the snapshot, consistent with change {@code position}, then goes live. */
    void startWithSnapshot(long position, List<Feature> snapshot) {
        if (closed) {
            return;
        }
        start();
        writeSnapshot(snapshot, 0, () -> {
            watermark = position;
            sink.ready(layerId, position);
            live = true;
            drain();
        });
    }

    /** Starts a heat-mode stream at change {@code position}: no snapshot, then heat events. */
    void startHeat(long position) {
        if (closed) {
            return;
        }
        start();
        watermark = position;
        sink.ready(layerId, position);
        live = true;
        drain();
    }

    /** Starts the stream with the changes after the client's last event id up to {@code position}, then goes live. */
    void startWithReplay(long position) {
        if (closed) {
            return;
        }
        start();
        watermark = resumeAfter;
        replay(resumeAfter, position);
    }

    private void start() {
        sink.start();
        heartbeatTimer = vertx.setPeriodic(HEARTBEAT_MILLIS, t -> sink.heartbeat());
    }

    private void writeSnapshot(List<Feature> snapshot, int from, Runnable then) {
        int next = from;
        do {
            if (closed) {
                return;
            }
            // At least one chunk, empty when nothing matches, so a client always sees where its view starts.
            int to = Math.min(next + SNAPSHOT_CHUNK, snapshot.size());
            JsonArray chunk = new JsonArray();
            for (Feature feature : snapshot.subList(next, to)) {
                JsonObject json = filter.toJson(feature);
                chunk.add(json);
                held.put(feature.id(), fingerprint(json));
            }
            sink.snapshot(layerId, chunk);
            next = to;
            if (next < snapshot.size() && sink.isFull()) {
                int resumeAt = next;
                waitForRoom(() -> writeSnapshot(snapshot, resumeAt, then));
                return;
            }
        } while (next < snapshot.size());
        then.run();
    }

    private void replay(long after, long upTo) {
        if (after >= upTo) {
            finishReplay(upTo);
            return;
        }
        blocking.run(() -> readReplay(after, upTo)).onComplete(ar -> {
            if (closed) {
                return;
            }
            if (ar.failed()) {
                abort("the change log cannot be read now; resume with the last event id");
                return;
            }
            ReplayPage page = ar.result();
            page.deliveries().forEach(d -> handle(d.change(), d.state()));
            if (page.done()) {
                finishReplay(upTo);
            } else if (sink.isFull()) {
                waitForRoom(() -> replay(page.lastId(), upTo));
            } else {
                replay(page.lastId(), upTo);
            }
        });
    }

    /** Reads one page of the log after {@code after} and the current state of this layer's features in it. */
    private ReplayPage readReplay(long after, long upTo) {
        List<Change> changes = log.readAfter(after, REPLAY_PAGE);
        List<Delivery> deliveries = new ArrayList<>();
        Map<Long, Optional<Feature>> states = new HashMap<>();
        long last = after;
        boolean done = changes.size() < REPLAY_PAGE;
        for (Change change : changes) {
            if (change.id() > upTo) {
                done = true; // later changes come from the feed
                break;
            }
            last = change.id();
            if (change.layerId().equals(layerId)) {
                Optional<Feature> state = states.computeIfAbsent(
                        change.featureId(), id -> filter.layer().findFeature(id));
                deliveries.add(new Delivery(change, state));
            }
        }
        return new ReplayPage(deliveries, last, done || last >= upTo);
    }

    private void finishReplay(long upTo) {
        watermark = Math.max(watermark, upTo);
        sink.ready(layerId, watermark);
        live = true;
        drain();
    }

    private void drain() {
        if (!live || paused || closed) {
            return;
        }
        Delivery delivery;
        while ((delivery = inbox.peek()) != null) {
            if (sink.isFull()) {
                waitForRoom(this::drain);
                return;
            }
            inbox.poll();
            inboxSize.decrementAndGet();
            if (heat) {
                countForHeat(delivery.change());
                continue;
            }
            if (!delivery.tiles().isEmpty()) {
                sink.tiles(layerId, delivery.change().id(), delivery.tiles());
            }
            if (delivery.change().id() <= watermark) {
                continue; // already in the snapshot's consistency point or the replay
            }
            if (delivery.state() == null) {
                // Read before this subscription's layer had subscribers: read the state now, then go on in order.
                Change change = delivery.change();
                paused = true;
                blocking.run(() -> filter.layer().findFeature(change.featureId()))
                        .onComplete(ar -> {
                            paused = false;
                            if (closed) {
                                return;
                            }
                            if (ar.failed()) {
                                abort("the store cannot be read now; resume with the last event id");
                                return;
                            }
                            handle(change, ar.result());
                            drain();
                        });
                return;
            }
            handle(delivery.change(), delivery.state());
            if (closed) {
                return;
            }
        }
    }

    /**
     * Turns one change into an event, or into nothing (see the class comment). A feature that matches and looks to
     * this viewer exactly as last sent is not sent again: that happens when a change is also in the snapshot, or when
     * only fields the viewer cannot see changed.
     */
    private void handle(Change change, Optional<Feature> state) {
        watermark = Math.max(watermark, change.id());
        long featureId = change.featureId();
        Long known = held.get(featureId);
        boolean holds = known != null && !known.equals(NOT_HELD);
        if (state.isPresent() && filter.matches(state.get())) {
            JsonObject json = filter.toJson(state.get());
            long fingerprint = fingerprint(json);
            if (holds && known == fingerprint) {
                return;
            }
            sink.delta(holds ? "changed" : "added", change.id(), layerId, featureId, json);
            held.put(featureId, fingerprint);
        } else if (known != null ? holds : isHeldByDefault()) {
            sink.delta("removed", change.id(), layerId, featureId, null);
            if (isHeldByDefault()) {
                held.put(featureId, NOT_HELD);
            } else {
                held.remove(featureId); // absent already means "not held"; keeps the map small
            }
        }
    }

    private void countForHeat(Change change) {
        if (change.id() <= watermark) {
            return;
        }
        watermark = change.id();
        heatChanges++;
        heatChangeId = change.id();
        if (heatTimer != -1) {
            return; // the pending event will carry this change too
        }
        long wait = heatSentMillis + HEAT_MILLIS - System.currentTimeMillis();
        if (wait <= 0) {
            sendHeat();
        } else {
            heatTimer = vertx.setTimer(wait, t -> {
                heatTimer = -1;
                if (!closed) {
                    sendHeat();
                }
            });
        }
    }

    private void sendHeat() {
        sink.heat(layerId, heatChangeId, heatChanges);
        heatChanges = 0;
        heatSentMillis = System.currentTimeMillis();
    }

    /** Returns a 64-bit FNV-1a hash of the feature's JSON text: equal for equal features, unequal otherwise. */
    private static long fingerprint(JsonObject feature) {
        String text = feature.encode();
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            hash ^= text.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash == NOT_HELD ? hash + 1 : hash;
    }

    /** Tests whether the client may hold a feature this connection never mentioned: only when it resumed. */
    private boolean isHeldByDefault() {
        return resumeAfter != null;
    }

    /** Pauses until the write queue has room; cuts the client off when it stays full for too long. */
    private void waitForRoom(Runnable then) {
        paused = true;
        stallTimer = vertx.setTimer(
                stallMillis,
                t -> abort("the client has not read its events for " + stallMillis / 1000.0
                        + " s; resume with the last event id"));
        sink.whenWritable(() -> {
            vertx.cancelTimer(stallTimer);
            paused = false;
            if (!closed) {
                then.run();
            }
        });
    }

    private void abort(String reason) {
        if (!closed) {
            sink.abort(503, reason);
            closed();
        }
    }

    private void closed() {
        closed = true;
        if (released) {
            return;
        }
        released = true;
        vertx.cancelTimer(heartbeatTimer);
        vertx.cancelTimer(stallTimer);
        vertx.cancelTimer(heatTimer);
        feed.unsubscribe(this);
        inbox.clear();
        inboxSize.set(0);
    }

    private record ReplayPage(List<Delivery> deliveries, long lastId, boolean done) {}
}
