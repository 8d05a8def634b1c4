package org.iocmap.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.iocmap.layers.changes.Change;
import org.iocmap.layers.changes.ChangeLog;
import org.iocmap.layers.changes.ChangeOp;
import org.iocmap.layers.kinds.GenericFeature;
import org.iocmap.layers.store.SqlDialect;
import org.iocmap.layers.store.Store;
import org.iocmap.service.StreamClient.Event;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;

/**
 * Drives {@code /api/stream} over real SSE and WebSocket connections: snapshot, ready, exactly the matching deltas,
 * resume after a disconnect with nothing lost or repeated, the change-log gap rule end to end, and bad input.
 */
class StreamApiTest {
    private static final String BBOX = "109.0,12.0,109.5,12.5";
    private static final String FILTER = "kind = 'fire' AND level >= 2";
    private static final double IN_LON = 109.2;
    private static final double IN_LAT = 12.2;
    private static final double OUT_LON = 110.5;

    private static TestServer server;
    private static String operator;
    private static FeatureWrites admin;

    @BeforeAll
    static void start() {
        server = TestServer.shared();
        operator = Http.token(server, "operator", "operator");
        admin = new FeatureWrites(server, Http.token(server, "admin", "admin"));
    }

    /** Opens a stream of one layer, box and filter over one transport; {@code lastEventId} null for a snapshot. */
    private interface Transport {
        StreamClient open(String layer, String bbox, String filter, Long lastEventId);
    }

