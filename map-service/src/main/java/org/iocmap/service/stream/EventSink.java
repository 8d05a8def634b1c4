package org.iocmap.service.stream;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Writes the events of one subscription to its connection, as Server-Sent Events or WebSocket messages. Called on the
 * connection's event loop only.
 */
interface EventSink {
    /** The most bytes queued for a connection before it counts as full; a slow client is then cut off. */
    int MAX_QUEUED_BYTES = 1 << 20;

    /** Starts the stream: from here on failures can no longer be answered with an HTTP status. */
    void start();

    /** Sends a chunk of the snapshot. */
    void snapshot(String layerId, JsonArray features);

    /** Sends the end of the snapshot or replay: the change id the client is now consistent with. */
    void ready(String layerId, long changeId);

    /** Sends one change: {@code added}, {@code changed} or {@code removed} (then {@code feature} is null). */
    void delta(String event, long changeId, String layerId, long featureId, JsonObject feature);

    /**
     * Tells which kept tiles of the layer a change made stale, so a page showing them fetches them again. Not an
     * event to resume from: it carries no id.
     */
    void tiles(String layerId, long changeId, java.util.Collection<org.iocmap.tiles.grid.TileCoord> tiles);

    /**
     * Tells a heat-mode subscriber that the layer changed: {@code changes} changes up to {@code changeId} since the
     * last such event. Not an event to resume from.
     */
    void heat(String layerId, long changeId, int changes);

    /** Returns tiles as {@code [[z, x, y], …]}, ordered by zoom, column and row, as both transports send them. */
    static JsonArray tileArray(java.util.Collection<org.iocmap.tiles.grid.TileCoord> tiles) {
        JsonArray array = new JsonArray();
        tiles.stream()
                .sorted(java.util.Comparator.comparingInt(org.iocmap.tiles.grid.TileCoord::z)
                        .thenComparingInt(org.iocmap.tiles.grid.TileCoord::x)
                        .thenComparingInt(org.iocmap.tiles.grid.TileCoord::y))
                .forEach(t -> array.add(new JsonArray().add(t.z()).add(t.x()).add(t.y())));
        return array;
    }

    /** Sends a keep-alive that carries no event. */
    void heartbeat();

    /** Tests whether the connection's write queue is full. */
    boolean isFull();

    /** Runs {@code action} once the write queue has room again. */
    void whenWritable(Runnable action);

    /** Runs {@code action} once when the connection closes, whichever side closes it. */
    void onClosed(Runnable action);

    /** Ends the stream in good order (the server is stopping); the client reconnects with its last event id. */
    void end();

    /** Cuts the connection at once, dropping what is queued: the client is too slow, or the stream broke. */
    void abort(int status, String reason);
}
