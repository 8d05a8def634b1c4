package org.iocmap.layers.kinds;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;
import org.iocmap.layers.index.PointTable;
import org.iocmap.layers.model.BoundingBox;
import org.iocmap.layers.model.Feature;
import org.iocmap.layers.model.FeaturePage;
import org.iocmap.layers.model.FeatureQuery;
import org.iocmap.layers.model.HeatGrid;
import org.iocmap.layers.model.Layer;
import org.iocmap.layers.model.NearFeature;
import org.iocmap.layers.model.SpatialFilter;
import org.iocmap.layers.model.TimeInterval;
import org.iocmap.layers.query.cql2.Cql2Evaluator;
import org.iocmap.layers.query.cql2.FeatureView;
import org.iocmap.layers.query.geo.Geodesic;
import org.iocmap.layers.store.SqlDialect;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * Serves a point layer from memory: boxes, time windows, areas, radii and nearest neighbours are answered from a
 * {@link LayerMemory} without a database round trip, with the same results as the store (the same geodesic functions,
 * the same id order, the same counts). Questions with a CQL2 filter or a sort order go to the store.
 */
final class IndexedPointLayer extends StoreBackedLayer {
    private static final double FIRST_KNN_RADIUS_METRES = 500;
    private static final double EARTH_SPAN_METRES = 20_040_000; // half the equator: every point is nearer than this
    private static final Envelope WORLD = new Envelope(-180, 180, -90, 90);

    private final LayerMemory<PointTable.Entry, PointTable> cache;

    IndexedPointLayer(SqlLayer source, LayerMemory<PointTable.Entry, PointTable> cache) {
        super(source);
        this.cache = cache;
    }

    @Override
    public void loadIntoMemory() {
        cache.current(source);
    }

    /** Returns the cache, so that a reloaded catalogue can keep it. */
    LayerMemory<PointTable.Entry, PointTable> cache() {
        return cache;
    }

    @Override
    public Optional<Feature> findFeature(long id) {
        PointTable table = cache.current(source);
        if (table == null) {
            return source.findFeature(id);
        }
        int handle = table.find(id);
        return handle == Integer.MIN_VALUE ? Optional.empty() : Optional.of(feature(table, handle));
    }

    @Override
    public boolean isAnsweredInMemory(FeatureQuery query) {
        return query.filter() == null && query.sortBy().isEmpty() && cache.isCurrent();
    }

    @Override
    public FeaturePage query(FeatureQuery query) {
        if (query.filter() != null || !query.sortBy().isEmpty()) {
            return source.query(query);
        }
        if (query.time() != null && source.timeAttribute().isEmpty()) {
            return new FeaturePage(List.of(), 0);
        }
        PointTable table = cache.current(source);
        if (table == null) {
            return source.query(query);
        }
        Matches matches = new Matches();
        IntPredicate keep = predicate(table, query);
        for (Envelope box : candidateBoxes(query)) {
            table.search(box.getMinX(), box.getMinY(), box.getMaxX(), box.getMaxY(), h -> {
                if (keep.test(h)) {
                    matches.add(h, table.id(h), 0);
                }
            });
        }
        long end = Math.min((long) matches.size, query.offset() + query.limit());
        matches.orderFirst((int) end, false);
        List<Feature> page = new ArrayList<>();
        for (long i = query.offset(); i < end; i++) {
            page.add(feature(table, matches.handles[(int) i]));
        }
        return new FeaturePage(page, matches.size);
    }

