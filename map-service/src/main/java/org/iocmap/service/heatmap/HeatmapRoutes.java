package org.iocmap.service.heatmap;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.iocmap.layers.index.MercatorCells;
import org.iocmap.layers.kinds.LayerCatalog;
import org.iocmap.layers.model.BoundingBox;
import org.iocmap.layers.model.HeatCell;
import org.iocmap.layers.model.HeatQuery;
import org.iocmap.layers.model.Layer;
import org.iocmap.layers.model.TimeInterval;
import org.iocmap.service.auth.AuthHandler;
import org.iocmap.service.auth.LayerAccess;
import org.iocmap.service.http.Blocking;
import org.iocmap.service.http.InvalidInputException;
import org.iocmap.service.ogc.ItemsRequest;

/**
 * Mounts {@code GET /api/heatmap?layer=&bbox=&zoom=|resolution=&from=&to=&weight=}: the layer's features counted per
 * square cell of the Web Mercator grid (and the sum of a numeric attribute when {@code weight} names one), as a
 * GeoJSON FeatureCollection of cells. {@code zoom} is the map's zoom, drawn with cells of 32 pixels (level zoom + 3);
 * {@code resolution} names the grid level itself (the world is {@code 2^resolution} cells across). A box that would
 * hold more than {@value #MAX_CELLS} cells at that level is answered from coarser cells, and the answer says which
 * level it used. {@code GET /api/heatmap/{layer}/{z}/{x}/{y}.png} draws the same as map tiles.
 */
public final class HeatmapRoutes {
    static final int MAX_CELLS = 65_536;
    static final Duration MAX_WINDOW = Duration.ofDays(3_660);

    private final LayerCatalog catalog;
    private final Blocking blocking;

    private HeatmapRoutes(LayerCatalog catalog, Blocking blocking) {
        this.catalog = catalog;
        this.blocking = blocking;
    }

    /** Mounts the route on {@code router}. */
    public static void mount(Router router, LayerCatalog catalog, Blocking blocking) {
        HeatmapRoutes routes = new HeatmapRoutes(catalog, blocking);
        router.get("/api/heatmap").handler(routes::heatmap);
        router.getWithRegex("/api/heatmap/([A-Za-z0-9_\\-]+)/([^/]*)/([^/]*)/([^/]*)\\.png")
                .handler(routes::heatTile);
    }

    private void heatmap(RoutingContext ctx) {
        MultiMap params = ctx.queryParams();
        String id = params.get("layer");
        if (id == null || id.isBlank()) {
            throw new InvalidInputException("layer", id, "the id of a point layer, as GET /api/layers lists them");
        }
        Layer layer = LayerAccess.requireReadable(AuthHandler.viewer(ctx), catalog.find(id), id);
        BoundingBox bbox = params.get("bbox") == null ? null : ItemsRequest.bbox(params.get("bbox"));
        int requested = level(params);
        int level = coarsened(bbox, requested);
        TimeInterval window = window(params);
        String weight = params.get("weight");
        if (weight != null) {
            boolean readable = LayerAccess.visibleAttributes(AuthHandler.viewer(ctx), layer).stream()
                    .anyMatch(a -> a.name().equals(weight));
            if (!readable) {
                throw new InvalidInputException("weight", weight, "a numeric attribute of layer '" + id + "'");
            }
        }
        HeatQuery query = new HeatQuery(bbox, level, window, weight);
        blocking.run(() -> {
                    try {
                        return layer.computeHeat(query);
                    } catch (IllegalArgumentException e) {
                        throw new InvalidInputException(
                                weight != null && e.getMessage().contains("numeric") ? "weight" : "bbox",
                                weight,
                                e.getMessage());
                    }
                })
                .onSuccess(cells -> ctx.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/geo+json")
                        .end(toJson(layer, query, requested, cells).encode()))
                .onFailure(ctx::fail);
    }

