package org.iocmap.layers.kinds;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;
import org.iocmap.layers.index.GeometryTable;
import org.iocmap.layers.index.PointTable;
import org.iocmap.layers.model.Feature;
import org.iocmap.layers.model.FeaturePage;
import org.iocmap.layers.model.FeatureQuery;
import org.iocmap.layers.model.NearFeature;
import org.iocmap.layers.model.SpatialFilter;
import org.iocmap.layers.model.TimeInterval;
import org.iocmap.layers.store.SqlDialect;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * Serves a layer of lines, polygons or mixed geometries from memory: boxes, time windows and areas are answered from
 * a {@link GeometryTable} (an R-tree), with the store's results (planar intersection in lon/lat, as PostGIS's
 * {@code ST_Intersects} on geometry and H2GIS). Questions with a CQL2 filter, a sort order, a geodesic distance or a
 * nearest search go to the store.
 */
final class IndexedGeometryLayer extends StoreBackedLayer {
    private static final Envelope WORLD = new Envelope(-180, 180, -90, 90);

    private final LayerMemory<GeometryTable.Entry, GeometryTable> memory;

    IndexedGeometryLayer(SqlLayer source, LayerMemory<GeometryTable.Entry, GeometryTable> memory) {
        super(source);
        this.memory = memory;
    }

    @Override
    public void loadIntoMemory() {
        memory.current(source);
    }

    @Override
    public List<NearFeature> nearest(Point origin, int k, FeatureQuery constraints) {
        return source.nearest(origin, k, constraints);
    }

    @Override
    public Optional<Feature> findFeature(long id) {
        GeometryTable table = memory.current(source);
        if (table == null) {
            return source.findFeature(id);
        }
        int handle = table.find(id);
        return handle == Integer.MIN_VALUE ? Optional.empty() : Optional.of(feature(table.entry(handle)));
    }

    private static boolean answerable(FeatureQuery query) {
        return query.filter() == null
                && query.sortBy().isEmpty()
                && !(query.spatial() instanceof SpatialFilter.WithinDistance);
    }

    @Override
    public boolean isAnsweredInMemory(FeatureQuery query) {
        return answerable(query) && memory.isCurrent();
    }

    @Override
    public FeaturePage query(FeatureQuery query) {
        if (!answerable(query)) {
            return source.query(query);
        }
        if (query.time() != null && source.timeAttribute().isEmpty()) {
            return new FeaturePage(List.of(), 0);
        }
        GeometryTable table = memory.current(source);
        if (table == null) {
            return source.query(query);
        }
        IntPredicate keep = predicate(table, query);
        Matches matches = new Matches();
        // The spatial restriction's box, else the query box (both sides of the antimeridian), else the world.
        Geometry area = query.spatial() instanceof SpatialFilter.Intersects f ? f.area() : null;
        List<Envelope> boxes = area != null
                ? List.of(area.getEnvelopeInternal())
                : query.bbox() != null ? boxes(query.bbox().toGeometry(SqlDialect.WGS84)) : List.of(WORLD);
        java.util.Set<Integer> seen = boxes.size() > 1 ? new java.util.HashSet<>() : null;
        for (Envelope box : boxes) {
            table.search(box, h -> {
                if ((seen == null || seen.add(h)) && keep.test(h)) {
                    matches.add(h, table.entry(h).id(), 0);
                }
            });
        }
        long end = Math.min((long) matches.size, query.offset() + query.limit());
        matches.orderFirst((int) end, false);
        List<Feature> page = new ArrayList<>();
        for (long i = query.offset(); i < end; i++) {
            page.add(feature(table.entry(matches.handles[(int) i])));
        }
        return new FeaturePage(page, matches.size);
    }

    private static List<Envelope> boxes(Geometry bbox) {
        List<Envelope> boxes = new ArrayList<>();
        for (int i = 0; i < bbox.getNumGeometries(); i++) {
            boxes.add(bbox.getGeometryN(i).getEnvelopeInternal());
        }
        return boxes;
    }

    private static IntPredicate predicate(GeometryTable table, FeatureQuery query) {
        IntPredicate keep = h -> true;
        if (query.bbox() != null) {
            PreparedGeometry box = PreparedGeometryFactory.prepare(query.bbox().toGeometry(SqlDialect.WGS84));
            keep = keep.and(h -> box.intersects(table.entry(h).geometry()));
        }
        TimeInterval time = query.time();
        if (time != null) {
            long from = LayerMemory.firstMicros(time);
            long to = LayerMemory.lastMicros(time);
            keep = keep.and(h -> {
                long t = table.entry(h).timeMicros();
                return t != PointTable.NO_TIME && t >= from && t <= to;
            });
        }
        if (query.spatial() instanceof SpatialFilter.Intersects f) {
            PreparedGeometry area = PreparedGeometryFactory.prepare(f.area());
            keep = keep.and(h -> area.intersects(table.entry(h).geometry()));
        }
        return keep;
    }

    private static Feature feature(GeometryTable.Entry e) {
        Instant time = LayerMemory.instant(e.timeMicros());
        @SuppressWarnings("unchecked")
        Map<String, Object> properties = (Map<String, Object>) e.properties();
        return new Feature(e.id(), e.geometry(), time, properties);
    }
}