    @Override
    public List<NearFeature> nearest(Point origin, int k, FeatureQuery constraints) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, was " + k);
        }
        if (constraints.filter() != null) {
            return source.nearest(origin, k, constraints);
        }
        if (constraints.time() != null && source.timeAttribute().isEmpty()) {
            return List.of();
        }
        PointTable table = cache.current(source);
        if (table == null) {
            return source.nearest(origin, k, constraints);
        }
        IntPredicate keep = predicate(table, constraints);
        double radius = FIRST_KNN_RADIUS_METRES;
        while (true) {
            boolean everywhere = radius >= EARTH_SPAN_METRES;
            double limit = everywhere ? Double.POSITIVE_INFINITY : radius;
            List<Envelope> boxes = everywhere
                    ? List.of(WORLD)
                    : Geodesic.splitAtAntimeridian(Geodesic.expandedEnvelope(origin, radius));
            Matches matches = new Matches();
            for (Envelope box : boxes) {
                table.search(box.getMinX(), box.getMinY(), box.getMaxX(), box.getMaxY(), h -> {
                    if (keep.test(h)) {
                        double d = Geodesic.distanceMetres(origin.getX(), origin.getY(), table.lon(h), table.lat(h));
                        if (d <= limit) {
                            matches.add(h, table.id(h), d);
                        }
                    }
                });
            }
            if (matches.size >= k || everywhere) {
                int n = Math.min(k, matches.size);
                matches.orderFirst(n, true);
                List<NearFeature> result = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    result.add(new NearFeature(feature(table, matches.handles[i]), matches.distances[i]));
                }
                return result;
            }
            radius *= 4;
        }
    }

    /**
     * Computes the heat map from memory: every point's cells (level-24 square, resolution-15 H3) were computed once,
     * so a point costs a box test, a time test and a shift or mask to the query's level; weights are read once per
     * attribute and kept. A CQL2 filter is evaluated here, with the rules the store's SQL follows.
     */
    @Override
    public List<org.iocmap.layers.model.HeatCell> computeHeat(org.iocmap.layers.model.HeatQuery query) {
        Layer.checkHeatWeight(this, query.weight());
        if (query.time() != null && source.timeAttribute().isEmpty()) {
            return List.of();
        }
        PointTable table = cache.current(source);
        if (table == null) {
            return super.computeHeat(query);
        }
        FeatureQuery constraints = new FeatureQuery(query.bbox(), query.time(), 1, 0);
        IntPredicate keep = predicate(table, constraints);
        IntPredicate matching = h -> true;
        if (query.filter() != null) {
            source.checkFilter(query.filter());
            Cql2Evaluator evaluator = Cql2Evaluator.of(query.filter());
            matching = h -> evaluator.test(view(table, h));
            keep = keep.and(matching);
        }
        HeatGrid grid = query.grid();
        int level = query.level();
        String weight = query.weight();
        CellSums sums = new CellSums();
        if (query.time() != null) {
            windowHeat(table, query, keep, matching, sums);
            return sums.cells(grid, level);
        }
        IntPredicate kept = keep;
        for (Envelope box : candidateBoxes(constraints)) {
            table.search(box.getMinX(), box.getMinY(), box.getMaxX(), box.getMaxY(), h -> {
                if (kept.test(h)) {
                    long key = key(grid, level, grid == HeatGrid.H3 ? table.h3Cell(h) : table.cell(h));
                    double w = weight == null ? 0 : table.number(h, weight, p -> numberOf(p, weight));
                    sums.add(key, Double.isNaN(w) ? 0 : w);
                }
            });
        }
        return sums.cells(grid, level);
    }

    /** Returns the cell at {@code level} of a level-24 square cell or a resolution-15 H3 cell. */
    private static long key(HeatGrid grid, int level, long finest) {
        if (grid == HeatGrid.H3) {
            return org.iocmap.layers.index.H3Cells.parent(finest, level);
        }
        int shift = org.iocmap.layers.index.MercatorCells.LEVEL - level;
        return ((finest >>> 32) >>> shift) << 32 | ((finest & 0xffffffffL) >>> shift);
    }

    /** Returns what a CQL2 filter sees of an entry. */
    private static FeatureView view(PointTable table, int handle) {
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> properties = (java.util.Map<String, Object>) table.properties(handle);
        return new FeatureView(
                properties, point(table.lon(handle), table.lat(handle)), LayerMemory.instant(table.timeMicros(handle)));
    }

    /**
     * Adds up a time window by reading only the points in it: the base in time order (positions and cells copied in
     * that order, so the scan reads memory in sequence), then the few entries changed since it was packed.
     */
    private static void windowHeat(
            PointTable table,
            org.iocmap.layers.model.HeatQuery query,
            IntPredicate keep,
            IntPredicate matching,
            CellSums sums) {
        PointTable.TimeOrder order = table.timeOrder();
        String weight = query.weight();
        HeatGrid grid = query.grid();
        int level = query.level();
        double[] weights = weight == null ? null : table.numberColumn(weight, p -> numberOf(p, weight));
        TimeInterval time = query.time();
        long from = LayerMemory.firstMicros(time);
        long to = LayerMemory.lastMicros(time);
        List<Envelope> boxes = query.bbox() == null ? null : boxes(query.bbox());
        boolean filtered = query.filter() != null;
        long[] times = order.times();
        int[] slots = order.slots();
        double[] xs = order.xs();
        double[] ys = order.ys();
        long[] cells = grid == HeatGrid.H3 ? table.h3InTimeOrder() : order.cells();
        for (int i = order.firstAtOrAfter(from); i < times.length && times[i] <= to; i++) {
            int slot = slots[i];
            if (table.isDead(slot)) {
                continue;
            }
            if (boxes != null && !inside(boxes, xs[i], ys[i])) {
                continue;
            }
            if (filtered && !matching.test(slot)) {
                continue;
            }
            double w = weights == null ? 0 : weights[slot];
            sums.add(key(grid, level, cells[i]), Double.isNaN(w) ? 0 : w);
        }
        for (int h = -1; h >= -table.overlaySize(); h--) {
            if (keep.test(h)) {
                double w = weight == null ? 0 : table.number(h, weight, p -> numberOf(p, weight));
                sums.add(
                        key(grid, level, grid == HeatGrid.H3 ? table.h3Cell(h) : table.cell(h)),
                        Double.isNaN(w) ? 0 : w);
            }
        }
    }

    private static boolean inside(List<Envelope> boxes, double x, double y) {
        for (Envelope box : boxes) {
            if (box.covers(x, y)) {
                return true;
            }
        }
        return false;
    }

    /** Reads a weight from encoded properties: the number, or NaN when there is none. */
    private static double numberOf(Object properties, String attribute) {
        Object v = ((java.util.Map<?, ?>) properties).get(attribute);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** Returns the boxes to search: the spatial restriction's, else the query box's, else the world. */
    private static List<Envelope> candidateBoxes(FeatureQuery query) {
        if (query.spatial() != null) {
            return switch (query.spatial()) {
                case SpatialFilter.Intersects f ->
                    Geodesic.splitAtAntimeridian(f.area().getEnvelopeInternal());
                case SpatialFilter.WithinDistance f ->
                    Geodesic.splitAtAntimeridian(
                            f.origin() instanceof Point p
                                    ? Geodesic.expandedEnvelope(p, f.metres())
                                    : SqlDialect.envelopeAround(f.origin(), f.metres())
                                            .getEnvelopeInternal());
            };
        }
        if (query.bbox() != null) {
            return boxes(query.bbox());
        }
        return List.of(WORLD);
    }

    private static List<Envelope> boxes(BoundingBox b) {
        if (b.crossesAntimeridian()) {
            return List.of(
                    new Envelope(b.minLon(), 180, b.minLat(), b.maxLat()),
                    new Envelope(-180, b.maxLon(), b.minLat(), b.maxLat()));
        }
        return List.of(new Envelope(b.minLon(), b.maxLon(), b.minLat(), b.maxLat()));
    }

    /** Returns the test every candidate must pass: in the box, in the time window, meeting the spatial restriction. */
    private static IntPredicate predicate(PointTable table, FeatureQuery query) {
        IntPredicate keep = h -> true;
        if (query.bbox() != null) {
            List<Envelope> boxes = boxes(query.bbox());
            keep = keep.and(h -> {
                for (Envelope box : boxes) {
                    if (box.covers(table.lon(h), table.lat(h))) {
                        return true;
                    }
                }
                return false;
            });
        }
        TimeInterval time = query.time();
        if (time != null) {
            long from = LayerMemory.firstMicros(time);
            long to = LayerMemory.lastMicros(time);
            keep = keep.and(h -> {
                long t = table.timeMicros(h);
                return t != PointTable.NO_TIME && t >= from && t <= to;
            });
        }
        if (query.spatial() != null) {
            keep = keep.and(
                    switch (query.spatial()) {
                        case SpatialFilter.Intersects f -> {
                            PreparedGeometry area = PreparedGeometryFactory.prepare(f.area());
                            yield h -> area.intersects(point(table.lon(h), table.lat(h)));
                        }
                        case SpatialFilter.WithinDistance f -> {
                            Geometry origin = f.origin();
                            double metres = f.metres();
                            yield h -> Geodesic.isWithinDistance(table.lon(h), table.lat(h), origin, metres);
                        }
                    });
        }
        return keep;
    }

    private Feature feature(PointTable table, int handle) {
        Instant time = LayerMemory.instant(table.timeMicros(handle));
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> properties = (java.util.Map<String, Object>) table.properties(handle);
        return new Feature(table.id(handle), point(table.lon(handle), table.lat(handle)), time, properties);
    }

    private static Point point(double lon, double lat) {
        Point p = SqlDialect.WGS84.createPoint(new Coordinate(lon, lat));
        p.setSRID(4326);
        return p;
    }
}
