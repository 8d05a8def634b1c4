package org.iocmap.layers.kinds;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.iocmap.layers.changes.ChangeLog;
import org.iocmap.layers.model.BoundingBox;
import org.iocmap.layers.model.Feature;
import org.iocmap.layers.model.FeaturePage;
import org.iocmap.layers.model.FeatureQuery;
import org.iocmap.layers.model.Layer;
import org.iocmap.layers.model.SpatialFilter;
import org.iocmap.layers.model.TimeInterval;
import org.iocmap.layers.model.Title;
import org.iocmap.layers.store.SqlDialect;
import org.iocmap.layers.store.Store;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;

/**
 * Pins that a layer of polygons and lines served from memory answers as the store does on the same rows: boxes
 * (across the antimeridian too), pages, time windows, areas with holes and boundaries; and that writes are seen at
 * once. Subclasses supply the store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class GeometryMemoryContract {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private IndexedGeometryLayer layer;
    private SqlLayer sql;

    /** Returns the store under test, migrated. */
    protected abstract Store store();

    @BeforeAll
    void createLayer() {
        LayerCatalog catalog = LayerCatalog.load(store());
        String id = "gm_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Layer created = catalog.createGenericLayer(
                id,
                Title.of("Thửa thử", "Test parcels"),
                "Geometry",
                true,
                Set.of(),
                List.of(Map.of("name", "code", "type", "string", "vi", "Mã", "en", "Code")),
                900);
        assertThat(created).isInstanceOf(IndexedGeometryLayer.class);
        layer = (IndexedGeometryLayer) created;
        sql = layer.source();
        Random r = new Random(7);
        List<String> wkts = new ArrayList<>();
        for (int i = 0; i < 600; i++) { // small quads, some with a hole
            double x = 108.8 + r.nextDouble() * 0.6;
            double y = 11.9 + r.nextDouble() * 0.6;
            double s = 0.002 + r.nextDouble() * 0.01;
            String outer = ring(x, y, s);
            wkts.add(
                    i % 5 == 0
                            ? "POLYGON (" + outer + ", " + ring(x + s * 0.3, y + s * 0.3, s * 0.4) + ")"
                            : "POLYGON (" + outer + ")");
        }
        for (int i = 0; i < 200; i++) { // lines
            double x = 108.8 + r.nextDouble() * 0.6;
            double y = 11.9 + r.nextDouble() * 0.6;
            wkts.add("LINESTRING (" + x + " " + y + ", " + (x + 0.01) + " " + (y + 0.005) + ", " + (x + 0.02) + " " + y
                    + ")");
        }
        // Across the antimeridian (each part on its side) and on a grid edge for boundaries.
        wkts.add("POLYGON ((179.5 -17, 180 -17, 180 -16, 179.5 -16, 179.5 -17))");
        wkts.add("POLYGON ((-180 -17, -179.5 -17, -179.5 -16, -180 -16, -180 -17))");
        wkts.add("POLYGON ((109 12, 109.1 12, 109.1 12.1, 109 12.1, 109 12))");
        store().inTransaction(session -> {
            for (int i = 0; i < wkts.size(); i++) {
                Instant time =
                        i % 6 == 0 ? null : T0.plusSeconds(r.nextInt(86_400)).plusNanos(r.nextInt(1000) * 1000L);
                session.persist(new GenericFeature(layer.id(), Map.of("code", "C" + (i % 9)), time, read(wkts.get(i))));
            }
            return null;
        });
    }

    private static String ring(double x, double y, double s) {
        return "(" + x + " " + y + ", " + (x + s) + " " + y + ", " + (x + s) + " " + (y + s) + ", " + x + " " + (y + s)
                + ", " + x + " " + y + ")";
    }

    @Test
    void boxesPagesAndTimesMatchTheStore() {
        Random r = new Random(8);
        for (int i = 0; i < 40; i++) {
            double x = 108.8 + r.nextDouble() * 0.6;
            double y = 11.9 + r.nextDouble() * 0.6;
            double s = 0.01 + r.nextDouble() * 0.2;
            assertSame(new FeatureQuery(new BoundingBox(x, y, x + s, y + s), null, 1 + r.nextInt(50), r.nextInt(10)));
        }
        assertSame(new FeatureQuery(new BoundingBox(179.8, -16.5, -179.8, -16.4), null, 10, 0)); // across the line
        assertSame(new FeatureQuery(new BoundingBox(109.1, 12.1, 109.2, 12.2), null, 10, 0)); // touching a corner
        assertSame(new FeatureQuery(null, null, 100, 780));
        assertSame(new FeatureQuery(
                new BoundingBox(108.8, 11.9, 109.4, 12.5),
                new TimeInterval(T0.plusSeconds(3600), T0.plusSeconds(7200)),
                50,
                0));
    }

    @Test
    void areasWithHolesAndBoundariesMatchTheStore() {
        Random r = new Random(9);
        for (int i = 0; i < 20; i++) {
            double x = 108.8 + r.nextDouble() * 0.5;
            double y = 11.9 + r.nextDouble() * 0.5;
            assertSame(FeatureQuery.all(1000)
                    .withSpatial(new SpatialFilter.Intersects(read("POLYGON ((" + x + " " + y + ", " + (x + 0.05) + " "
                            + y + ", " + (x + 0.03) + " " + (y + 0.06) + ", " + x + " " + y + "))"))));
        }
        assertSame(FeatureQuery.all(1000)
                .withSpatial(new SpatialFilter.Intersects(read("POLYGON ((108.9 12, 109.3 12, 109.3 12.4, 108.9 12.4,"
                        + " 108.9 12), (109 12.1, 109.2 12.1, 109.2 12.3, 109 12.3, 109 12.1))"))));
    }

    @Test
    void writesOfThisProcessAreSeenAtOnce() {
        GenericFeatures writes = new GenericFeatures(store(), new ChangeLog(store()));
        BoundingBox box = new BoundingBox(150, 40, 150.2, 40.2);
        layer.query(new FeatureQuery(box, null, 10, 0));
        long id = writes.create(layer.id(), read("LINESTRING (150.05 40.05, 150.1 40.1)"), Map.of("code", "X"), null);
        assertThat(ids(layer.query(new FeatureQuery(box, null, 10, 0)))).containsExactly(id);
        writes.replace(layer.id(), id, read("LINESTRING (151 41, 151.1 41.1)"), Map.of("code", "Y"), null);
        assertThat(ids(layer.query(new FeatureQuery(box, null, 10, 0)))).isEmpty();
        assertThat(layer.findFeature(id).orElseThrow().properties()).containsEntry("code", "Y");
        writes.delete(layer.id(), id);
        assertThat(layer.findFeature(id)).isEmpty();
    }

    private void assertSame(FeatureQuery q) {
        FeaturePage expected = sql.query(q);
        FeaturePage actual = layer.query(q);
        assertThat(ids(actual)).as("ids of %s", q).isEqualTo(ids(expected));
        assertThat(actual.numberMatched()).as("numberMatched of %s", q).isEqualTo(expected.numberMatched());
        for (int i = 0; i < expected.features().size(); i++) {
            Feature e = expected.features().get(i);
            Feature a = actual.features().get(i);
            assertThat(a.time()).isEqualTo(e.time());
            assertThat(a.geometry().equalsExact(e.geometry())).isTrue();
            assertThat(Map.copyOf(a.properties())).isEqualTo(Map.copyOf(e.properties()));
        }
    }

    private static List<Long> ids(FeaturePage page) {
        return page.features().stream().map(Feature::id).toList();
    }

    private static Geometry read(String wkt) {
        try {
            Geometry g = new WKTReader(SqlDialect.WGS84).read(wkt);
            g.setSRID(4326);
            return g;
        } catch (org.locationtech.jts.io.ParseException e) {
            throw new IllegalArgumentException(wkt, e);
        }
    }
}
