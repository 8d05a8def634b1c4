package org.iocmap.layers.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.iocmap.layers.kinds.Camera;
import org.iocmap.layers.kinds.CitizenReport;
import org.iocmap.layers.kinds.GenericFeature;
import org.iocmap.layers.kinds.LandUsePlan;
import org.iocmap.layers.kinds.LayerCatalog;
import org.iocmap.layers.model.BoundingBox;
import org.iocmap.layers.model.Feature;
import org.iocmap.layers.model.FeaturePage;
import org.iocmap.layers.model.FeatureQuery;
import org.iocmap.layers.model.Layer;
import org.iocmap.layers.model.LayerKind;
import org.iocmap.layers.model.SpatialFilter;
import org.iocmap.layers.model.TimeInterval;
import org.iocmap.layers.model.Title;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * Pins the behaviour of the feature store that both backends must share. Subclasses supply the store; each test
 * works in its own generic layer or in its own small region, so tests do not see each other's rows.
 */
public abstract class FeatureStoreContract {
    private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

    /** Returns the store under test, migrated. */
    protected abstract Store store();

    /**
     * Returns a random spot in the empty South Pacific for tests of the built-in tables, which other tests and
     * earlier runs on a reused database also write to: a 0.5-degree box around it holds only this test's rows.
     */
    private static double[] freshRegion() {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        return new double[] {-150 + Math.floor(r.nextDouble(0, 70)) + 0.5, -60 + Math.floor(r.nextDouble(0, 35)) + 0.5};
    }

    private Layer newGenericLayer() {
        String id = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        LayerCatalog catalog = LayerCatalog.load(store());
        return catalog.createGenericLayer(
                id,
                Title.of("Lớp thử", "Test layer"),
                "Geometry",
                false,
                Set.of("operator"),
                List.of(Map.of("name", "label", "type", "string", "vi", "Nhãn", "en", "Label")),
                900);
    }

    private void addGeneric(Layer layer, String wkt, String label, Instant time) {
        Geometry geometry = read(wkt);
        store().inTransaction(session -> {
            session.persist(new GenericFeature(layer.id(), Map.of("label", label), time, geometry));
            return null;
        });
    }

    private static Geometry read(String wkt) {
        try {
            Geometry g = new WKTReader(WGS84).read(wkt);
            g.setSRID(4326);
            return g;
        } catch (ParseException e) {
            throw new IllegalArgumentException(wkt, e);
        }
    }

    private List<String> labels(Layer layer, FeatureQuery query) {
        return layer.query(query).features().stream()
                .map(f -> (String) f.properties().get("label"))
                .toList();
    }

    @Test
    void catalogListsTheSixBuiltInKindsWithTheirAccess() {
        List<Layer> layers = LayerCatalog.load(store()).all();
        assertThat(layers)
                .extracting(Layer::kind)
                .contains(
                        LayerKind.CAMERA,
                        LayerKind.CITIZEN_REPORT,
                        LayerKind.ENV_STATION,
                        LayerKind.VESSEL,
                        LayerKind.LAND_USE_PLAN,
                        LayerKind.FIRE_ALARM);
        Layer plans = LayerCatalog.load(store()).find("land_use_plans").orElseThrow();
        assertThat(plans.isPublic()).isTrue();
        assertThat(plans.geometryType()).isEqualTo("MultiPolygon");
        Layer cameras = LayerCatalog.load(store()).find("cameras").orElseThrow();
        assertThat(cameras.isPublic()).isFalse();
        assertThat(cameras.readRoles()).containsExactly("operator");
    }

    @Test
    void bboxKeepsFeaturesThatIntersectItBoundaryIncluded() {
        Layer layer = newGenericLayer();
        addGeneric(layer, "POINT (10 10)", "inside", null);
        addGeneric(layer, "POINT (11 10.5)", "on the edge", null);
        addGeneric(layer, "POINT (12 10)", "outside", null);
        addGeneric(layer, "LINESTRING (9 12, 12 12)", "line crossing", null);
        addGeneric(
                layer,
                "POLYGON ((9.5 9.5, 10.5 9.5, 10.5 10.5, 9.5 10.5, 9.5 9.5), (9.9 9.9, 10.1 9.9, 10.1 10.1, 9.9 10.1, 9.9 9.9))",
                "polygon with hole",
                null);
        FeatureQuery query = new FeatureQuery(new BoundingBox(9.95, 9.95, 11, 12.5), null, 100, 0);
        // the bbox lies partly inside the polygon's hole, but also on its ring, so the polygon intersects
        assertThat(labels(layer, query))
                .containsExactlyInAnyOrder("inside", "on the edge", "line crossing", "polygon with hole");
        assertThat(layer.query(query).numberMatched()).isEqualTo(4);
    }

