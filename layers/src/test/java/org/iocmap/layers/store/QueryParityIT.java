package org.iocmap.layers.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.iocmap.layers.kinds.GenericFeature;
import org.iocmap.layers.kinds.LayerCatalog;
import org.iocmap.layers.model.BoundingBox;
import org.iocmap.layers.model.FeatureQuery;
import org.iocmap.layers.model.Layer;
import org.iocmap.layers.model.NearFeature;
import org.iocmap.layers.model.SpatialFilter;
import org.iocmap.layers.model.Title;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * Loads the same random features into the embedded store and into PostGIS and asks both the same spatial questions
 * through {@link Layer}; both answers must equal what PostGIS's own functions (geography {@code ST_DWithin},
 * {@code ST_Intersects}, {@code ST_Distance}) say on the raw table. The data covers a coastal city, the antimeridian,
 * high latitudes, polygons with holes and points exactly on boundaries.
 */
class QueryParityIT {
    private static final String SCHEMA = "parity_it";
    private static final String LAYER = "parity";
    private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);
    /** A feature this close to a distance threshold (relative) may fall on either side by rounding: not compared. */
    private static final double THRESHOLD_BAND = 1e-4;

    @TempDir
    static Path h2Dir;

    private static Store h2;
    private static Store postgis;
    private static StoreSettings postgisSettings;
    private static Layer h2Layer;
    private static Layer postgisLayer;

    @BeforeAll
    static void load() throws SQLException {
        StoreSettings base = TestStores.postgisSettings().orElse(null);
        assertNotNull(base, "set IOCMAP_TEST_DB_URL (and _USER, _PASSWORD) to a PostGIS database");
        try (Connection c = java.sql.DriverManager.getConnection(base.jdbcUrl(), base.user(), base.password());
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + SCHEMA);
        }
        String url =
                base.jdbcUrl() + (base.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA + ",public";
        postgisSettings = new StoreSettings(url, base.user(), base.password(), 4);
        postgis = Store.open(postgisSettings);
        h2 = TestStores.h2gis(h2Dir);
        List<String[]> rows = dataset();
        h2Layer = fill(h2, rows);
        postgisLayer = fill(postgis, rows);
    }

    @AfterAll
    static void close() {
        if (h2 != null) {
            h2.close();
        }
        if (postgis != null) {
            postgis.close();
        }
    }

    /** Returns label and WKT of every feature: random but fixed by the seed. */
    private static List<String[]> dataset() {
        Random random = new Random(20261122);
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 800; i++) { // Nha Trang and its sea
            rows.add(point("city" + i, 109.0 + random.nextDouble() * 0.5, 12.0 + random.nextDouble() * 0.5));
        }
        for (int i = 0; i < 400; i++) { // both sides of the antimeridian
            double lon = random.nextBoolean() ? 179.5 + random.nextDouble() * 0.5 : -180 + random.nextDouble() * 0.5;
            rows.add(point("dateline" + i, lon, -2 + random.nextDouble() * 4));
        }
        for (int i = 0; i < 200; i++) { // high north, where a degree of longitude is short
            rows.add(point("north" + i, -180 + random.nextDouble() * 360, 84 + random.nextDouble() * 5));
        }
        rows.add(point("on square edge", 109.3, 12.25));
        rows.add(point("on hole edge", 109.22, 12.25));
        rows.add(point("in hole", 109.25, 12.25));
        rows.add(new String[] {
            "square with hole",
            "POLYGON ((109.1 12.1, 109.4 12.1, 109.4 12.4, 109.1 12.4, 109.1 12.1),"
                    + " (109.2 12.2, 109.3 12.2, 109.3 12.3, 109.2 12.3, 109.2 12.2))"
        });
        rows.add(new String[] {"coast line", "LINESTRING (109.15 12.45, 109.25 12.35, 109.45 12.30)"});
        return rows;
    }

    private static String[] point(String label, double lon, double lat) {
        return new String[] {label, "POINT (" + lon + " " + lat + ")"};
    }

    private static Layer fill(Store store, List<String[]> rows) {
        LayerCatalog catalog = LayerCatalog.load(store);
        Layer layer = catalog.find(LAYER)
                .orElseGet(() -> catalog.createGenericLayer(
                        LAYER,
                        Title.of("Đối chiếu", "Parity"),
                        "Geometry",
                        true,
                        Set.of(),
                        List.of(Map.of("name", "label", "type", "string")),
                        999));
        store.inTransaction(session -> {
            for (String[] row : rows) {
                session.persist(new GenericFeature(LAYER, Map.of("label", row[0]), null, read(row[1])));
            }
            return null;
        });
        return layer;
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

    static Stream<Arguments> radii() {
        return Stream.of(
                Arguments.of("1 km in the city", "POINT (109.2 12.25)", 1_000.0),
                Arguments.of("10 km in the city", "POINT (109.2 12.25)", 10_000.0),
                Arguments.of("25 km across the antimeridian", "POINT (179.9 0)", 25_000.0),
                Arguments.of("40 km from the west side", "POINT (-179.8 1)", 40_000.0),
                Arguments.of("150 km near the pole", "POINT (10 88)", 150_000.0),
                Arguments.of("3 km buffer along the coast line", "LINESTRING (109.15 12.45, 109.45 12.30)", 3_000.0),
                Arguments.of(
                        "2 km around the square",
                        "POLYGON ((109.1 12.1, 109.4 12.1, 109.4 12.4, 109.1 12.4," + " 109.1 12.1))",
                        2_000.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("radii")
    void withinDistanceAgreesWithPostgisGeography(String what, String wkt, double metres) throws SQLException {
        Geometry origin = read(wkt);
        FeatureQuery query = FeatureQuery.all(10_000).withSpatial(new SpatialFilter.WithinDistance(origin, metres));
        Set<String> reference = new HashSet<>();
        Set<String> borderline = new HashSet<>();
        try (Connection c = postgis.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT props ->> 'label', ST_Distance(geom::geography,"
                        + " ST_GeomFromText(?, 4326)::geography) FROM generic_feature WHERE layer_id = ?")) {
            ps.setString(1, wkt);
            ps.setString(2, LAYER);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double d = rs.getDouble(2);
                    if (Math.abs(d - metres) <= metres * THRESHOLD_BAND) {
                        borderline.add(rs.getString(1));
                    } else if (d <= metres) {
                        reference.add(rs.getString(1));
                    }
                }
            }
        }
        assertThat(reference).as("the case must select something").isNotEmpty();
        checkSame(what, reference, borderline, labels(h2Layer, query), "H2GIS");
        checkSame(what, reference, borderline, labels(postgisLayer, query), "PostGIS through the layer");
    }

    static Stream<Arguments> areas() {
        return Stream.of(
                Arguments.of(
                        "square with hole",
                        "POLYGON ((109.1 12.1, 109.3 12.1, 109.3 12.4, 109.1 12.4, 109.1"
                                + " 12.1), (109.2 12.2, 109.25 12.2, 109.25 12.3, 109.2 12.3, 109.2 12.2))"),
                Arguments.of(
                        "bbox across the antimeridian",
                        "MULTIPOLYGON (((179.7 -1, 180 -1, 180 1, 179.7 1, 179.7"
                                + " -1)), ((-180 -1, -179.7 -1, -179.7 1, -180 1, -180 -1)))"),
                Arguments.of(
                        "triangle over the hole",
                        "POLYGON ((109.22 12.2, 109.35 12.25, 109.22 12.3, 109.22" + " 12.2))"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("areas")
    void intersectsAgreesWithPostgis(String what, String wkt) throws SQLException {
        FeatureQuery query = FeatureQuery.all(10_000).withSpatial(new SpatialFilter.Intersects(read(wkt)));
        Set<String> reference = new HashSet<>();
        try (Connection c = postgis.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT props ->> 'label' FROM generic_feature WHERE"
                        + " layer_id = ? AND ST_Intersects(geom, ST_GeomFromText(?, 4326))")) {
            ps.setString(1, LAYER);
            ps.setString(2, wkt);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reference.add(rs.getString(1));
                }
            }
        }
        assertThat(reference).isNotEmpty();
        checkSame(what, reference, Set.of(), labels(h2Layer, query), "H2GIS");
        checkSame(what, reference, Set.of(), labels(postgisLayer, query), "PostGIS through the layer");
    }

    @ParameterizedTest(name = "bbox {0}")
    @MethodSource("boxes")
    void bboxAgreesOnBothStores(String raw) {
        String[] v = raw.split(",");
        BoundingBox box = new BoundingBox(
                Double.parseDouble(v[0]), Double.parseDouble(v[1]), Double.parseDouble(v[2]), Double.parseDouble(v[3]));
        FeatureQuery query = new FeatureQuery(box, null, 10_000, 0);
        Set<String> onH2 = labels(h2Layer, query);
        assertThat(onH2).isNotEmpty().isEqualTo(labels(postgisLayer, query));
    }

    static Stream<String> boxes() {
        return Stream.of("109.2,12.2,109.3,12.3", "179.8,-1,-179.8,1", "-180,84,180,90");
    }

    @ParameterizedTest(name = "10 nearest to {0}")
    @MethodSource("origins")
    void nearestAgreesWithPostgisDistanceOrder(String wkt) throws SQLException {
        Point origin = (Point) read(wkt);
        List<String> reference = new ArrayList<>();
        try (Connection c = postgis.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT props ->> 'label' FROM generic_feature WHERE"
                        + " layer_id = ? ORDER BY ST_Distance(geom::geography, ST_GeomFromText(?, 4326)::geography),"
                        + " id LIMIT 10")) {
            ps.setString(1, LAYER);
            ps.setString(2, wkt);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reference.add(rs.getString(1));
                }
            }
        }
        assertThat(near(h2Layer, origin)).isEqualTo(reference);
        assertThat(near(postgisLayer, origin)).isEqualTo(reference);
    }

    static Stream<String> origins() {
        return Stream.of("POINT (109.2 12.25)", "POINT (179.99 0.5)", "POINT (-179.99 -0.5)", "POINT (0 87)");
    }

    private static List<String> near(Layer layer, Point origin) {
        return layer.nearest(origin, 10, FeatureQuery.all(1)).stream()
                .map(NearFeature::feature)
                .map(f -> (String) f.properties().get("label"))
                .toList();
    }

    private static Set<String> labels(Layer layer, FeatureQuery query) {
        Set<String> labels = new HashSet<>();
        layer.query(query)
                .features()
                .forEach(f -> labels.add((String) f.properties().get("label")));
        return labels;
    }

    private static void checkSame(
            String what, Set<String> reference, Set<String> borderline, Set<String> actual, String store) {
        Set<String> compared = new HashSet<>(actual);
        compared.removeAll(borderline);
        assertThat(compared).as(what + " on " + store).isEqualTo(reference);
    }
}
