package org.iocmap.service.heatmap;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.iocmap.layers.kinds.LayerCatalog;
import org.iocmap.layers.model.AttributeDef;
import org.iocmap.layers.model.BoundingBox;
import org.iocmap.layers.model.HeatCell;
import org.iocmap.layers.model.HeatGrid;
import org.iocmap.layers.model.HeatQuery;
import org.iocmap.layers.model.Layer;
import org.iocmap.layers.model.TimeInterval;
import org.iocmap.layers.query.cql2.Cql2Expr;
import org.iocmap.service.auth.AuthHandler;
import org.iocmap.service.auth.LayerAccess;
import org.iocmap.service.auth.Viewer;
import org.iocmap.service.http.Blocking;
import org.iocmap.service.http.InvalidInputException;
import org.iocmap.service.ogc.ItemsRequest;

/**
 * Mounts {@code GET /api/heatmap?layer=&bbox=&zoom=|resolution=&grid=&from=&to=&filter=&weight=}: the layer's features
 * counted per cell (and the sum of a numeric attribute when {@code weight} names one), as a GeoJSON FeatureCollection
 * of cells. {@code grid} is {@code square} (the Web Mercator grid, the default) or {@code h3} (hexagons). {@code zoom}
 * is the map's zoom, drawn with cells of about 32 pixels; {@code resolution} names the level itself (squares: the world
 * is {@code 2^resolution} cells across; H3: its resolution). Cells at the edge of the box hold all their points, also
 * those outside the box. A box that would hold more than {@value #MAX_CELLS} cells at that level is answered from
 * coarser cells, and the answer says which level it used. {@code GET /api/heatmap/{layer}/{z}/{x}/{y}.png} draws the
 * same as map tiles.
 */
