package org.iocmap.service.stream;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Writes a subscription as WebSocket text messages, one JSON object each: {@code {"event":"added","id":<change id>,
 * "layer":…,"featureId":…,"feature":{…}}}. Ping frames keep the connection alive; errors are sent as {@code
 * {"event":"error","status":…,"detail":…}} before the close.
 */
final class WebSocketSink implements EventSink {
    /** Close code 1013, "try again later": sent to a client that cannot keep up. */
    private static final short TRY_AGAIN_LATER = 1013;

    private static final short GOING_AWAY = 1001;
    private static final short POLICY_VIOLATION = 1008;
    private static final short INTERNAL_ERROR = 1011;

    private final ServerWebSocket socket;

    WebSocketSink(ServerWebSocket socket) {
        this.socket = socket;
    }

    @Override
    public void start() {
        socket.setWriteQueueMaxSize(MAX_QUEUED_BYTES);
    }

    @Override
    public void snapshot(String layerId, JsonArray features) {
        send(new JsonObject().put("event", "snapshot").put("layer", layerId).put("features", features));
    }

    @Override
    public void ready(String layerId, long changeId) {
        send(new JsonObject().put("event", "ready").put("id", changeId).put("layer", layerId));
    }

    @Override
    public void delta(String event, long changeId, String layerId, long featureId, JsonObject feature) {
        JsonObject message = new JsonObject()
                .put("event", event)
                .put("id", changeId)
                .put("layer", layerId)
                .put("featureId", featureId);
        if (feature != null) {
            message.put("feature", feature);
        }
        send(message);
    }

    @Override
    public void tiles(String layerId, long changeId, java.util.Collection<org.iocmap.tiles.grid.TileCoord> tiles) {
        send(new JsonObject()
                .put("event", "tiles")
                .put("layer", layerId)
                .put("changeId", changeId)
                .put("tiles", EventSink.tileArray(tiles)));
    }

    @Override
    public void heat(String layerId, long changeId, int changes) {
        send(new JsonObject()
                .put("event", "heat")
                .put("layer", layerId)
                .put("changeId", changeId)
                .put("changes", changes));
    }

    /** Sends an error message and closes: status and detail read like the problem+json of the HTTP API. */
    void error(int status, String detail, String parameter) {
        closeWith(status, detail, parameter, status >= 500 ? INTERNAL_ERROR : POLICY_VIOLATION);
    }

    private void closeWith(int status, String detail, String parameter, short code) {
        if (socket.isClosed()) {
            return;
        }
        JsonObject message =
                new JsonObject().put("event", "error").put("status", status).put("detail", detail);
        if (parameter != null) {
            message.put("parameter", parameter);
        }
        send(message);
        socket.close(code, truncate(detail));
    }

    private void send(JsonObject message) {
        if (!socket.isClosed()) {
            socket.writeTextMessage(message.encode());
        }
    }

    @Override
    public void heartbeat() {
        if (!socket.isClosed()) {
            socket.writePing(Buffer.buffer("iocmap"));
        }
    }

    @Override
    public boolean isFull() {
        return socket.writeQueueFull();
    }

    @Override
    public void whenWritable(Runnable action) {
        socket.drainHandler(v -> {
            socket.drainHandler(null);
            action.run();
        });
    }

    @Override
    public void onClosed(Runnable action) {
        socket.closeHandler(v -> action.run());
    }

    @Override
    public void end() {
        if (!socket.isClosed()) {
            socket.close(GOING_AWAY, "server stopping; resume with the last event id");
        }
    }

    @Override
    public void abort(int status, String reason) {
        closeWith(status, reason, null, status == 503 ? TRY_AGAIN_LATER : INTERNAL_ERROR);
    }

    /** Returns the reason cut to the 123 bytes a close frame holds (UTF-8; detail texts are mostly ASCII). */
    private static String truncate(String reason) {
        return reason.length() <= 60 ? reason : reason.substring(0, 60);
    }
}