    @Test
    void bboxInsideAHoleDoesNotMatchThePolygon() {
        Layer layer = newGenericLayer();
        addGeneric(layer, "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (4 4, 6 4, 6 6, 4 6, 4 4))", "square", null);
        assertThat(labels(layer, new FeatureQuery(new BoundingBox(4.5, 4.5, 5.5, 5.5), null, 10, 0)))
                .isEmpty();
        assertThat(labels(layer, new FeatureQuery(new BoundingBox(3.5, 4.5, 5.5, 5.5), null, 10, 0)))
                .containsExactly("square");
    }

    @Test
    void bboxCrossingTheAntimeridianMatchesBothSides() {
        Layer layer = newGenericLayer();
        addGeneric(layer, "POINT (179.95 0)", "east", null);
        addGeneric(layer, "POINT (-179.95 0)", "west", null);
        addGeneric(layer, "POINT (0 0)", "greenwich", null);
        assertThat(labels(layer, new FeatureQuery(new BoundingBox(179, -1, -179, 1), null, 10, 0)))
                .containsExactlyInAnyOrder("east", "west");
    }

    @Test
    void pagesFollowIdOrderAndCountEveryMatch() {
        Layer layer = newGenericLayer();
        IntStream.range(0, 7).forEach(i -> addGeneric(layer, "POINT (" + (20 + i) + " 20)", "p" + i, null));
        FeaturePage second = layer.query(new FeatureQuery(null, null, 3, 3));
        assertThat(second.numberMatched()).isEqualTo(7);
        assertThat(second.features())
                .extracting(f -> f.properties().get("label"))
                .containsExactly("p3", "p4", "p5");
        assertThat(layer.query(new FeatureQuery(null, null, 3, 6)).features()).hasSize(1);
        assertThat(layer.query(new FeatureQuery(null, null, 3, 9)).features()).isEmpty();
    }

    @Test
    void timeWindowIncludesBothEndsAndExcludesFeaturesWithoutTime() {
        Layer layer = newGenericLayer();
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        addGeneric(layer, "POINT (30 30)", "before", t0.minusSeconds(1));
        addGeneric(layer, "POINT (30 30)", "start", t0);
        addGeneric(layer, "POINT (30 30)", "end", t0.plusSeconds(3600));
        addGeneric(layer, "POINT (30 30)", "after", t0.plusSeconds(3601));
        addGeneric(layer, "POINT (30 30)", "timeless", null);
        assertThat(labels(layer, new FeatureQuery(null, new TimeInterval(t0, t0.plusSeconds(3600)), 10, 0)))
                .containsExactly("start", "end");
        assertThat(labels(layer, new FeatureQuery(null, new TimeInterval(t0.plusSeconds(1), null), 10, 0)))
                .containsExactly("end", "after");
        assertThat(layer.computeTimeExtent().orElseThrow().start()).isEqualTo(t0.minusSeconds(1));
        assertThat(layer.computeTimeExtent().orElseThrow().end()).isEqualTo(t0.plusSeconds(3601));
    }