public final class HeatmapRoutes {
    static final int MAX_CELLS = 65_536;
    static final Duration MAX_WINDOW = Duration.ofDays(3_660);
    /** Cells drawn on PNG heat tiles are about this many pixels across. */
    private static final int TILE_CELL_PIXELS = 16;

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
        Viewer viewer = AuthHandler.viewer(ctx);
        Layer layer = LayerAccess.requireReadable(viewer, catalog.find(id), id);
        BoundingBox bbox = params.get("bbox") == null ? null : ItemsRequest.bbox(params.get("bbox"));
        HeatGrid grid = grid(params);
        int requested = level(params, grid, bbox);
        int level = HeatGeometry.coarsened(grid, bbox, requested, MAX_CELLS);
        String weight = weight(params, viewer, layer);
        HeatQuery query = new HeatQuery(
                HeatGeometry.countingBox(grid, bbox, level),
                grid,
                level,
                window(params),
                weight,
                filter(params, viewer, layer));
        blocking.run(() -> compute(layer, query))
                .onSuccess(cells -> ctx.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/geo+json")
                        .end(toJson(layer, query, requested, cells, bbox).encode()))
                .onFailure(ctx::fail);
    }

    /**
     * GET /api/heatmap/{layer}/{z}/{x}/{y}.png?grid=&from=&to=&filter=&weight=&max=: the heat map drawn as a 256-pixel
     * tile with cells of about {@value #TILE_CELL_PIXELS} pixels (squares: level z + 4), coloured on the heat ramp from
     * 0 to {@code max} (default the tile's largest value; pass the same {@code max} to every tile of a view so that they
     * agree).
     */
    private void heatTile(RoutingContext ctx) {
        String id = ctx.pathParam("param0");
        Viewer viewer = AuthHandler.viewer(ctx);
        Layer layer = LayerAccess.requireReadable(viewer, catalog.find(id), id);
        org.iocmap.tiles.grid.TileCoord tile = org.iocmap.service.tiles.TileRoutes.tile(ctx);
        MultiMap params = ctx.queryParams();
        String weight = weight(params, viewer, layer);
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
        BoundingBox box = new BoundingBox(bounds.getMinX(), bounds.getMinY(), bounds.getMaxX(), bounds.getMaxY());
        HeatGrid grid = grid(params);
        int level = HeatGeometry.levelFor(grid, tile.z(), TILE_CELL_PIXELS, box);
        HeatQuery query = new HeatQuery(
                HeatGeometry.countingBox(grid, box, level),
                grid,
                level,
                window(params),
                weight,
                filter(params, viewer, layer));
        Double fixedMax = max;
        blocking.run(() -> {
                    List<HeatCell> cells = compute(layer, query).stream()
                            .filter(c -> HeatGeometry.meets(c, box))
                            .toList();
                    // Square cells of the box that lie on the tile's edge belong to the neighbour: drawing skips them.
                    double top = fixedMax != null
                            ? fixedMax
                            : cells.stream()
                                    .mapToDouble(c -> c.value(weight != null))
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

    /** Computes on a worker; a weight or filter the layer refuses is the client's mistake. */
    private static List<HeatCell> compute(Layer layer, HeatQuery query) {
        try {
            return layer.computeHeat(query);
        } catch (IllegalArgumentException e) {
            boolean aboutWeight = query.weight() != null && e.getMessage().contains("numeric");
            throw new InvalidInputException(
                    aboutWeight ? "weight" : "bbox", aboutWeight ? query.weight() : null, e.getMessage());
        }
    }

    private static HeatGrid grid(MultiMap params) {
        String raw = params.get("grid");
        if (raw == null || raw.equals("square")) {
            return HeatGrid.SQUARE;
        }
        if (raw.equals("h3")) {
            return HeatGrid.H3;
        }
        throw new InvalidInputException("grid", raw, "square (Web Mercator squares, the default) or h3 (hexagons)");
    }

    private static String weight(MultiMap params, Viewer viewer, Layer layer) {
        String weight = params.get("weight");
        if (weight != null) {
            boolean readable = LayerAccess.visibleAttributes(viewer, layer).stream()
                    .anyMatch(a -> a.name().equals(weight));
            if (!readable) {
                throw new InvalidInputException("weight", weight, "a numeric attribute of layer '" + layer.id() + "'");
            }
        }
        return weight;
    }

    /** Returns the request's filter limited to the viewer's area (for incident layers); null for none. */
    private static Cql2Expr filter(MultiMap params, Viewer viewer, Layer layer) {
        return org.iocmap.service.auth.Jurisdictions.limit(viewer, layer, requestFilter(params, viewer, layer));
    }

    private static Cql2Expr requestFilter(MultiMap params, Viewer viewer, Layer layer) {
        String raw = params.get("filter");
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String lang = params.get("filter-lang");
        if (lang != null && !lang.equals("cql2-text")) {
            throw new InvalidInputException("filter-lang", lang, "cql2-text");
        }
        Set<String> visible = LayerAccess.visibleAttributes(viewer, layer).stream()
                .map(AttributeDef::name)
                .collect(Collectors.toSet());
        return ItemsRequest.filter(raw, layer, visible);
    }

    private static int level(MultiMap params, HeatGrid grid, BoundingBox bbox) {
        String zoom = params.get("zoom");
        String resolution = params.get("resolution");
        if ((zoom == null) == (resolution == null)) {
            throw new InvalidInputException(
                    "zoom",
                    zoom,
                    "either zoom (0 to 21, the map's zoom) or resolution (0 to " + grid.maxLevel() + ", the "
                            + (grid == HeatGrid.H3 ? "H3 resolution" : "grid level") + ")");
        }
        if (zoom != null) {
            return HeatGeometry.levelFor(grid, integer("zoom", zoom, 0, 21), 32, bbox);
        }
        return integer("resolution", resolution, 0, grid.maxLevel());
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

    /** Returns the window of {@code from} and {@code to}, at most {@link #MAX_WINDOW} long when both are given. */
    private static TimeInterval window(MultiMap params) {
        TimeInterval window = org.iocmap.service.http.QueryParams.window(params);
        if (window != null
                && window.start() != null
                && window.end() != null
                && Duration.between(window.start(), window.end()).compareTo(MAX_WINDOW) > 0) {
            throw new InvalidInputException(
                    "from", window.start().toString(), "a window of at most 10 years before to=" + window.end());
        }
        return window;
    }

    private static JsonObject toJson(
            Layer layer, HeatQuery query, int requested, List<HeatCell> cells, BoundingBox bbox) {
        JsonArray features = new JsonArray();
        double max = 0;
        boolean weighted = query.weight() != null;
        for (HeatCell c : cells) {
            if (!HeatGeometry.meets(c, bbox)) {
                continue;
            }
            double value = c.value(weighted);
            max = Math.max(max, value);
            features.add(new JsonObject()
                    .put("type", "Feature")
                    .put("id", HeatGeometry.id(c))
                    .put(
                            "geometry",
                            new JsonObject()
                                    .put("type", "Polygon")
                                    .put("coordinates", new JsonArray().add(HeatGeometry.ring(c))))
                    .put(
                            "properties",
                            new JsonObject()
                                    .put("count", c.count())
                                    .put("sum", weighted ? c.sum() : null)
                                    .put("value", value)));
        }
        return new JsonObject()
                .put("type", "FeatureCollection")
                .put("layer", layer.id())
                .put("grid", query.grid().name().toLowerCase(java.util.Locale.ROOT))
                .put("level", query.level())
                .put("requestedLevel", requested)
                .put("weight", query.weight())
                .put("max", max)
                .put("features", features);
    }
}
