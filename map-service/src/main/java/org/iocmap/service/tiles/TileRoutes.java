package org.iocmap.service.tiles;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import org.iocmap.layers.kinds.LayerCatalog;
import org.iocmap.layers.model.AttributeDef;
import org.iocmap.layers.model.Layer;
import org.iocmap.service.auth.AuthHandler;
import org.iocmap.service.auth.LayerAccess;
import org.iocmap.service.http.Blocking;
import org.iocmap.service.http.InvalidInputException;
import org.iocmap.tiles.grid.TileCoord;
import org.iocmap.tiles.grid.WebMercator;
import org.iocmap.tiles.render.TooManyFeaturesException;

/**
 * Mounts the tile routes: {@code GET /tiles/{layer}/{z}/{x}/{y}.mvt} (a Mapbox Vector Tile of the layer, with the
 * properties the viewer may read), {@code GET /tiles/{layer}/{z}/{x}/{y}.png} (the tile drawn with the layer's style) and {@code GET /tiles/{layer}.json} (TileJSON 3.0.0 describing it). Layers that are
 * not public need a token, as everywhere else.
 */
public final class TileRoutes {
    static final String MVT = "application/vnd.mapbox-vector-tile";
    /** The deepest zoom the TileJSON advertises; deeper tiles are served too, up to {@link TileCoord#MAX_ZOOM}. */
    static final int MAX_ZOOM = 22;

    private static final String LAYER = "([A-Za-z0-9_\\-]+)";

    private final LayerCatalog catalog;
    private final Blocking blocking;
    private final TileService tiles;

    private TileRoutes(LayerCatalog catalog, TileService tiles, Blocking blocking) {
        this.catalog = catalog;
        this.tiles = tiles;
        this.blocking = blocking;
    }

    /** Mounts the routes on {@code router}; the caller has put the sign-in handler on {@code /tiles/*}. */
    public static void mount(Router router, LayerCatalog catalog, TileService tiles, Blocking blocking) {
        TileRoutes routes = new TileRoutes(catalog, tiles, blocking);
        router.getWithRegex("/tiles/" + LAYER + "/([^/]*)/([^/]*)/([^/]*)\\.mvt")
                .handler(routes::vectorTile);
        router.getWithRegex("/tiles/" + LAYER + "/([^/]*)/([^/]*)/([^/]*)\\.png")
                .handler(routes::rasterTile);
        router.getWithRegex("/tiles/" + LAYER + "\\.json").handler(routes::tileJson);
    }

    /**
     * Returns the tile a route's regular expression captured as its second to fourth groups.
     *
     * @throws InvalidInputException naming the coordinate that is missing, not a whole number, or out of range
     */
    public static TileCoord tile(RoutingContext ctx) {
        try {
            return TileCoord.parse(ctx.pathParam("param1"), ctx.pathParam("param2"), ctx.pathParam("param3"));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(
                    "z/x/y",
                    ctx.pathParam("param1") + "/" + ctx.pathParam("param2") + "/" + ctx.pathParam("param3"),
                    e.getMessage());
        }
    }

    /** GET /tiles/{layer}/{z}/{x}/{y}.png: the tile drawn with the layer's style, 256 pixels square. */
    private void rasterTile(RoutingContext ctx) {
        String id = ctx.pathParam("param0");
        Layer layer = readableTiles(ctx, id);
        TileCoord tile = tile(ctx);
        Optional<byte[]> kept = tiles.findCurrentRasterInMemory(layer, tile);
        (kept.isPresent()
                        ? io.vertx.core.Future.succeededFuture(kept.get())
                        : blocking.run(() -> tiles.rasterTile(layer, tile)))
                .onSuccess(bytes -> ctx.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, "image/png")
                        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                        .end(Buffer.buffer(bytes)))
                .onFailure(ctx::fail);
    }

    /** GET /tiles/{layer}/{z}/{x}/{y}.mvt */
    private void vectorTile(RoutingContext ctx) {
        String id = ctx.pathParam("param0");
        Layer layer = readableTiles(ctx, id);
        TileCoord tile = tile(ctx);
        List<String> attributes = LayerAccess.visibleAttributes(AuthHandler.viewer(ctx), layer).stream()
                .map(AttributeDef::name)
                .toList();
        // A tile kept in memory is sent from the event loop; anything else is made or read on a worker.
        Optional<byte[]> kept = tiles.findCurrentInMemory(layer, tile, attributes);
        (kept.isPresent()
                        ? io.vertx.core.Future.succeededFuture(kept.get())
                        : blocking.run(() -> {
                            try {
                                return tiles.vectorTile(layer, tile, attributes);
                            } catch (TooManyFeaturesException e) {
                                throw new InvalidInputException("z", Integer.toString(tile.z()), e.getMessage());
                            }
                        }))
                .onSuccess(bytes -> ctx.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, MVT)
                        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                        .end(Buffer.buffer(bytes)))
                .onFailure(ctx::fail);
    }

    /**
     * Returns the layer when the viewer may read its tiles. Tiles are made once per layer for everyone, so a viewer
     * limited to an area gets none of an incident layer (its features come through the stream and the OGC API,
     * limited to the area).
     */
    private Layer readableTiles(RoutingContext ctx, String id) {
        org.iocmap.service.auth.Viewer viewer = AuthHandler.viewer(ctx);
        Layer layer = LayerAccess.requireReadable(viewer, catalog.find(id), id);
        if (viewer.isLimited() && org.iocmap.service.auth.Jurisdictions.isLimited(layer)) {
            throw new org.iocmap.service.http.ForbiddenException("tiles of layer '" + id + "' are not offered to a user"
                    + " limited to an area (yours is " + viewer.area().code() + "); read its features from"
                    + " /ogc/collections/" + id + "/items or /api/stream, which keep to your area");
        }
        return layer;
    }

    /** GET /tiles/{layer}.json: TileJSON 3.0.0. */
    private void tileJson(RoutingContext ctx) {
        String id = ctx.pathParam("param0");
        Layer layer = LayerAccess.requireReadable(AuthHandler.viewer(ctx), catalog.find(id), id);
        JsonObject fields = new JsonObject();
        for (AttributeDef a : LayerAccess.visibleAttributes(AuthHandler.viewer(ctx), layer)) {
            fields.put(
                    a.name(),
                    switch (a.type()) {
                        case INTEGER, NUMBER -> "Number";
                        case BOOLEAN -> "Boolean";
                        default -> "String";
                    });
        }
        String base = org.iocmap.service.ogc.OgcRoutes.base(ctx);
        double lat = WebMercator.MAX_LATITUDE;
        JsonObject json = new JsonObject()
                .put("tilejson", "3.0.0")
                .put("name", layer.title().vi())
                .put("description", layer.title().en())
                .put("scheme", "xyz")
                .put("tiles", new JsonArray().add(base + "/tiles/" + layer.id() + "/{z}/{x}/{y}.mvt"))
                .put("minzoom", 0)
                .put("maxzoom", MAX_ZOOM)
                .put("bounds", new JsonArray().add(-180).add(-lat).add(180).add(lat))
                .put(
                        "vector_layers",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("id", layer.id())
                                        .put("description", layer.title().vi())
                                        .put("minzoom", 0)
                                        .put("maxzoom", MAX_ZOOM)
                                        .put("fields", fields)));
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(json.encode());
    }
}
