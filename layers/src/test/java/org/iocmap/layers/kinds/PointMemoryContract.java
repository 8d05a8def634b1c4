package org.iocmap.layers.kinds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
import org.iocmap.layers.model.NearFeature;
import org.iocmap.layers.model.SpatialFilter;
import org.iocmap.layers.model.TimeInterval;
import org.iocmap.layers.model.Title;
import org.iocmap.layers.store.SqlDialect;
import org.iocmap.layers.store.Store;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.WKTReader;

/**
 * Pins that a point layer served from memory answers exactly as the store does, on the same rows: the same ids in the
 * same order, the same counts and distances, across the antimeridian, near the pole, on boundaries and in time
 * windows; and that it stays current as features are added, changed and removed by this process or by another.
 * Subclasses supply the store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class PointMemoryContract {
    private static final long SEED = 20261122L;
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private LayerCatalog catalog;
    private IndexedPointLayer layer;
    private SqlLayer sql;

    /** Returns the store under test, migrated. */
    protected abstract Store store();

    @BeforeAll
    void createLayer() {
        catalog = LayerCatalog.load(store());
        String id = "pm_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Layer created = catalog.createGenericLayer(
                id,
                Title.of("Điểm thử", "Test points"),
                "Point",
                true,
                Set.of(),
                List.of(
                        Map.of("name", "label", "type", "string", "vi", "Nhãn", "en", "Label"),
                        Map.of("name", "n", "type", "number", "vi", "Số", "en", "Number")),
                900);
        assertThat(created).isInstanceOf(IndexedPointLayer.class);
        layer = (IndexedPointLayer) created;
        sql = layer.source();
        Random r = new Random(SEED);
        List<double[]> positions = new ArrayList<>();
        for (int i = 0; i < 1500; i++) { // Khánh Hòa and its sea
            positions.add(new double[] {108.5 + r.nextDouble() * 1.5, 11.5 + r.nextDouble() * 1.5});
        }
        for (int i = 0; i < 300; i++) { // both sides of the antimeridian
            double lon = r.nextBoolean() ? 179.5 + r.nextDouble() * 0.5 : -180 + r.nextDouble() * 0.5;
            positions.add(new double[] {lon, -17 + r.nextDouble()});
        }
        for (int i = 0; i < 200; i++) { // near the north pole
            positions.add(new double[] {-180 + r.nextDouble() * 360, 88 + r.nextDouble() * 2});
        }
        for (int x = 0; x <= 4; x++) { // on a grid, for boundaries: 109.0..109.4, 12.0..12.4
            for (int y = 0; y <= 4; y++) {
                positions.add(new double[] {109 + x / 10.0, 12 + y / 10.0});
            }
        }
        store().inTransaction(session -> {
            for (int i = 0; i < positions.size(); i++) {
                double[] p = positions.get(i);
                // Times at microsecond precision; every seventh feature has none.
                Instant time = i % 7 == 0 ? null : T0.plusNanos(r.nextLong(0, 86_400_000_000L) * 1_000);
                session.persist(new GenericFeature(
                        layer.id(), Map.of("label", "điểm " + i, "n", i % 13), time, point(p[0], p[1])));
            }
            return null;
        });
    }

    @Test
    void boxesAndPagesMatchTheStore() {
        Random r = new Random(SEED + 1);
        for (int i = 0; i < 60; i++) {
            double lon = 108.5 + r.nextDouble() * 1.4;
            double lat = 11.5 + r.nextDouble() * 1.4;
            double size = 0.01 + r.nextDouble() * 0.3;
            FeatureQuery q = new FeatureQuery(
                    new BoundingBox(lon, lat, Math.min(180, lon + size), Math.min(90, lat + size)),
                    null,
                    1 + r.nextInt(40),
                    r.nextInt(3) == 0 ? r.nextInt(30) : 0);
            assertSame(q);
        }
        assertSame(new FeatureQuery(new BoundingBox(179.7, -17, -179.8, -16), null, 50, 10)); // across the line
        assertSame(new FeatureQuery(new BoundingBox(109.1, 12.1, 109.3, 12.3), null, 100, 0)); // grid on the edge
        assertSame(new FeatureQuery(null, null, 100, 1990)); // everything, last pages
        assertSame(new FeatureQuery(new BoundingBox(-180, 89.5, 180, 90), null, 10, 0));
    }

    @Test
    void timeWindowsMatchTheStoreToTheMicrosecond() {
        FeaturePage all = sql.query(new FeatureQuery(null, new TimeInterval(T0, null), 5, 0));
        Instant exact = all.features().get(2).time();
        assertSame(new FeatureQuery(null, new TimeInterval(exact, exact), 10, 0));
        assertSame(new FeatureQuery(null, new TimeInterval(exact.plusNanos(500), null), 10, 0));
        assertSame(new FeatureQuery(null, new TimeInterval(null, exact.minusNanos(1)), 10, 0));
        Random r = new Random(SEED + 2);
        for (int i = 0; i < 20; i++) {
            Instant start = T0.plusSeconds(r.nextInt(86_400));
            assertSame(new FeatureQuery(
                    new BoundingBox(108.5, 11.5, 110, 13), new TimeInterval(start, start.plusSeconds(3_600)), 20, 0));
        }
    }

    @Test
    void radiiLineBuffersAndAreasMatchTheStore() {
        Random r = new Random(SEED + 3);
        for (int i = 0; i < 25; i++) {
            Point origin = point(108.5 + r.nextDouble() * 1.5, 11.5 + r.nextDouble() * 1.5);
            assertSame(FeatureQuery.all(1000)
                    .withSpatial(new SpatialFilter.WithinDistance(origin, 500 + r.nextInt(8000))));
        }
        assertSame(FeatureQuery.all(1000).withSpatial(new SpatialFilter.WithinDistance(point(179.95, -16.5), 30_000)));
        assertSame(FeatureQuery.all(1000).withSpatial(new SpatialFilter.WithinDistance(point(10, 89.5), 100_000)));
        assertSame(FeatureQuery.all(1000)
                .withSpatial(new SpatialFilter.WithinDistance(
                        read("LINESTRING (108.6 11.6, 109.2 12.2, 109.9 12.3)"), 2_000)));
        // A polygon with a hole whose edges run through grid points: boundary points count, the hole's inside does not.
        Geometry withHole = read("POLYGON ((109 12, 109.4 12, 109.4 12.4, 109 12.4, 109 12),"
                + " (109.1 12.1, 109.3 12.1, 109.3 12.3, 109.1 12.3, 109.1 12.1))");
        assertSame(FeatureQuery.all(1000).withSpatial(new SpatialFilter.Intersects(withHole)));
        assertSame(FeatureQuery.all(1000)
                .withSpatial(
                        new SpatialFilter.Intersects(read("POLYGON ((108.6 11.6, 109.8 11.7, 109 12.9, 108.6 11.6))")))
                .withPage(7, 3));
    }

    @Test
    void nearestMatchesTheStoreInOrderAndDistance() {
        Random r = new Random(SEED + 4);
        List<Point> origins = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            origins.add(point(108.5 + r.nextDouble() * 1.5, 11.5 + r.nextDouble() * 1.5));
        }
        origins.add(point(179.99, -16.5));
        origins.add(point(0, 89.9));
        origins.add(point(-60, -40)); // far from everything
        for (Point origin : origins) {
            assertNearestSame(origin, 10, FeatureQuery.all(1));
            assertNearestSame(origin, 3, new FeatureQuery(null, new TimeInterval(T0.plusSeconds(20_000), null), 1, 0));
        }
    }

    @Test
    void writesOfThisProcessAreSeenAtOnce() {
        GenericFeatures writes = new GenericFeatures(store(), new ChangeLog(store()));
        BoundingBox box = new BoundingBox(150, 40, 150.2, 40.2);
        layer.query(new FeatureQuery(box, null, 10, 0)); // loaded before the writes
        long id = writes.create(layer.id(), point(150.1, 40.1), Map.of("label", "mới", "n", 1), null);
        assertThat(ids(layer.query(new FeatureQuery(box, null, 10, 0)))).containsExactly(id);
        assertThat(layer.findFeature(id).orElseThrow().properties()).containsEntry("label", "mới");

        writes.replace(layer.id(), id, point(150.5, 40.5), Map.of("label", "dời", "n", 2), null);
        assertThat(ids(layer.query(new FeatureQuery(box, null, 10, 0)))).isEmpty();
        assertThat(layer.findFeature(id).orElseThrow().properties()).containsEntry("label", "dời");
        assertThat(layer.findFeature(id).orElseThrow().geometry().getCoordinate().x)
                .isEqualTo(150.5);

        writes.delete(layer.id(), id);
        assertThat(layer.findFeature(id)).isEmpty();
        assertSame(new FeatureQuery(new BoundingBox(150, 40, 151, 41), null, 10, 0));
    }

    @Test
    void aChangeFromAnotherProcessIsSeenWithinThePollInterval() throws Exception {
        BoundingBox box = new BoundingBox(151, 41, 151.2, 41.2);
        layer.query(new FeatureQuery(box, null, 10, 0));
        // Another node writes the row and its change with plain SQL: this process counts no change of its own.
        GenericFeature feature =
                new GenericFeature(layer.id(), Map.of("label", "xa", "n", 3), null, point(151.1, 41.1));
        store().inTransaction(session -> {
            session.persist(feature);
            session.flush();
            session.doWork(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO feature_change (layer_id, feature_id, op, changed_at) VALUES (?, ?, ?, ?)")) {
                    ps.setString(1, layer.id());
                    ps.setLong(2, feature.getId());
                    ps.setString(3, "ADDED");
                    ps.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
                    ps.executeUpdate();
                }
            });
            return null;
        });
        Thread.sleep(LayerMemory.POLL_MILLIS + 100);
        assertThat(ids(layer.query(new FeatureQuery(box, null, 10, 0)))).containsExactly(feature.getId());
    }

    @Test
    void aChangeThatCommitsAfterAHigherOneIsAppliedWhenItCommits() throws Exception {
        BoundingBox box = new BoundingBox(152, 42, 152.2, 42.2);
        layer.query(new FeatureQuery(box, null, 10, 0));
        java.util.concurrent.CountDownLatch recorded = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicLong late = new java.util.concurrent.atomic.AtomicLong();
        // A slow writer takes its change id first and commits last.
        Thread slow = Thread.ofVirtual().start(() -> store().inTransaction(session -> {
            GenericFeature f =
                    new GenericFeature(layer.id(), Map.of("label", "muộn", "n", 4), null, point(152.05, 42.05));
            session.persist(f);
            new ChangeLog(store()).record(session, layer.id(), f.getId(), org.iocmap.layers.changes.ChangeOp.ADDED);
            late.set(f.getId());
            recorded.countDown();
            try {
                release.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        assertThat(recorded.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        GenericFeatures writes = new GenericFeatures(store(), new ChangeLog(store()));
        long early = writes.create(layer.id(), point(152.1, 42.1), Map.of("label", "sớm", "n", 5), null);
        assertThat(ids(layer.query(new FeatureQuery(box, null, 10, 0)))).containsExactly(early); // not held back
        release.countDown();
        slow.join();
        Thread.sleep(LayerMemory.POLL_MILLIS + 100);
        assertThat(ids(layer.query(new FeatureQuery(box, null, 10, 0)))).containsExactlyInAnyOrder(early, late.get());
    }

    @Test
    void heatMapsFromMemoryEqualThoseFromTheStoresRows() {
        Random r = new Random(SEED + 5);
        for (int i = 0; i < 24; i++) {
            double lon = 108.5 + r.nextDouble();
            double lat = 11.5 + r.nextDouble();
            BoundingBox box = i % 4 == 0 ? null : new BoundingBox(lon, lat, lon + 0.5, lat + 0.5);
            TimeInterval time = i % 3 == 0 ? new TimeInterval(T0.plusSeconds(r.nextInt(40_000)), null) : null;
            boolean hexagons = i >= 12;
            org.iocmap.layers.query.cql2.Cql2Expr filter =
                    i % 5 == 1 ? org.iocmap.layers.query.cql2.Cql2Parser.parse("n >= " + r.nextInt(10)) : null;
            org.iocmap.layers.model.HeatQuery q = new org.iocmap.layers.model.HeatQuery(
                    box,
                    hexagons ? org.iocmap.layers.model.HeatGrid.H3 : org.iocmap.layers.model.HeatGrid.SQUARE,
                    hexagons ? 4 + r.nextInt(10) : 6 + r.nextInt(10),
                    time,
                    i % 2 == 0 ? "n" : null,
                    filter);
            Map<String, org.iocmap.layers.model.HeatCell> expected = byCell(sql.computeHeat(q));
            Map<String, org.iocmap.layers.model.HeatCell> actual = byCell(layer.computeHeat(q));
            assertThat(actual.keySet()).as("cells of %s", q).isEqualTo(expected.keySet());
            expected.forEach((cell, e) -> {
                assertThat(actual.get(cell).count()).as("count of %s", cell).isEqualTo(e.count());
                assertThat(actual.get(cell).sum()).isCloseTo(e.sum(), within(1e-9));
            });
            assertThat(expected.values().stream()
                            .mapToLong(org.iocmap.layers.model.HeatCell::count)
                            .sum())
                    .isEqualTo(sql.query(new FeatureQuery(box, time, 1, 0).withFilter(filter))
                            .numberMatched());
            assertThat(expected.values()).allMatch(c -> c.grid() == q.grid() && c.level() == q.level());
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> layer.computeHeat(new org.iocmap.layers.model.HeatQuery(null, 8, null, "label")))
                .hasMessageContaining("no numeric attribute 'label'")
                .hasMessageContaining("[n]");
    }

    private static Map<String, org.iocmap.layers.model.HeatCell> byCell(List<org.iocmap.layers.model.HeatCell> cells) {
        Map<String, org.iocmap.layers.model.HeatCell> map = new java.util.HashMap<>();
        cells.forEach(c -> assertThat(map.put(c.grid() + "/" + c.level() + "/" + c.cell(), c))
                .isNull());
        return map;
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

    private void assertNearestSame(Point origin, int k, FeatureQuery constraints) {
        List<NearFeature> expected = sql.nearest(origin, k, constraints);
        List<NearFeature> actual = layer.nearest(origin, k, constraints);
        assertThat(actual.stream().map(n -> n.feature().id()).toList())
                .as("nearest %d to %s", k, origin)
                .isEqualTo(expected.stream().map(n -> n.feature().id()).toList());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).distanceMetres()).isCloseTo(expected.get(i).distanceMetres(), within(0.001));
        }
    }

    private static List<Long> ids(FeaturePage page) {
        return page.features().stream().map(Feature::id).toList();
    }

    private static Point point(double lon, double lat) {
        Point p = SqlDialect.WGS84.createPoint(new Coordinate(lon, lat));
        p.setSRID(4326);
        return p;
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
