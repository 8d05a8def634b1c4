package org.iocmap.layers.kinds;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;
import org.iocmap.layers.index.PointTable;
import org.iocmap.layers.model.AttributeDef;
import org.iocmap.layers.model.BoundingBox;
import org.iocmap.layers.model.Feature;
import org.iocmap.layers.model.FeaturePage;
import org.iocmap.layers.model.FeatureQuery;
import org.iocmap.layers.model.Layer;
import org.iocmap.layers.model.LayerKind;
import org.iocmap.layers.model.NearFeature;
import org.iocmap.layers.model.SpatialFilter;
import org.iocmap.layers.model.TimeExtent;
import org.iocmap.layers.model.TimeInterval;
import org.iocmap.layers.model.Title;
import org.iocmap.layers.query.cql2.Cql2Expr;
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
 * {@link PointCache} without a database round trip, with the same results as the store (the same geodesic functions,
 * the same id order, the same counts). Questions with a CQL2 filter or a sort order go to the store.
 */
final class IndexedPointLayer implements Layer {
    private static final double FIRST_KNN_RADIUS_METRES = 500;
    private static final double EARTH_SPAN_METRES = 20_040_000; // half the equator: every point is nearer than this
    private static final Envelope WORLD = new Envelope(-180, 180, -90, 90);

    private final SqlLayer source;
    private final PointCache cache;

    IndexedPointLayer(SqlLayer source, PointCache cache) {
        this.source = source;
        this.cache = cache;
    }

    /** Returns the layer as the store serves it. */
    SqlLayer source() {
        return source;
    }

    /** Returns the cache, so that a reloaded catalogue can keep it. */
    PointCache cache() {
        return cache;
    }

    @Override
    public String id() {
        return source.id();
    }

    @Override
    public Title title() {
        return source.title();
    }

    @Override
    public LayerKind kind() {
        return source.kind();
    }

    @Override
    public String geometryType() {
        return source.geometryType();
    }

    @Override
    public List<AttributeDef> attributes() {
        return source.attributes();
    }

    @Override
    public boolean isPublic() {
        return source.isPublic();
    }

    @Override
    public Set<String> readRoles() {
        return source.readRoles();
    }

    @Override
    public Optional<String> timeAttribute() {
        return source.timeAttribute();
    }

    @Override
    public Optional<TimeExtent> computeTimeExtent() {
        return source.computeTimeExtent();
    }

    @Override
    public void checkFilter(Cql2Expr filter) {
        source.checkFilter(filter);
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
        Matches matches = new Matches(table);
        IntPredicate keep = predicate(table, query);
        for (Envelope box : candidateBoxes(query)) {
            table.search(box.getMinX(), box.getMinY(), box.getMaxX(), box.getMaxY(), h -> {
                if (keep.test(h)) {
                    matches.add(h, 0);
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
            Matches matches = new Matches(table);
            for (Envelope box : boxes) {
                table.search(box.getMinX(), box.getMinY(), box.getMaxX(), box.getMaxY(), h -> {
                    if (keep.test(h)) {
                        double d = Geodesic.distanceMetres(origin.getX(), origin.getY(), table.lon(h), table.lat(h));
                        if (d <= limit) {
                            matches.add(h, d);
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
            long from = time.start() == null ? Long.MIN_VALUE + 1 : ceilMicros(time.start());
            long to = time.end() == null ? Long.MAX_VALUE : PointCache.micros(time.end());
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

    private static long ceilMicros(Instant t) {
        long floor = PointCache.micros(t);
        return t.getNano() % 1_000 == 0 ? floor : floor + 1;
    }

    private Feature feature(PointTable table, int handle) {
        long micros = table.timeMicros(handle);
        Instant time = micros == PointTable.NO_TIME
                ? null
                : Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000);
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> properties = (java.util.Map<String, Object>) table.properties(handle);
        return new Feature(table.id(handle), point(table.lon(handle), table.lat(handle)), time, properties);
    }

    private static Point point(double lon, double lat) {
        Point p = SqlDialect.WGS84.createPoint(new Coordinate(lon, lat));
        p.setSRID(4326);
        return p;
    }

    /** Collects matching handles (with a distance for nearest searches) and puts the first n in order. */
    private static final class Matches {
        private final PointTable table;
        int[] handles = new int[256];
        long[] ids = new long[256];
        double[] distances = new double[256];
        int size;

        Matches(PointTable table) {
            this.table = table;
        }

        void add(int handle, double distance) {
            if (size == handles.length) {
                handles = java.util.Arrays.copyOf(handles, size * 2);
                ids = java.util.Arrays.copyOf(ids, size * 2);
                distances = java.util.Arrays.copyOf(distances, size * 2);
            }
            handles[size] = handle;
            ids[size] = table.id(handle);
            distances[size] = distance;
            size++;
        }

        /** Puts the first {@code n} matches in order: by id, or by distance then id. The rest follow in no order. */
        void orderFirst(int n, boolean byDistance) {
            if (n <= 0 || size < 2) {
                return;
            }
            boolean distance = byDistance;
            if (n < size) {
                select(0, size - 1, n - 1, distance); // the n best now come first, in no order
            }
            sort(0, n - 1, distance);
        }

        private int compare(int a, int b, boolean byDistance) {
            if (byDistance) {
                int c = Double.compare(distances[a], distances[b]);
                if (c != 0) {
                    return c;
                }
            }
            return Long.compare(ids[a], ids[b]);
        }

        /** Sorts positions [left, right]: quicksort, insertion sort for short runs. */
        private void sort(int left, int right, boolean byDistance) {
            while (right - left > 16) {
                int p = partition(left, right, (left + right) >>> 1, byDistance);
                if (p - left < right - p) {
                    sort(left, p - 1, byDistance);
                    left = p + 1;
                } else {
                    sort(p + 1, right, byDistance);
                    right = p - 1;
                }
            }
            for (int i = left + 1; i <= right; i++) {
                for (int j = i; j > left && compare(j - 1, j, byDistance) > 0; j--) {
                    swap(j - 1, j);
                }
            }
        }

        /** Rearranges [left, right] so that position k holds what it would hold sorted, smaller ones before it. */
        private void select(int left, int right, int k, boolean byDistance) {
            while (right > left) {
                int p = partition(left, right, (left + right) >>> 1, byDistance);
                if (p == k) {
                    return;
                } else if (p < k) {
                    left = p + 1;
                } else {
                    right = p - 1;
                }
            }
        }

        /** Partitions [left, right] around the element at {@code pivot}; returns where the pivot ends up. */
        private int partition(int left, int right, int pivot, boolean byDistance) {
            swap(pivot, right);
            int store = left;
            for (int i = left; i < right; i++) {
                if (compare(i, right, byDistance) < 0) {
                    swap(i, store++);
                }
            }
            swap(store, right);
            return store;
        }

        private void swap(int a, int b) {
            int h = handles[a];
            handles[a] = handles[b];
            handles[b] = h;
            long id = ids[a];
            ids[a] = ids[b];
            ids[b] = id;
            double d = distances[a];
            distances[a] = distances[b];
            distances[b] = d;
        }
    }
}
