package org.iocmap.service.stream;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.UUID;
import org.iocmap.layers.changes.ChangeLog;
import org.iocmap.layers.kinds.LayerCatalog;
import org.iocmap.layers.model.Feature;
import org.iocmap.layers.model.FeaturePage;
import org.iocmap.layers.model.FeatureQuery;
import org.iocmap.layers.model.Layer;
import org.iocmap.layers.store.StorageUnavailableException;
import org.iocmap.service.Services;
import org.iocmap.service.auth.AuthHandler;
import org.iocmap.service.auth.JwtCodec;
import org.iocmap.service.auth.LayerAccess;
import org.iocmap.service.auth.Viewer;
import org.iocmap.service.http.Blocking;
import org.iocmap.service.http.ForbiddenException;
import org.iocmap.service.http.InvalidInputException;
import org.iocmap.service.http.NotFoundException;
import org.iocmap.service.http.UnauthorizedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mounts {@code GET /api/stream}: live updates of one layer, filtered by box and CQL2, as Server-Sent Events or, with
 * {@code Upgrade: websocket}, as WebSocket messages. Starts the server's {@link ChangeFeed}. The protocol is described
 * in {@code docs/stream.md}.
 *
 * <p>SSE requests are checked before the stream starts, so bad input, a missing token or an unknown layer get
 * problem+json with 400, 401, 403 or 404. A WebSocket client sends its subscription (token included: browsers cannot
 * set headers on a WebSocket) as its first message and gets errors as an {@code error} message before the close.
 */
public final class StreamRoutes {
    /** The most features a snapshot reads from its box; the filter applies after. */
    static final int MAX_SNAPSHOT = 10_000;

    private static final long SUBSCRIBE_TIMEOUT_MILLIS = 10_000;
    private static final long FEED_START_TIMEOUT_MILLIS = 5_000;
    private static final Logger LOG = LoggerFactory.getLogger(StreamRoutes.class);

    private final Vertx vertx;
    private final ChangeFeed feed;
    private final ChangeLog log;
    private final LayerCatalog catalog;
    private final JwtCodec jwt;
    private final Blocking blocking;

    private StreamRoutes(
            Vertx vertx, ChangeFeed feed, ChangeLog log, LayerCatalog catalog, JwtCodec jwt, Blocking blocking) {
        this.vertx = vertx;
        this.feed = feed;
        this.log = log;
        this.catalog = catalog;
        this.jwt = jwt;
        this.blocking = blocking;
    }

    /**
     * Mounts the route and deploys the change feed. Call it from the HTTP verticle's {@code start}: the feed is then
     * that verticle's child and stops with it.
     */
    public static void mount(Router router, Vertx vertx, Services services, Blocking blocking) {
        ChangeLog log = new ChangeLog(services.store());
        ChangeFeed feed = new ChangeFeed(log, services.catalog(), services.tiles(), blocking);
        vertx.deployVerticle(feed).onFailure(e -> LOG.error("Cannot start the change feed", e));
        StreamRoutes routes = new StreamRoutes(vertx, feed, log, services.catalog(), services.jwt(), blocking);
        router.get("/api/stream").handler(routes::handle);
    }

    private void handle(RoutingContext ctx) {
        if (isWebSocketUpgrade(ctx.request())) {
            webSocket(ctx);
        } else {
            serverSentEvents(ctx);
        }
    }

    private static boolean isWebSocketUpgrade(HttpServerRequest request) {
        String upgrade = request.getHeader(HttpHeaders.UPGRADE);
        return upgrade != null && upgrade.equalsIgnoreCase("websocket");
    }

    /** GET /api/stream as Server-Sent Events (HTML Living Standard, 9.2). */
    private void serverSentEvents(RoutingContext ctx) {
        Viewer viewer = AuthHandler.viewer(ctx);
        StreamRequest request =
                StreamRequest.fromQuery(ctx.queryParams(), ctx.request().getHeader("Last-Event-ID"));
        Layer layer = LayerAccess.requireReadable(viewer, catalog.find(request.layerId()), request.layerId());
        StreamFilter filter = StreamFilter.of(layer, viewer, request);
        open(new SseSink(ctx.response()), filter, request)
                .onFailure(ctx::fail); // before the stream started: ProblemHandler answers with problem+json
    }

    /** GET /api/stream with Upgrade: websocket (RFC 6455); the first text message subscribes. */
    private void webSocket(RoutingContext ctx) {
        ctx.request()
                .toWebSocket()
                .onSuccess(socket -> {
                    WebSocketSink sink = new WebSocketSink(socket);
                    long timeout = vertx.setTimer(
                            SUBSCRIBE_TIMEOUT_MILLIS,
                            t -> sink.error(
                                    408,
                                    "send {\"type\":\"subscribe\",…} within " + SUBSCRIBE_TIMEOUT_MILLIS / 1000 + " s",
                                    null));
                    socket.closeHandler(v -> vertx.cancelTimer(timeout));
                    socket.textMessageHandler(text -> {
                        socket.textMessageHandler(null); // one subscription per connection; later messages are ignored
                        vertx.cancelTimer(timeout);
                        subscribe(socket, sink, text);
                    });
                })
                .onFailure(e -> LOG.debug("WebSocket upgrade failed: {}", e.toString()));
    }

