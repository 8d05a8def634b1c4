package org.iocmap.service.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.iocmap.layers.changes.Change;
import org.iocmap.layers.changes.ChangeLog;
import org.iocmap.layers.changes.ChangeOp;
import org.iocmap.layers.model.Feature;
import org.iocmap.layers.model.FeatureQuery;
import org.iocmap.layers.model.Layer;
import org.iocmap.service.TestServer;
import org.iocmap.service.auth.Viewer;
import org.iocmap.service.http.Blocking;
import org.iocmap.service.tiles.TileService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pins how a subscription treats a client that does not keep up: it waits a while, then cuts it off. */
class SubscriptionTest {
    private static final long STALL_MILLIS = 300;

    private Vertx vertx;
    private Context context;
    private Blocking blocking;
    private ChangeLog log;
    private ChangeFeed feed;
    private Layer layer;
    private Feature feature;
    private RecordingSink sink;

    @BeforeEach
    void setUp() {
        TestServer server = TestServer.shared();
        vertx = Vertx.vertx();
        context = vertx.getOrCreateContext();
        blocking = new Blocking(vertx.createSharedWorkerExecutor("subscription-test", 2));
        log = new ChangeLog(server.app().store());
        layer = server.app().catalog().find("env_stations").orElseThrow();
        feature = layer.query(FeatureQuery.all(1)).features().getFirst();
        feed = new ChangeFeed(
                log,
                server.app().catalog(),
                new TileService(server.app().store(), server.app().catalog(), 1 << 20, null, 0),
                blocking);
        sink = new RecordingSink();
    }

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    private Subscription subscription() {
        return subscription(false);
    }

    private Subscription subscription(boolean heat) {
        StreamFilter filter = StreamFilter.of(
                layer, Viewer.ANONYMOUS, new StreamRequest(layer.id(), null, null, null, null, null, heat));
        return new Subscription(vertx, context, blocking, log, feed, filter, sink, null, STALL_MILLIS, heat);
    }

    private List<Delivery> changes(long firstId, int count) {
        List<Delivery> deliveries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Change change = new Change(firstId + i, layer.id(), feature.id(), ChangeOp.CHANGED, Instant.now());
            deliveries.add(new Delivery(change, Optional.of(feature)));
        }
        return deliveries;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void tooManyChangesWaitingDuringTheSnapshotCutTheClientOff() throws InterruptedException {
        Subscription subscription = subscription();
        subscription.offer(changes(1, Subscription.MAX_PENDING));
        Thread.sleep(100);
        assertThat(sink.aborted).isEmpty();
        subscription.offer(changes(Subscription.MAX_PENDING + 1, 1));
        await(() -> !sink.aborted.isEmpty(), "the client is cut off");
        assertThat(sink.aborted.getFirst()).contains("resume with the last event id");
    }

    @Test
    void aClientWhoseQueueStaysFullIsCutOffAfterTheStallTime() throws InterruptedException {
        Subscription subscription = subscription();
        context.runOnContext(v -> subscription.startWithSnapshot(0, List.of()));
        await(() -> sink.events.contains("ready"), "the stream is ready");
        sink.full = true;
        subscription.offer(changes(1, 1));
        Thread.sleep(STALL_MILLIS / 2);
        assertThat(sink.aborted).isEmpty(); // a full queue alone is no reason
        await(() -> !sink.aborted.isEmpty(), "the client is cut off");
        assertThat(sink.events).doesNotContain("added");
    }

    @Test
    void aClientThatCatchesUpInTimeGetsWhatWaited() throws InterruptedException {
        Subscription subscription = subscription();
        context.runOnContext(v -> subscription.startWithSnapshot(0, List.of()));
        await(() -> sink.events.contains("ready"), "the stream is ready");
        sink.full = true;
        subscription.offer(changes(1, 2));
        await(() -> sink.whenWritable != null, "the subscription waits for room");
        sink.full = false;
        context.runOnContext(v -> sink.whenWritable.run());
        await(() -> sink.events.contains("added"), "the waiting changes are sent");
        Thread.sleep(STALL_MILLIS * 2);
        assertThat(sink.aborted).isEmpty();
        // The first is "added" (not in the empty snapshot); the second is the same feature unchanged: not sent again.
        assertThat(sink.events).containsExactly("snapshot", "ready", "added");
    }

    @Test
    void aHeatSubscriberHearsThatTheLayerChangedAtMostOnceASecondAndNoFeatures() throws InterruptedException {
        Subscription subscription = subscription(true);
        context.runOnContext(v -> subscription.startHeat(0));
        await(() -> sink.events.contains("ready"), "the stream is ready");
        subscription.offer(changes(1, 1));
        await(() -> sink.heatChanges.size() == 1, "the first change is told at once");
        long first = System.nanoTime();
        subscription.offer(changes(2, 30));
        subscription.offer(changes(32, 9));
        await(() -> sink.heatChanges.size() == 2, "the later changes are told together");
        long gapMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - first);
        assertThat(gapMillis).isGreaterThanOrEqualTo(Subscription.HEAT_MILLIS - 50);
        assertThat(sink.heatChanges).containsExactly(1, 39);
        assertThat(sink.heatIds).containsExactly(1L, 40L);
        assertThat(sink.events).containsExactly("ready", "heat", "heat"); // no snapshot, no features, no tiles
    }

    /** Records what a subscription writes; {@link #full} makes it report a full write queue. */
    private static final class RecordingSink implements EventSink {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<String> aborted = new CopyOnWriteArrayList<>();
        final List<Integer> heatChanges = new CopyOnWriteArrayList<>();
        final List<Long> heatIds = new CopyOnWriteArrayList<>();
        volatile boolean full;
        volatile Runnable whenWritable;

        @Override
        public void start() {}

        @Override
        public void snapshot(String layerId, JsonArray features) {
            events.add("snapshot");
        }

        @Override
        public void ready(String layerId, long changeId) {
            events.add("ready");
        }

        @Override
        public void delta(String event, long changeId, String layerId, long featureId, JsonObject feature) {
            events.add(event);
        }

        @Override
        public void tiles(String layerId, long changeId, java.util.Collection<org.iocmap.tiles.grid.TileCoord> tiles) {
            events.add("tiles");
        }

        @Override
        public void heat(String layerId, long changeId, int changes) {
            heatIds.add(changeId);
            heatChanges.add(changes);
            events.add("heat");
        }

        @Override
        public void heartbeat() {}

        @Override
        public boolean isFull() {
            return full;
        }

        @Override
        public void whenWritable(Runnable action) {
            whenWritable = action;
        }

        @Override
        public void onClosed(Runnable action) {}

        @Override
        public void end() {}

        @Override
        public void abort(int status, String reason) {
            aborted.add(reason);
        }
    }
}
