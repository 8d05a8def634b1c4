package org.iocmap.service.stream;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Writes a subscription as Server-Sent Events ({@code text/event-stream}): {@code event:} names the kind, {@code id:}
 * the change id (snapshot chunks carry none, so a reconnect during the snapshot starts afresh), {@code data:} one line
 * of JSON. Comment lines keep the connection alive.
 */
final class SseSink implements EventSink {
    /** How long an EventSource waits before it reconnects, in milliseconds. */
    private static final int RETRY_MILLIS = 2_000;

    private final HttpServerResponse response;

    SseSink(HttpServerResponse response) {
        this.response = response;
    }

    @Override
    public void start() {
        response.setStatusCode(200)
                .setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .putHeader("X-Accel-Buffering", "no"); // a reverse proxy must not hold events back
        response.setWriteQueueMaxSize(MAX_QUEUED_BYTES);
        response.write("retry: " + RETRY_MILLIS + "\n\n");
    }

    @Override
    public void snapshot(String layerId, JsonArray features) {
        write("snapshot", null, new JsonObject().put("layer", layerId).put("features", features));
    }

    @Override
    public void ready(String layerId, long changeId) {
        write("ready", changeId, new JsonObject().put("layer", layerId).put("changeId", changeId));
    }

    @Override
    public void delta(String event, long changeId, String layerId, long featureId, JsonObject feature) {
        JsonObject data = new JsonObject().put("layer", layerId).put("id", featureId);
        if (feature != null) {
            data.put("feature", feature);
        }
        write(event, changeId, data);
    }

    @Override
    public void tiles(String layerId, long changeId, java.util.Collection<org.iocmap.tiles.grid.TileCoord> tiles) {
        write(
                "tiles",
                null,
                new JsonObject()
                        .put("layer", layerId)
                        .put("changeId", changeId)
                        .put("tiles", EventSink.tileArray(tiles)));
    }

    @Override
    public void heat(String layerId, long changeId, int changes) {
        write(
                "heat",
                null,
                new JsonObject().put("layer", layerId).put("changeId", changeId).put("changes", changes));
    }

    private void write(String event, Long id, JsonObject data) {
        if (response.closed() || response.ended()) {
            return;
        }
        // JSON text never holds a raw line break, so one data line carries it.
        response.write(
                "event: " + event + "\n" + (id == null ? "" : "id: " + id + "\n") + "data: " + data.encode() + "\n\n");
    }

    @Override
    public void heartbeat() {
        if (!response.closed() && !response.ended()) {
            response.write(": heartbeat\n\n");
        }
    }

    @Override
    public boolean isFull() {
        return response.writeQueueFull();
    }

    @Override
    public void whenWritable(Runnable action) {
        response.drainHandler(v -> {
            response.drainHandler(null);
            action.run();
        });
    }

    @Override
    public void onClosed(Runnable action) {
        response.closeHandler(v -> action.run());
    }

    @Override
    public void end() {
        if (!response.closed() && !response.ended()) {
            response.end();
        }
    }

    @Override
    public void abort(int status, String reason) {
        // Headers and perhaps half an event are out: cutting the connection (HTTP/1.1; the stream on HTTP/2) is the
        // only signal left, and it drops what is queued. The client reconnects with its last event id.
        response.reset();
    }
}