    private void subscribe(ServerWebSocket socket, WebSocketSink sink, String text) {
        try {
            JsonObject message;
            try {
                message = new JsonObject(text);
            } catch (DecodeException e) {
                throw new InvalidInputException("message", text, "a JSON object {\"type\":\"subscribe\",…}");
            }
            if (!"subscribe".equals(message.getValue("type"))) {
                throw new InvalidInputException("type", String.valueOf(message.getValue("type")), "\"subscribe\"");
            }
            Object token = message.getValue("token");
            Viewer viewer =
                    token == null || token.toString().isBlank() ? Viewer.ANONYMOUS : jwt.verify(token.toString());
            StreamRequest request = StreamRequest.fromMessage(message);
            Layer layer = LayerAccess.requireReadable(viewer, catalog.find(request.layerId()), request.layerId());
            StreamFilter filter = StreamFilter.of(layer, viewer, request);
            open(sink, filter, request).onFailure(e -> error(sink, socket, e));
        } catch (RuntimeException e) {
            error(sink, socket, e);
        }
    }

    /**
     * Subscribes to the feed, then computes the snapshot (or checks the resume point) and starts the stream. Fails,
     * with nothing sent yet, when the request cannot be served.
     */
    private Future<Void> open(EventSink sink, StreamFilter filter, StreamRequest request) {
        Context context = vertx.getOrCreateContext();
        return feed.whenRunning(context, FEED_START_TIMEOUT_MILLIS).compose(ready -> {
            Subscription subscription = new Subscription(
                    vertx,
                    context,
                    blocking,
                    log,
                    feed,
                    filter,
                    sink,
                    request.lastEventId(),
                    Subscription.STALL_MILLIS,
                    request.heat());
            // The position is taken before the snapshot is read: every change after it comes as a delta, so none
            // falls between the two (one already in the snapshot is recognised by the subscription and not resent).
            long position = feed.subscribe(subscription);
            if (request.heat()) {
                subscription.startHeat(position);
                return Future.<Void>succeededFuture();
            }
            Future<Void> started = request.lastEventId() == null
                    ? blocking.run(() -> snapshot(filter, request)).map(features -> {
                        subscription.startWithSnapshot(position, features);
                        return null;
                    })
                    : blocking.run(log::lastId).map(last -> {
                        if (request.lastEventId() > last) {
                            throw new InvalidInputException(
                                    "lastEventId",
                                    request.lastEventId().toString(),
                                    "an id this stream sent; the change log ends at " + last
                                            + " (start afresh without lastEventId)");
                        }
                        subscription.startWithReplay(position);
                        return null;
                    });
            return started.onFailure(e -> subscription.cancel());
        });
    }

    /**
     * Reads the features of the box that the filter accepts. The filter runs in the database when it can (it names
     * only declared attributes); otherwise, for names only the evaluator knows ({@code datetime}, properties of a
     * layer without a schema), it runs here after the box. Runs on a worker.
     */
    private static List<Feature> snapshot(StreamFilter filter, StreamRequest request) {
        FeatureQuery query = new FeatureQuery(filter.bbox(), null, MAX_SNAPSHOT, 0);
        boolean inDatabase = false;
        if (filter.expression() != null) {
            try {
                filter.layer().checkFilter(filter.expression());
                query = query.withFilter(filter.expression());
                inDatabase = true;
            } catch (IllegalArgumentException e) {
                // not expressible in SQL for this layer: the evaluator below decides alone
            }
        }
        FeaturePage page = filter.layer().query(query);
        if (page.numberMatched() > MAX_SNAPSHOT) {
            String box = filter.bbox() == null ? "(the whole layer)" : request.bboxText();
            throw new InvalidInputException(
                    "bbox",
                    box,
                    "a box holding at most " + MAX_SNAPSHOT + " matching features of layer '"
                            + filter.layer().id() + "'; this one holds " + page.numberMatched()
                            + (inDatabase ? "" : " (this filter applies after the box)"));
        }
        // The evaluator runs in every case: it is the same rule the deltas use, so snapshot and stream agree.
        return page.features().stream().filter(filter::matches).toList();
    }

    /** Sends an error message as the HTTP API would answer, then closes. */
    private static void error(WebSocketSink sink, ServerWebSocket socket, Throwable failure) {
        switch (failure) {
            case InvalidInputException e -> sink.error(400, e.getMessage(), e.parameter());
            case UnauthorizedException e -> sink.error(401, e.getMessage(), null);
            case ForbiddenException e -> sink.error(403, e.getMessage(), null);
            case NotFoundException e -> sink.error(404, e.getMessage(), null);
            case StorageUnavailableException e -> sink.error(503, "the data store is unavailable; retry later", null);
            default -> {
                String ref = UUID.randomUUID().toString();
                LOG.error("Unhandled failure ref={} on WebSocket {}", ref, socket.path(), failure);
                sink.error(500, "internal error; reference " + ref, null);
            }
        }
    }
}