    private static StreamClient sse(String layer, String bbox, String filter, Long lastEventId) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("layer", layer);
        if (bbox != null) {
            params.put("bbox", bbox);
        }
        if (filter != null) {
            params.put("filter", filter);
            params.put("filter-lang", "cql2-text");
        }
        return SseStreamClient.open(
                server.baseUrl() + "/api/stream?" + SseStreamClient.query(params), operator, lastEventId);
    }

    private static StreamClient webSocket(String layer, String bbox, String filter, Long lastEventId) {
        JsonObject subscribe =
                new JsonObject().put("type", "subscribe").put("token", operator).put("layer", layer);
        if (bbox != null) {
            subscribe.put("bbox", bbox);
        }
        if (filter != null) {
            subscribe.put("filter", filter);
        }
        if (lastEventId != null) {
            subscribe.put("lastEventId", lastEventId);
        }
        return WebSocketStreamClient.open(server.baseUrl(), subscribe);
    }

    @Test
    void serverSentEventsCarryTheSnapshotThenExactlyTheMatchingChangesAndResumeWithoutLoss() throws Exception {
        checkSnapshotDeltasAndResume(StreamApiTest::sse, true);
    }

    @Test
    void webSocketCarriesTheSnapshotThenExactlyTheMatchingChangesAndResumesWithoutLoss() throws Exception {
        checkSnapshotDeltasAndResume(StreamApiTest::webSocket, false);
    }

    /**
     * @param resumeLate whether the client comes back after the feed has passed the missed changes, so they are
     *     replayed from the log, or at once, so they may still arrive live
     */
    private static void checkSnapshotDeltasAndResume(Transport transport, boolean resumeLate) throws Exception {
        String layer = FeatureWrites.newLayer(server);
        long a = admin.create(layer, IN_LON, IN_LAT, "fire", 3);
        long b = admin.create(layer, IN_LON + 0.1, IN_LAT, "flood", 3); // in the box, filter false
        admin.create(layer, OUT_LON, IN_LAT, "fire", 3); // matches, outside the box

        long lastEventId;
        try (StreamClient stream = transport.open(layer, BBOX, FILTER, null)) {
            List<Event> start = stream.untilReady();
            assertThat(start.getLast().id()).isNotNull();
            assertThat(start.subList(0, start.size() - 1))
                    .allSatisfy(e -> assertThat(e.event()).isEqualTo("snapshot"));
            assertThat(start.stream()
                            .filter(e -> e.features() != null)
                            .flatMap(e -> e.features().stream())
                            .map(f -> ((JsonObject) f).getLong("id")))
                    .containsExactly(a);

            long d = admin.create(layer, IN_LON, IN_LAT + 0.1, "fire", 2);
            long e = admin.create(layer, OUT_LON, IN_LAT, "fire", 5); // outside the box: nothing
            admin.create(layer, IN_LON, IN_LAT, "fire", 1); // level too low: nothing
            long g = admin.create(layer, IN_LON + 0.2, IN_LAT + 0.2, "fire", 4);
            checkEvent(stream.next(), "added", d);
            Event added = stream.next();
            checkEvent(added, "added", g);
            assertThat(added.feature().getJsonObject("properties").getInteger("level"))
                    .isEqualTo(4);

            admin.replace(layer, d, OUT_LON, IN_LAT, "fire", 2); // leaves the box
            checkEvent(stream.next(), "removed", d);
            admin.replace(layer, a, IN_LON, IN_LAT, "fire", 5);
            checkEvent(stream.next(), "changed", a);
            admin.delete(layer, g);
            checkEvent(stream.next(), "removed", g);
            admin.delete(layer, e); // never sent: nothing
            admin.replace(layer, b, IN_LON, IN_LAT, "flood", 9); // still no match: nothing
            admin.replace(layer, a, IN_LON, IN_LAT, "fire", 4);
            Event last = stream.next();
            checkEvent(last, "changed", a); // and nothing came between
            lastEventId = last.id();
        }

        // Three changes while the client is away, to three features: each change is rendered from its feature's
        // state at delivery, so a later change of the same feature would supersede an earlier one.
        long h = admin.create(layer, IN_LON, IN_LAT, "fire", 2);
        admin.replace(layer, a, IN_LON, IN_LAT, "fire", 1); // no longer matches
        admin.replace(layer, b, IN_LON, IN_LAT, "fire", 2); // now matches
        List<Long> missed = new ChangeLog(server.app().store())
                .readAfter(lastEventId, 1000).stream()
                        .filter(c -> c.layerId().equals(layer))
                        .map(Change::id)
                        .toList();
        assertThat(missed).hasSize(3);
        if (resumeLate) {
            Thread.sleep(3 * 200 + 200); // three polls of the feed
        }

        try (StreamClient stream = transport.open(layer, BBOX, FILTER, lastEventId)) {
            // No snapshot: the missed changes, each once, in order; "ready" marks the end of the replay and may come
            // before live ones.
            List<Event> deltas = new ArrayList<>();
            while (deltas.size() < 3) {
                Event event = stream.next();
                assertThat(event.event()).isNotEqualTo("snapshot");
                if (!event.event().equals("ready")) {
                    deltas.add(event);
                }
            }
            assertThat(deltas).extracting(Event::event).containsExactly("added", "removed", "added");
            assertThat(deltas).extracting(Event::featureId).containsExactly(h, a, b);
            assertThat(deltas).extracting(Event::id).containsExactlyElementsOf(missed);
            assertThat(stream.drain(Duration.ofMillis(600)))
                    .extracting(Event::event)
                    .doesNotContain("added", "changed", "removed"); // no change twice
        }
    }

    private static void checkEvent(Event event, String kind, long featureId) {
        assertThat(event.event()).as("event %s", event).isEqualTo(kind);
        assertThat(event.featureId()).as("event %s", event).isEqualTo(featureId);
        assertThat(event.id()).as("event %s has a change id", event).isNotNull();
        if (kind.equals("removed")) {
            assertThat(event.feature()).isNull();
        } else {
            assertThat(event.feature().getLong("id")).isEqualTo(featureId);
        }
    }

    @Test
    void aChangeThatCommitsAfterAHigherIdIsDeliveredFirstNotSkipped() throws Exception {
        String layer = FeatureWrites.newLayer(server);
        Store store = server.app().store();
        try (StreamClient stream = sse(layer, null, null, null)) {
            stream.untilReady();
            CountDownLatch recorded = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicLong late = new AtomicLong();
            // A writer that takes its change id first and commits last: a slow transaction on another node, say.
            Thread slowWriter = Thread.ofVirtual()
                    .start(() -> store.inTransaction(session -> {
                        GenericFeature feature = new GenericFeature(
                                layer,
                                Map.of("kind", "fire", "level", 2),
                                null,
                                SqlDialect.WGS84.createPoint(new Coordinate(IN_LON, IN_LAT)));
                        session.persist(feature);
                        new ChangeLog(store).record(session, layer, feature.getId(), ChangeOp.ADDED);
                        late.set(feature.getId());
                        recorded.countDown();
                        try {
                            release.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return null;
                    }));
            assertThat(recorded.await(10, TimeUnit.SECONDS)).isTrue();
            long early = admin.create(layer, IN_LON, IN_LAT, "fire", 3); // a higher change id, committed first

            assertThat(stream.drain(Duration.ofMillis(800))).isEmpty(); // held back behind the gap
            release.countDown();
            slowWriter.join(10_000);

            Event first = stream.next();
            Event second = stream.next();
            checkEvent(first, "added", late.get());
            checkEvent(second, "added", early);
            assertThat(first.id()).isLessThan(second.id());
        }
    }

    @Test
    void aFeatureAddedBetweenSnapshotAndReadyIsNotLost() {
        String layer = FeatureWrites.newLayer(server);
        try (StreamClient stream = webSocket(layer, null, null, null)) {
            long first = admin.create(layer, IN_LON, IN_LAT, "fire", 2); // may land in the snapshot, a delta or both
            List<Event> start = stream.untilReady();
            boolean inSnapshot = start.stream()
                    .filter(e -> e.features() != null)
                    .flatMap(e -> e.features().stream())
                    .anyMatch(f -> ((JsonObject) f).getLong("id") == first);
            long second = admin.create(layer, IN_LON, IN_LAT, "fire", 2);
            List<Long> added = stream.drain(Duration.ofMillis(800)).stream()
                    .map(Event::featureId)
                    .toList();
            assertThat(added).contains(second);
            assertThat(inSnapshot || added.contains(first)).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "unknown layer | layer=no_such_layer | 404 | no layer with id 'no_such_layer' | ",
                "no layer | bbox=1,2,3,4 | 400 | layer | layer",
                "bad filter | layer=%s&filter=kind%%20%%3D%%3D%%20'x' | 400 | position 6 | filter",
                "unknown property | layer=%s&filter=colour%%20%%3D%%20'red' | 400 | no property 'colour' | filter",
                "other filter language | layer=%s&filter=x&filter-lang=cql2-json | 400 | cql2-text | filter-lang",
                "bad bbox | layer=%s&bbox=1,2,3 | 400 | 4 comma-separated numbers | bbox",
                "unknown parameter | layer=%s&limit=5 | 400 | no parameter 'limit' | limit",
                "unknown mode | layer=%s&mode=tiles | 400 | features (the default | mode",
                "resume ahead of the log | layer=%s&lastEventId=999999999999 | 400 | the change log ends at | lastEventId",
            })
    void badRequestsAreAnsweredWithProblemJsonBeforeTheStreamStarts(
            String what, String query, int status, String detail, String parameter) {
        String layer = FeatureWrites.newLayer(server);
        HttpResponse<String> response = Http.get(server.baseUrl() + "/api/stream?" + query.formatted(layer), operator);
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
        JsonObject problem = new JsonObject(response.body());
        assertThat(problem.getString("detail")).contains(detail);
        if (parameter != null) {
            assertThat(problem.getString("parameter")).isEqualTo(parameter);
        }
    }

    @Test
    void aHeatModeStreamSendsNoFeaturesOnlyThatTheLayerChanged() {
        String layer = FeatureWrites.newLayer(server);
        admin.create(layer, IN_LON, IN_LAT, "fire", 3);
        try (StreamClient sse = SseStreamClient.open(
                        server.baseUrl() + "/api/stream?layer=" + layer + "&mode=heat", operator, null);
                WebSocketStreamClient ws = WebSocketStreamClient.open(
                        server.baseUrl(),
                        new JsonObject()
                                .put("type", "subscribe")
                                .put("token", operator)
                                .put("layer", layer)
                                .put("mode", "heat"))) {
            for (StreamClient stream : List.of(sse, ws)) {
                assertThat(stream.untilReady()).extracting(Event::event).containsExactly("ready");
            }
            long a = admin.create(layer, IN_LON, IN_LAT, "fire", 2);
            long b = admin.create(layer, OUT_LON, IN_LAT, "flood", 1);
            for (StreamClient stream : List.of(sse, ws)) {
                List<Event> events = new java.util.ArrayList<>();
                int told = 0;
                while (told < 2) {
                    Event event = stream.next();
                    events.add(event);
                    told += event.raw().getInteger("changes", 0);
                }
                assertThat(events).extracting(Event::event).containsOnly("heat");
                assertThat(events.getLast().raw().getString("layer")).isEqualTo(layer);
                assertThat(events.getLast().raw().getLong("changeId")).isPositive();
                assertThat(events).extracting(Event::featureId).doesNotContain(a, b);
            }
        }
    }

    @Test
    void aPrivateLayerNeedsATokenAndARoleThatReadsIt() {
        HttpResponse<String> anonymous = Http.get(server.baseUrl() + "/api/stream?layer=vessels", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(new JsonObject(anonymous.body()).getString("detail")).contains("not public");

        HttpResponse<String> planner =
                Http.get(server.baseUrl() + "/api/stream?layer=vessels", Http.token(server, "planner", "planner"));
        assertThat(planner.statusCode()).isEqualTo(403);
    }

    @Test
    void aFilterCannotNameAFieldTheViewerDoesNotSee() {
        String planner = Http.token(server, "planner", "planner");
        HttpResponse<String> response = Http.get(
                server.baseUrl() + "/api/stream?layer=citizen_reports&filter=reporter_phone%20IS%20NOT%20NULL",
                planner);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(response.body()).getString("detail")).contains("no property 'reporter_phone'");
    }

    @Test
    void webSocketErrorsComeAsAnErrorMessageThenTheClose() {
        try (WebSocketStreamClient stream = WebSocketStreamClient.open(
                server.baseUrl(), new JsonObject().put("type", "subscribe").put("layer", "vessels"))) {
            Event error = stream.next();
            assertThat(error.event()).isEqualTo("error");
            assertThat(error.raw().getInteger("status")).isEqualTo(401);
            assertThat(stream.closeCode()).isEqualTo(1008);
        }
        try (WebSocketStreamClient stream = WebSocketStreamClient.open(
                server.baseUrl(),
                new JsonObject()
                        .put("type", "subscribe")
                        .put("token", operator)
                        .put("layer", "cameras")
                        .put("filter", "status = "))) {
            Event error = stream.next();
            assertThat(error.raw().getInteger("status")).isEqualTo(400);
            assertThat(error.raw().getString("parameter")).isEqualTo("filter");
            assertThat(error.raw().getString("detail")).contains("at position");
        }
        try (WebSocketStreamClient stream = WebSocketStreamClient.open(
                server.baseUrl(), new JsonObject().put("type", "subscribe").put("layer", "no_such_layer"))) {
            assertThat(stream.next().raw().getInteger("status")).isEqualTo(404);
        }
    }

    @Test
    void aPublicLayerStreamsToAnonymousViewersOverWebSocket() {
        try (WebSocketStreamClient stream = WebSocketStreamClient.open(
                server.baseUrl(),
                new JsonObject()
                        .put("type", "subscribe")
                        .put("layer", "env_stations")
                        .put(
                                "bbox",
                                new io.vertx.core.json.JsonArray()
                                        .add(100)
                                        .add(5)
                                        .add(115)
                                        .add(25)))) {
            List<Event> start = stream.untilReady();
            assertThat(start.getFirst().event()).isEqualTo("snapshot");
            assertThat(start.getFirst().features()).isNotEmpty();
        }
    }
}