    /**
     * GET /api/heatmap/{layer}/{z}/{x}/{y}.png?from=&to=&weight=&max=: the heat map drawn as a 256-pixel tile with
     * cells of 8 pixels (level z + 5), coloured on the heat ramp from 0 to {@code max} (default the tile's largest
     * value; pass the same {@code max} to every tile of a view so that they agree).
     */
    private void heatTile(RoutingContext ctx) {
        String id = ctx.pathParam("param0");
        Layer layer = LayerAccess.requireReadable(AuthHandler.viewer(ctx), catalog.find(id), id);
        org.iocmap.tiles.grid.TileCoord tile = org.iocmap.service.tiles.TileRoutes.tile(ctx);
        MultiMap params = ctx.queryParams();
        String weight = params.get("weight");
        Double max = null;
        if (params.get("max") != null) {
            try {
                max = Double.parseDouble(params.get("max"));
            } catch (NumberFormatException e) {
                max = -1.0;
            }
            if (!(max > 0) || max.isInfinite()) {
                throw new InvalidInputException("max", params.get("max"), "a number above 0");
            }
        }
        var bounds = org.iocmap.tiles.grid.WebMercator.boundsLonLat(tile);
        HeatQuery query = new HeatQuery(
                new BoundingBox(bounds.getMinX(), bounds.getMinY(), bounds.getMaxX(), bounds.getMaxY()),
                Math.min(HeatQuery.MAX_LEVEL, tile.z() + 5),
                window(params),
                weight);
        Double fixedMax = max;
        blocking.run(() -> {
                    List<HeatCell> cells;
                    try {
                        cells = layer.computeHeat(query);
                    } catch (IllegalArgumentException e) {
                        throw new InvalidInputException("weight", weight, e.getMessage());
                    }
                    // Cells of the box that lie on the tile's edge belong to the neighbour: drawing skips them.
                    double top = fixedMax != null
                            ? fixedMax
                            : cells.stream()
                                    .mapToDouble(c -> weight == null ? c.count() : c.sum())
                                    .max()
                                    .orElse(0);
                    return org.iocmap.tiles.render.HeatTiles.render(
                            tile, cells, weight != null, top, org.iocmap.styles.ColourRamp.HEAT);
                })
                .onSuccess(png -> ctx.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, "image/png")
                        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                        .end(io.vertx.core.buffer.Buffer.buffer(png)))
                .onFailure(ctx::fail);
    }

    private static int level(MultiMap params) {
        String zoom = params.get("zoom");
        String resolution = params.get("resolution");
        if ((zoom == null) == (resolution == null)) {
            throw new InvalidInputException(
                    "zoom", zoom, "either zoom (0 to 21, the map's zoom) or resolution (0 to 24, the grid level)");
        }
        if (zoom != null) {
            return integer("zoom", zoom, 0, 21) + 3;
        }
        return integer("resolution", resolution, 0, HeatQuery.MAX_LEVEL);
    }

    private static int integer(String name, String raw, int min, int max) {
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidInputException(name, raw, "a whole number from " + min + " to " + max);
    }

    /** Returns the finest level not above {@code level} at which the box holds at most {@value #MAX_CELLS} cells. */
    static int coarsened(BoundingBox bbox, int level) {
        double west = bbox == null ? -180 : bbox.minLon();
        double east = bbox == null ? 180 : bbox.maxLon();
        double south = bbox == null ? -85 : bbox.minLat();
        double north = bbox == null ? 85 : bbox.maxLat();
        double width = east >= west ? east - west : east + 360 - west;
        for (int l = level; l > 0; l--) {
            long columns = (long) Math.ceil(width / 360 * (1L << l)) + 1;
            long rows = Math.abs(MercatorCells.y(MercatorCells.cellOf(0, south), l)
                            - MercatorCells.y(MercatorCells.cellOf(0, north), l))
                    + 1;
            if (columns * rows <= MAX_CELLS) {
                return l;
            }
        }
        return 0;
    }

    private static TimeInterval window(MultiMap params) {
        Instant from = time(params, "from");
        Instant to = time(params, "to");
        if (from == null && to == null) {
            return null;
        }
        if (from != null && to != null) {
            if (from.isAfter(to)) {
                throw new InvalidInputException("from", from.toString(), "a time not after to=" + to);
            }
            if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
                throw new InvalidInputException(
                        "from", from.toString(), "a window of at most 10 years before to=" + to);
            }
        }
        return new TimeInterval(from, to);
    }

    private static Instant time(MultiMap params, String name) {
        String raw = params.get(name);
        if (raw == null) {
            return null;
        }
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(name, raw, "an ISO-8601 UTC time such as 2026-01-31T08:00:00Z");
        }
    }

    private static JsonObject toJson(Layer layer, HeatQuery query, int requested, List<HeatCell> cells) {
        JsonArray features = new JsonArray();
        double max = 0;
        for (HeatCell c : cells) {
            double value = query.weight() == null ? c.count() : c.sum();
            max = Math.max(max, value);
            double w = MercatorCells.lonOf(c.x(), c.level());
            double e = MercatorCells.lonOf(c.x() + 1, c.level());
            double n = MercatorCells.latOf(c.y(), c.level());
            double s = MercatorCells.latOf(c.y() + 1, c.level());
            JsonArray ring = new JsonArray()
                    .add(new JsonArray().add(w).add(s))
                    .add(new JsonArray().add(e).add(s))
                    .add(new JsonArray().add(e).add(n))
                    .add(new JsonArray().add(w).add(n))
                    .add(new JsonArray().add(w).add(s));
            features.add(new JsonObject()
                    .put("type", "Feature")
                    .put("id", c.level() + "/" + c.x() + "/" + c.y())
                    .put(
                            "geometry",
                            new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(ring)))
                    .put(
                            "properties",
                            new JsonObject()
                                    .put("count", c.count())
                                    .put("sum", query.weight() == null ? null : c.sum())
                                    .put("value", value)));
        }
        return new JsonObject()
                .put("type", "FeatureCollection")
                .put("layer", layer.id())
                .put("level", query.level())
                .put("requestedLevel", requested)
                .put("weight", query.weight())
                .put("max", max)
                .put("features", features);
    }
}