    @Test
    void findFeatureReturnsOnlyFeaturesOfThatLayer() {
        Layer mine = newGenericLayer();
        Layer other = newGenericLayer();
        addGeneric(mine, "POINT (40 40)", "mine", null);
        addGeneric(other, "POINT (40 40)", "theirs", null);
        Feature feature = mine.query(FeatureQuery.all(10)).features().getFirst();
        assertThat(mine.findFeature(feature.id()))
                .map(f -> f.properties().get("label"))
                .contains("mine");
        assertThat(other.findFeature(feature.id())).isEmpty();
        assertThat(mine.findFeature(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void builtInKindsRoundTripGeometryTimeAndProperties() {
        Instant installed = Instant.parse("2025-03-04T05:06:07Z");
        double[] region = freshRegion();
        double lon = region[0] + 0.123456;
        double lat = region[1] + 0.154321;
        Point where = WGS84.createPoint(new Coordinate(lon, lat));
        String code = "CAM-" + UUID.randomUUID().toString().substring(0, 8);
        store().inTransaction(session -> {
            session.persist(
                    new Camera(code, "Ngã tư thử", "traffic", 90, 60, 120, "online", "Nha Trang", installed, where));
            return null;
        });
        Layer cameras = LayerCatalog.load(store()).find("cameras").orElseThrow();
        FeaturePage page = cameras.query(
                new FeatureQuery(new BoundingBox(region[0], region[1], region[0] + 0.5, region[1] + 0.5), null, 10, 0));
        assertThat(page.features()).hasSize(1);
        Feature feature = page.features().getFirst();
        assertThat(feature.geometry().getCoordinate().x).isEqualTo(lon);
        assertThat(feature.geometry().getCoordinate().y).isEqualTo(lat);
        assertThat(feature.time()).isEqualTo(installed);
        assertThat(feature.properties()).containsEntry("code", code).containsEntry("name", "Ngã tư thử");
    }

    @Test
    void reportsAndPlansAreQueriedByTheirOwnTime() {
        Instant created = Instant.parse("2024-06-01T08:00:00Z");
        String code = "PA-" + UUID.randomUUID().toString().substring(0, 8);
        double[] region = freshRegion();
        double x = region[0] + 0.25;
        double y = region[1] + 0.25;
        Point where = WGS84.createPoint(new Coordinate(x, y));
        MultiPolygon zone = (MultiPolygon) read("MULTIPOLYGON (((" + (x - 0.1) + " " + (y - 0.1) + ", " + (x + 0.1)
                + " " + (y - 0.1) + ", " + (x + 0.1) + " " + (y + 0.1) + ", " + (x - 0.1) + " " + (y - 0.1) + ")))");
        store().inTransaction(session -> {
            session.persist(new CitizenReport(
                    code,
                    "Môi trường",
                    "Rác thải",
                    "Rác thải tồn đọng",
                    "NEW",
                    "hotline_1022",
                    "Nguyễn Văn A",
                    "0905000000",
                    "Phòng TN&MT",
                    "Đường thử",
                    "Nha Trang",
                    created,
                    created.plusSeconds(86_400),
                    null,
                    where));
            session.persist(new LandUsePlan(
                    "QH-" + code, "ODT", "Đất ở tại đô thị", "2021-2030", "Nha Trang", 1234.5, created, zone));
            return null;
        });
        LayerCatalog catalog = LayerCatalog.load(store());
        BoundingBox box = new BoundingBox(region[0], region[1], region[0] + 0.5, region[1] + 0.5);
        Layer reports = catalog.find("citizen_reports").orElseThrow();
        assertThat(reports.query(new FeatureQuery(box, new TimeInterval(created, created), 10, 0))
                        .features())
                .extracting(f -> f.properties().get("code"))
                .containsExactly(code);
        assertThat(reports.query(new FeatureQuery(box, new TimeInterval(created.plusSeconds(1), null), 10, 0))
                        .features())
                .isEmpty();
        Layer plans = catalog.find("land_use_plans").orElseThrow();
        assertThat(plans.query(new FeatureQuery(box, null, 10, 0)).features())
                .extracting(f -> f.geometry().getGeometryType())
                .containsExactly("MultiPolygon");
    }

    // A degree of latitude near the equator is 110,574 m; these tests keep well away (>= 10 %) from each threshold,
    // so sphere-versus-ellipsoid details cannot decide them.
    private static final double METRES_PER_DEGREE_LAT = 110_574;

    private static String pointNorth(double lon, double lat, double metres) {
        return "POINT (" + lon + " " + (lat + metres / METRES_PER_DEGREE_LAT) + ")";
    }

    @Test
    void radiusKeepsFeaturesWithinTheGeodesicDistance() {
        Layer layer = newGenericLayer();
        addGeneric(layer, pointNorth(50, 0, 800), "800 m", null);
        addGeneric(layer, pointNorth(50, 0, 1200), "1200 m", null);
        addGeneric(layer, "LINESTRING (49.99 0.0081, 50.01 0.0081)", "line 896 m away", null);
        Point origin = WGS84.createPoint(new Coordinate(50, 0));
        FeatureQuery query = FeatureQuery.all(10).withSpatial(new SpatialFilter.WithinDistance(origin, 1000));
        assertThat(labels(layer, query)).containsExactlyInAnyOrder("800 m", "line 896 m away");
    }

    @Test
    void radiusReachesAcrossTheAntimeridian() {
        Layer layer = newGenericLayer();
        addGeneric(layer, "POINT (-179.999 0)", "west side, 222 m", null);
        addGeneric(layer, "POINT (-179.99 0)", "west side, 1.1 km", null);
        Point origin = WGS84.createPoint(new Coordinate(179.999, 0));
        FeatureQuery query = FeatureQuery.all(10).withSpatial(new SpatialFilter.WithinDistance(origin, 500));
        assertThat(labels(layer, query)).containsExactly("west side, 222 m");
    }

    @Test
    void bufferAlongALineKeepsWhatIsNearTheLine() {
        Layer layer = newGenericLayer();
        addGeneric(layer, pointNorth(60.05, 0, 300), "300 m off the middle", null);
        addGeneric(layer, pointNorth(60.05, 0, 700), "700 m off the middle", null);
        addGeneric(layer, "POINT (60.1045 0)", "500 m past the end", null);
        Geometry road = read("LINESTRING (60 0, 60.1 0)");
        FeatureQuery query = FeatureQuery.all(10).withSpatial(new SpatialFilter.WithinDistance(road, 400));
        assertThat(labels(layer, query)).containsExactly("300 m off the middle");
    }

    @Test
    void polygonQueryRespectsHolesAndKeepsTheBoundary() {
        Layer layer = newGenericLayer();
        addGeneric(layer, "POINT (71 71)", "inside", null);
        addGeneric(layer, "POINT (75 75)", "in the hole", null);
        addGeneric(layer, "POINT (74 75)", "on the hole edge", null);
        addGeneric(layer, "POINT (70 75)", "on the outer edge", null);
        addGeneric(layer, "POINT (80.5 75)", "outside", null);
        Geometry area = read("POLYGON ((70 70, 80 70, 80 80, 70 80, 70 70), (74 74, 76 74, 76 76, 74 76, 74 74))");
        FeatureQuery query = FeatureQuery.all(10).withSpatial(new SpatialFilter.Intersects(area));
        assertThat(labels(layer, query)).containsExactlyInAnyOrder("inside", "on the hole edge", "on the outer edge");
    }

    @Test
    void nearestReturnsTheKClosestInOrderWithTheirDistances() {
        Layer layer = newGenericLayer();
        for (int metres : new int[] {5_000, 300, 90_000, 1_200, 40}) {
            addGeneric(layer, pointNorth(-20, -10, metres), metres + " m", null);
        }
        Point origin = WGS84.createPoint(new Coordinate(-20, -10));
        List<org.iocmap.layers.model.NearFeature> near = layer.nearest(origin, 3, FeatureQuery.all(1));
        assertThat(near)
                .extracting(n -> n.feature().properties().get("label"))
                .containsExactly("40 m", "300 m", "1200 m");
        assertThat(near.get(1).distanceMetres()).isCloseTo(300, org.assertj.core.data.Offset.offset(1.0));
        // k larger than the layer returns everything, still in order
        assertThat(layer.nearest(origin, 50, FeatureQuery.all(1))).hasSize(5);
    }

    @Test
    void nearestCrossesTheAntimeridian() {
        Layer layer = newGenericLayer();
        addGeneric(layer, "POINT (-179.995 5)", "just across", null);
        addGeneric(layer, "POINT (179.9 5)", "same side, farther", null);
        Point origin = WGS84.createPoint(new Coordinate(179.995, 5));
        assertThat(layer.nearest(origin, 1, FeatureQuery.all(1)))
                .extracting(n -> n.feature().properties().get("label"))
                .containsExactly("just across");
    }

    @Test
    void sortByAnAttributePutsMissingValuesLast() {
        Layer layer = newGenericLayer();
        addGeneric(layer, "POINT (1 1)", "b", null);
        addGeneric(layer, "POINT (1 1)", "c", null);
        addGeneric(layer, "POINT (1 1)", "a", null);
        FeatureQuery descending =
                FeatureQuery.all(10).withSortBy(List.of(new org.iocmap.layers.model.SortKey("label", true)));
        assertThat(labels(layer, descending)).containsExactly("c", "b", "a");
        FeatureQuery ascending =
                FeatureQuery.all(10).withSortBy(List.of(new org.iocmap.layers.model.SortKey("label", false)));
        assertThat(labels(layer, ascending)).containsExactly("a", "b", "c");
    }
}
