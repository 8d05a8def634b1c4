package org.iocmap.layers.model;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.locationtech.jts.geom.Point;

/**
 * Exposes one map layer. Every kind (cameras, reports, stations, vessels, plans, alarms) and every imported layer
 * implements this interface, so spatial queries, the OGC API and the map are written once.
 *
 * <p>Implementations block on storage: call them from a worker thread, never from an event loop.
 */
public interface Layer {
    /** Returns the layer id, unique and stable, used in URLs. */
    String id();

    /** Returns the layer's title in Vietnamese and English. */
    Title title();

    /** Returns the kind of this layer. */
    LayerKind kind();

    /** Returns the geometry type of every feature: Point, LineString, Polygon, MultiPolygon or Geometry. */
    String geometryType();

    /** Returns the attribute schema in display order. */
    List<AttributeDef> attributes();

    /** Tests whether anyone, signed in or not, may read this layer. */
    boolean isPublic();

    /** Returns the roles that may read this layer when it is not public ({@code admin} always may). */
    Set<String> readRoles();

    /** Returns the name of the attribute that carries the layer's time; empty when the layer has no time. */
    Optional<String> timeAttribute();

    /** Computes the earliest and latest time values; empty when the layer has no time. */
    Optional<TimeExtent> computeTimeExtent();

    /** Returns the features matching {@code query} in id order, and the number that match in all. */
    FeaturePage query(FeatureQuery query);

    /**
     * Returns the {@code k} features nearest to {@code origin} (geodesic metres, nearest first, ties by id) among those
     * matching {@code constraints}, whose limit, offset and order are ignored.
     */
    List<NearFeature> nearest(Point origin, int k, FeatureQuery constraints);

    /**
     * Checks that a CQL2 filter applies to this layer: every property is in the schema and every comparison is
     * between comparable types.
     *
     * @throws IllegalArgumentException naming the unknown property or the mismatch
     */
    void checkFilter(org.iocmap.layers.query.cql2.Cql2Expr filter);

    /**
     * Tests whether {@link #query} and {@link #nearest} with {@code query} (as constraints) would answer from memory
     * right now, without waiting for storage: then a caller may run them on an event loop. A write made in the
     * meantime can still make the call catch up with storage; the answer is a hint, not a promise.
     */
    default boolean isAnsweredInMemory(FeatureQuery query) {
        return false;
    }

    /**
     * Encodes the features of tile {@code z/x/y} (Web Mercator, XYZ) as one Mapbox Vector Tile layer named after this
     * layer, in the store itself when the store can (PostGIS {@code ST_AsMVT}); empty when it cannot, and the caller
     * encodes the features it queries. Times are written as ISO-8601 UTC text to the second, dates as ISO text.
     *
     * @param extent tile units along a side
     * @param buffer tile units kept around the tile
     * @param attributes the properties to write (those the viewer may read); the others are left out
     */
    default Optional<byte[]> computeVectorTile(int z, int x, int y, int extent, int buffer, List<String> attributes) {
        return Optional.empty();
    }

    /**
     * Computes a heat map: the features in the box and window that match the filter counted per cell of the query's
     * grid and level, with the sum of the weight attribute (features without a number there count, adding nothing).
     * Point features are placed by their position, others by their first coordinate. This default reads the matching
     * features page by page; layers held in memory answer from cells computed when they were loaded.
     *
     * @throws IllegalArgumentException when the weight is not a numeric attribute of the layer, the filter does not
     *     apply to this layer ({@link #checkFilter}), or more than {@value #MAX_HEAT_FEATURES} features match (narrow the box or the window)
     */
    default List<HeatCell> computeHeat(HeatQuery query) {
        checkHeatWeight(this, query.weight());
        if (query.time() != null && timeAttribute().isEmpty()) {
            return List.of();
        }
        java.util.Map<Long, double[]> cells = new java.util.HashMap<>();
        FeatureQuery pages = new FeatureQuery(query.bbox(), query.time(), 10_000, 0);
        if (query.filter() != null) {
            checkFilter(query.filter());
            pages = pages.withFilter(query.filter());
        }
        for (long offset = 0; ; offset += 10_000) {
            FeaturePage page = query(pages.withPage(10_000, offset));
            if (page.numberMatched() > MAX_HEAT_FEATURES) {
                throw new IllegalArgumentException(page.numberMatched() + " features of layer '" + id()
                        + "' match, more than the " + MAX_HEAT_FEATURES + " a heat map is computed from here;"
                        + " narrow the box or the time window");
            }
            for (Feature f : page.features()) {
                org.locationtech.jts.geom.Coordinate c = f.geometry().getCoordinate();
                if (c == null) {
                    continue;
                }
                long key = heatKey(query.grid(), query.level(), c.x, c.y);
                double[] acc = cells.computeIfAbsent(key, k -> new double[2]);
                acc[0]++;
                if (query.weight() != null && f.properties().get(query.weight()) instanceof Number n) {
                    acc[1] += n.doubleValue();
                }
            }
            if (page.features().size() < 10_000) {
                break;
            }
        }
        List<HeatCell> result = new java.util.ArrayList<>(cells.size());
        cells.forEach((key, acc) -> result.add(new HeatCell(query.grid(), query.level(), key, (long) acc[0], acc[1])));
        return result;
    }

    /** Returns the cell of a position in {@code grid} at {@code level}, as {@link HeatCell#cell()} holds it. */
    static long heatKey(HeatGrid grid, int level, double lon, double lat) {
        return switch (grid) {
            case SQUARE -> {
                long cell = org.iocmap.layers.index.MercatorCells.cellOf(lon, lat);
                yield ((long) org.iocmap.layers.index.MercatorCells.x(cell, level) << 32)
                        | org.iocmap.layers.index.MercatorCells.y(cell, level);
            }
            case H3 -> org.iocmap.layers.index.H3Cells.parent(org.iocmap.layers.index.H3Cells.cellOf(lon, lat), level);
        };
    }

    /** The most features a heat map is computed from by reading them; layers in memory have no such bound. */
    int MAX_HEAT_FEATURES = 2_000_000;

    /**
     * Checks that {@code weight} is null or a numeric attribute of {@code layer}.
     *
     * @throws IllegalArgumentException naming the attribute and the numeric ones there are
     */
    static void checkHeatWeight(Layer layer, String weight) {
        if (weight == null) {
            return;
        }
        List<String> numeric = layer.attributes().stream()
                .filter(a -> a.type() == AttributeType.INTEGER || a.type() == AttributeType.NUMBER)
                .map(AttributeDef::name)
                .toList();
        if (!numeric.contains(weight)) {
            throw new IllegalArgumentException("layer '" + layer.id() + "' has no numeric attribute '" + weight
                    + "' to weigh by; it has " + numeric);
        }
    }

    /** Returns the feature with this id; empty when the layer has none. */
    Optional<Feature> findFeature(long id);
}
