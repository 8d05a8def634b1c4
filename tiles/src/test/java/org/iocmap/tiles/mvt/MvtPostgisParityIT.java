package org.iocmap.tiles.mvt;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.iocmap.layers.model.Feature;
import org.iocmap.tiles.grid.TileCoord;
import org.iocmap.tiles.grid.WebMercator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.algorithm.distance.DiscreteHausdorffDistance;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.WKBWriter;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * Encodes the same features with {@link MvtEncoder} and with PostGIS's
 * {@code ST_AsMVT(ST_AsMVTGeom(ST_Transform(geom, 3857), ST_TileEnvelope(z, x, y), 4096, 64, true))} on every tile
 * over a patch of Nha Trang at several zooms, decodes both and compares them feature by feature. Run with
 * {@code mvn verify -Pit} against the PostGIS named by {@code IOCMAP_TEST_DB_URL}, {@code _USER} and {@code _PASSWORD}
 * ({@code .ci/run} sets them), by default the {@code iocmap_test} database {@code .ci/run} creates on this machine; the
 * test fails when the database cannot be reached, rather than passing untested.
 *
 * <p>The rule: both tiles hold the same feature ids (or are both empty), and for each id the same geometry type and
 * the same properties (value types included: whole numbers, doubles, strings, booleans). Geometries then compare
 * vertex by vertex, every coordinate within <b>1 tile unit</b> on each axis, since the two sides may round a value
 * lying within a hair of .5 differently (the projection formulas differ in their last bits):
 *
 * <ul>
 *   <li>points: the same points in the same order;
 *   <li>lines: the same lines in the same order, each with the same vertices in the same order;
 *   <li>polygons: the same polygons in any order (PostGIS's polygon clipper, Wagyu, orders its output its own way),
 *       each with the same exterior ring and the same holes in any order; two rings match when they have the same
 *       number of vertices in the same direction, whatever vertex each starts at (a ring's start carries no meaning).
 * </ul>
 *
 * <p>One exception, for polygons only: when the vertices do not match, the feature still passes when its outline lies
 * within 1 tile unit of PostGIS's (the Hausdorff distance between the two sets of ring boundaries is at most 1). Wagyu
 * settles sub-unit details its own way: which point on a straight run it keeps, whether a ring that touches itself is
 * one ring or two. This happens only on features a few units across, drawn with more vertices than units (in this
 * data, only at zoom 8); the statistics printed at the end say how many features needed it and how far apart their outlines and areas
 * were.
 */
class MvtPostgisParityIT {
    /** The database {@code .ci/run} creates, used when no other is named. */
    private static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/iocmap_test";

    private static final String LAYER = "parity";
    private static final int EXTENT = 4096;
    private static final int BUFFER = 64;
    private static final int TOLERANCE = 1;
    private static final String VERTEX_MISMATCH = "vertices differ: ";
    private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);
    /** The patch the features cover: around the Nha Trang coast, about 7 km across. */
    private static final double WEST = 109.16;

    private static final double SOUTH = 12.21;
    private static final double SIZE_DEGREES = 0.064;
    private static final String TILE_SQL = "SELECT ST_AsMVT(t, '" + LAYER + "', " + EXTENT + ", 'geom', 'id') FROM ("
            + "SELECT id, props, ST_AsMVTGeom(ST_Transform(geom, 3857), ST_TileEnvelope(?, ?, ?), " + EXTENT + ", "
            + BUFFER + ", true) AS geom FROM mvt_parity ORDER BY id) t";

    private static Connection connection;
    private static List<Feature> features;
    private static final Stats stats = new Stats();

    @BeforeAll
    static void load() throws SQLException {
        String url = setting("iocmap.test.db.url", "IOCMAP_TEST_DB_URL", DEFAULT_URL);
        String user = setting("iocmap.test.db.user", "IOCMAP_TEST_DB_USER", "iocmap");
        String password = setting("iocmap.test.db.password", "IOCMAP_TEST_DB_PASSWORD", "iocmap");
        try {
            connection = DriverManager.getConnection(url, user, password);
        } catch (SQLException e) {
            throw new SQLException(
                    "cannot reach PostGIS at " + url + " as " + user
                            + "; set IOCMAP_TEST_DB_URL (and _USER, _PASSWORD) to a PostGIS database",
                    e);
        }
        features = dataset();
        try (Statement s = connection.createStatement()) {
            // a temporary table: private to this connection, gone when it closes
            s.execute(
                    "CREATE TEMP TABLE mvt_parity (id bigint PRIMARY KEY, geom geometry(Geometry, 4326), props jsonb)");
        }
        WKBWriter wkb = new WKBWriter();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO mvt_parity (id, geom, props) VALUES (?, ST_GeomFromWKB(?, 4326), ?::jsonb)")) {
            for (Feature f : features) {
                insert.setLong(1, f.id());
                insert.setBytes(2, wkb.write(f.geometry()));
                insert.setString(3, toJson(f.properties()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    @AfterAll
    static void close() throws SQLException {
        System.out.println("MvtPostgisParityIT: " + stats);
        if (connection != null) {
            connection.close();
        }
    }

    @ParameterizedTest(name = "zoom {0}")
    @ValueSource(ints = {8, 11, 13, 14, 15, 16})
    void tilesMatchPostgisFeatureByFeature(int z) throws SQLException {
        MvtEncoder encoder = MvtEncoder.of(EXTENT, BUFFER);
        List<TileCoord> tiles = WebMercator.tilesCovering(WEST, SOUTH, WEST + SIZE_DEGREES, SOUTH + SIZE_DEGREES, z);
        List<String> mismatches = new ArrayList<>();
        int nonEmpty = 0;
        for (TileCoord tile : tiles) {
            MvtDecoder.Tile ours = MvtDecoder.decode(encoder.encode(tile, LAYER, features));
            MvtDecoder.Tile theirs = MvtDecoder.decode(postgisTile(tile));
            String where = tile.z() + "/" + tile.x() + "/" + tile.y();
            stats.tiles++;
            if (ours.layers().isEmpty() || theirs.layers().isEmpty()) {
                if (ours.layers().isEmpty() && theirs.layers().isEmpty()) {
                    stats.emptyTiles++; // both zero bytes: no layer at all
                }
                if (ours.layers().size() != theirs.layers().size()) {
                    mismatches.add(where + ": ours has " + ours.layers().size() + " layers, PostGIS "
                            + theirs.layers().size());
                }
                continue;
            }
            nonEmpty++;
            compareLayers(where, ours.layer(LAYER), theirs.layer(LAYER), mismatches);
        }
        assertThat(nonEmpty).as("tiles with features at zoom " + z).isPositive();
        assertThat(mismatches).as("differences from PostGIS at zoom " + z).isEmpty();
    }

    // ---- comparison ----

    private static void compareLayers(
            String where, MvtDecoder.Layer ours, MvtDecoder.Layer theirs, List<String> mismatches) {
        if (ours.extent() != theirs.extent() || ours.version() != theirs.version()) {
            mismatches.add(where + ": extent/version " + ours.extent() + "/" + ours.version() + " vs " + theirs.extent()
                    + "/" + theirs.version());
        }
        Map<Long, MvtDecoder.Feature> mine = byId(ours);
        Map<Long, MvtDecoder.Feature> postgis = byId(theirs);
        if (!mine.keySet().equals(postgis.keySet())) {
            Set<Long> onlyOurs = new TreeSet<>(mine.keySet());
            onlyOurs.removeAll(postgis.keySet());
            Set<Long> onlyTheirs = new TreeSet<>(postgis.keySet());
            onlyTheirs.removeAll(mine.keySet());
            mismatches.add(where + ": features only in ours " + onlyOurs + ", only in PostGIS " + onlyTheirs);
        }
        for (Map.Entry<Long, MvtDecoder.Feature> e : mine.entrySet()) {
            MvtDecoder.Feature theirsFeature = postgis.get(e.getKey());
            if (theirsFeature == null) {
                continue;
            }
            stats.features++;
            String problem = compareFeature(e.getValue(), theirsFeature);
            if (problem != null && e.getValue().type() == MvtDecoder.POLYGON && problem.startsWith(VERTEX_MISMATCH)) {
                // Not the same vertices: accept the same outline to within the tolerance (see the class comment).
                double distance = outlineDistance(e.getValue(), theirsFeature);
                if (distance <= TOLERANCE) {
                    stats.byOutline.merge(where.substring(0, where.indexOf('/')), 1, Integer::sum);
                    stats.maxOutlineDistance = Math.max(stats.maxOutlineDistance, distance);
                    stats.maxAreaDifference =
                            Math.max(stats.maxAreaDifference, areaDifference(e.getValue(), theirsFeature));
                    problem = null;
                } else {
                    problem += "; outlines up to " + distance + " units apart";
                }
            }
            if (problem != null) {
                mismatches.add(where + " feature " + e.getKey() + ": " + problem + "\n  ours:    "
                        + describe(e.getValue()) + "\n  PostGIS: " + describe(theirsFeature));
            }
        }
    }

    /**
     * Returns the Hausdorff distance between the outlines (all ring boundaries) of two polygon features, in tile units:
     * how far a point of either outline can be from the other outline. Both outlines are sampled every 1/8 unit.
     */
    static double outlineDistance(MvtDecoder.Feature a, MvtDecoder.Feature b) {
        Geometry outlineA = toJts(a).getBoundary();
        Geometry outlineB = toJts(b).getBoundary();
        double longest = Math.max(longestSegment(outlineA), longestSegment(outlineB));
        double fraction = Math.min(1.0, 0.125 / Math.max(longest, 0.125));
        return DiscreteHausdorffDistance.distance(outlineA, outlineB, fraction);
    }

    /** Returns the area covered by one feature and not the other, in square tile units. */
    private static double areaDifference(MvtDecoder.Feature a, MvtDecoder.Feature b) {
        // buffer(0) only normalises a ring that touches itself, which the format allows and JTS does not
        return OverlayNGRobust.overlay(toJts(a).buffer(0), toJts(b).buffer(0), OverlayNG.SYMDIFFERENCE)
                .getArea();
    }

    private static double longestSegment(Geometry lines) {
        double longest = 0;
        Coordinate[] c = lines.getCoordinates();
        for (int i = 1; i < c.length; i++) {
            longest = Math.max(longest, c[i - 1].distance(c[i]));
        }
        return longest;
    }

    /** Returns a decoded polygon feature as a JTS multipolygon in tile units. */
    private static Geometry toJts(MvtDecoder.Feature f) {
        GeometryFactory factory = new GeometryFactory();
        List<Polygon> polygons = new ArrayList<>();
        for (List<List<int[]>> polygon : f.polygons()) {
            List<LinearRing> rings = new ArrayList<>();
            for (List<int[]> ring : polygon) {
                Coordinate[] c = new Coordinate[ring.size() + 1];
                for (int i = 0; i < ring.size(); i++) {
                    c[i] = new Coordinate(ring.get(i)[0], ring.get(i)[1]);
                }
                c[ring.size()] = c[0];
                rings.add(factory.createLinearRing(c));
            }
            polygons.add(factory.createPolygon(
                    rings.get(0), rings.subList(1, rings.size()).toArray(LinearRing[]::new)));
        }
        return factory.createMultiPolygon(polygons.toArray(Polygon[]::new));
    }

    static Map<Long, MvtDecoder.Feature> byId(MvtDecoder.Layer layer) {
        Map<Long, MvtDecoder.Feature> map = new LinkedHashMap<>();
        for (MvtDecoder.Feature f : layer.features()) {
            map.put(f.id(), f);
        }
        return map;
    }

    /**
     * Returns what differs between two features, or null when they match vertex by vertex under the rule in the class
     * comment (then the matched coordinates are counted in the statistics).
     */
    static String compareFeature(MvtDecoder.Feature ours, MvtDecoder.Feature theirs) {
        if (ours.type() != theirs.type()) {
            return "type " + ours.type() + " vs " + theirs.type();
        }
        if (!ours.properties().equals(theirs.properties())) {
            return "properties " + ours.properties() + " vs " + theirs.properties();
        }
        long offByOne = 0;
        if (ours.type() != MvtDecoder.POLYGON) {
            if (ours.parts().size() != theirs.parts().size()) {
                return ours.parts().size() + " parts vs " + theirs.parts().size();
            }
            for (int i = 0; i < ours.parts().size(); i++) {
                int off = offByOne(ours.parts().get(i), theirs.parts().get(i), 0);
                if (off < 0) {
                    return "part " + i + " differs";
                }
                offByOne += off;
            }
        } else {
            List<List<List<int[]>>> mine = ours.polygons();
            List<List<List<int[]>>> postgis = theirs.polygons();
            if (mine.size() != postgis.size()) {
                return VERTEX_MISMATCH + mine.size() + " polygons vs " + postgis.size();
            }
            List<List<List<int[]>>> unmatched = new ArrayList<>(postgis);
            for (List<List<int[]>> polygon : mine) {
                boolean found = false;
                for (List<List<int[]>> candidate : unmatched) {
                    int off = offByOneInPolygon(polygon, candidate);
                    if (off >= 0) {
                        offByOne += off;
                        unmatched.remove(candidate);
                        found = true;
                        break;
                    }
                }
                if (!found) {
                    return VERTEX_MISMATCH + "no match for a polygon of " + polygon.size() + " rings";
                }
            }
        }
        stats.coordinates += 2L * ours.parts().stream().mapToInt(List::size).sum();
        stats.offByOne += offByOne;
        return null;
    }

    /**
     * Returns how many ordinates of two polygons (exterior ring first, holes in any order) are 1 unit apart when they
     * match, or -1 when they do not.
     */
    private static int offByOneInPolygon(List<List<int[]>> a, List<List<int[]>> b) {
        if (a.size() != b.size()) {
            return -1;
        }
        int total = offByOneInRing(a.get(0), b.get(0));
        if (total < 0) {
            return -1;
        }
        List<List<int[]>> holes = new ArrayList<>(b.subList(1, b.size()));
        for (List<int[]> hole : a.subList(1, a.size())) {
            int best = -1;
            for (List<int[]> candidate : holes) {
                best = offByOneInRing(hole, candidate);
                if (best >= 0) {
                    holes.remove(candidate);
                    break;
                }
            }
            if (best < 0) {
                return -1;
            }
            total += best;
        }
        return total;
    }

    /** Returns {@link #offByOne} for two rings at whichever starting vertex matches, or -1 when none does. */
    private static int offByOneInRing(List<int[]> a, List<int[]> b) {
        if (a.size() != b.size()) {
            return -1;
        }
        for (int shift = 0; shift < b.size(); shift++) {
            int off = offByOne(a, b, shift);
            if (off >= 0) {
                return off;
            }
        }
        return -1;
    }

    /**
     * Returns how many ordinates differ (by 1) when {@code a[i]} is within the tolerance of {@code b[(i + shift) % n]}
     * for every i, or -1 when some point is farther off or the counts differ.
     */
    private static int offByOne(List<int[]> a, List<int[]> b, int shift) {
        if (a.size() != b.size()) {
            return -1;
        }
        int off = 0;
        for (int i = 0; i < a.size(); i++) {
            int[] p = a.get(i);
            int[] q = b.get((i + shift) % b.size());
            int dx = Math.abs(p[0] - q[0]);
            int dy = Math.abs(p[1] - q[1]);
            if (dx > TOLERANCE || dy > TOLERANCE) {
                return -1;
            }
            off += (dx > 0 ? 1 : 0) + (dy > 0 ? 1 : 0);
        }
        return off;
    }

    private static String describe(MvtDecoder.Feature f) {
        return f.parts().stream()
                .map(part -> part.stream().map(p -> p[0] + " " + p[1]).collect(Collectors.joining(",", "(", ")")))
                .collect(Collectors.joining(","));
    }

    // ---- PostGIS ----

    private static byte[] postgisTile(TileCoord tile) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(TILE_SQL)) {
            s.setInt(1, tile.z());
            s.setInt(2, tile.x());
            s.setInt(3, tile.y());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                byte[] bytes = rs.getBytes(1);
                return bytes == null ? new byte[0] : bytes;
            }
        }
    }

    private static String setting(String property, String env, String fallback) {
        String value = System.getProperty(property);
        if (value == null) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    // ---- data ----

    /**
     * Builds the features: points, multipoints, wandering lines, multilines, star-shaped polygons (convex and concave,
     * some with holes), multipolygons and a few polygons larger than a tile at the higher zooms, spread over the patch
     * so that many cross tile edges. Deterministic: the same seed gives the same features.
     */
    private static List<Feature> dataset() {
        Random random = new Random(20240611);
        List<Feature> list = new ArrayList<>();
        long id = 1;
        for (int i = 0; i < 60; i++, id++) {
            list.add(feature(id, WGS84.createPoint(randomPoint(random, 0))));
        }
        for (int i = 0; i < 8; i++, id++) {
            Coordinate[] points = new Coordinate[2 + random.nextInt(6)];
            Coordinate centre = randomPoint(random, 0.005);
            for (int k = 0; k < points.length; k++) {
                points[k] = jitter(random, centre, 0.004);
            }
            list.add(feature(id, WGS84.createMultiPointFromCoords(points)));
        }
        for (int i = 0; i < 30; i++, id++) {
            list.add(feature(id, wanderingLine(random)));
        }
        for (int i = 0; i < 6; i++, id++) {
            list.add(feature(id, WGS84.createMultiLineString(new org.locationtech.jts.geom.LineString[] {
                wanderingLine(random), wanderingLine(random)
            })));
        }
        for (int i = 0; i < 50; i++, id++) {
            double radius = 0.0005 + random.nextDouble() * 0.006;
            list.add(feature(id, starPolygon(random, randomPoint(random, radius), radius, i % 3 == 0)));
        }
        for (int i = 0; i < 8; i++, id++) {
            Polygon[] parts = new Polygon[2 + random.nextInt(2)];
            Coordinate centre = randomPoint(random, 0.012);
            for (int k = 0; k < parts.length; k++) {
                // parts side by side, far enough apart not to overlap
                Coordinate c =
                        new Coordinate(centre.x + (k - 1) * 0.008, centre.y + (random.nextDouble() - 0.5) * 0.004);
                parts[k] = starPolygon(random, c, 0.0035, k == 1);
            }
            list.add(feature(id, WGS84.createMultiPolygon(parts)));
        }
        for (int i = 0; i < 4; i++, id++) {
            // larger than a zoom-16 tile (about 0.0055°), so some tiles lie wholly inside them
            list.add(feature(id, starPolygon(random, randomPoint(random, 0.015), 0.015, true)));
        }
        return list;
    }

    private static Feature feature(long id, Geometry geometry) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("name", "feature " + id);
        properties.put("kind", List.of("camera", "station", "plan").get((int) (id % 3)));
        properties.put("rank", (int) (id % 7));
        properties.put("below", -id);
        properties.put("score", id + 0.25); // never whole, so PostGIS's jsonb reading keeps it a double
        properties.put("open", id % 2 == 0);
        properties.put("note", id % 5 == 0 ? null : "n" + (id % 4));
        return new Feature(id, geometry, null, properties);
    }

    private static Coordinate randomPoint(Random random, double margin) {
        double span = SIZE_DEGREES - 2 * margin;
        return new Coordinate(WEST + margin + random.nextDouble() * span, SOUTH + margin + random.nextDouble() * span);
    }

    private static Coordinate jitter(Random random, Coordinate c, double by) {
        return new Coordinate(c.x + (random.nextDouble() - 0.5) * by, c.y + (random.nextDouble() - 0.5) * by);
    }

    private static org.locationtech.jts.geom.LineString wanderingLine(Random random) {
        Coordinate[] coordinates = new Coordinate[3 + random.nextInt(25)];
        Coordinate c = randomPoint(random, 0.01);
        double heading = random.nextDouble() * 2 * Math.PI;
        for (int k = 0; k < coordinates.length; k++) {
            coordinates[k] = c;
            heading += (random.nextDouble() - 0.5) * 1.5;
            double step = 0.0002 + random.nextDouble() * 0.002;
            c = new Coordinate(c.x + Math.cos(heading) * step, c.y + Math.sin(heading) * step);
        }
        return WGS84.createLineString(coordinates);
    }

    /**
     * Returns a polygon whose vertices lie at random distances (half to full radius) around a centre, every few
     * degrees: star-shaped, so valid, and concave in places. With a hole, the same outline shrunk to 30% is cut out.
     */
    private static Polygon starPolygon(Random random, Coordinate centre, double radius, boolean withHole) {
        int n = 6 + random.nextInt(40);
        double[] r = new double[n];
        for (int k = 0; k < n; k++) {
            r[k] = radius * (0.5 + 0.5 * random.nextDouble());
        }
        LinearRing shell = ring(centre, r, 1.0, false);
        LinearRing[] holes = withHole ? new LinearRing[] {ring(centre, r, 0.3, true)} : new LinearRing[0];
        return WGS84.createPolygon(shell, holes);
    }

    private static LinearRing ring(Coordinate centre, double[] r, double scale, boolean reverse) {
        int n = r.length;
        Coordinate[] c = new Coordinate[n + 1];
        for (int k = 0; k < n; k++) {
            int j = reverse ? n - 1 - k : k;
            double angle = 2 * Math.PI * j / n;
            c[k] = new Coordinate(centre.x + Math.cos(angle) * r[j] * scale, centre.y + Math.sin(angle) * r[j] * scale);
        }
        c[n] = c[0];
        return WGS84.createLinearRing(c);
    }

    /** Writes properties as a JSON object; the dataset holds only strings without quotes, numbers and booleans. */
    private static String toJson(Map<String, Object> properties) {
        return properties.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\": " + json(e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static String json(Object value) {
        return switch (value) {
            case null -> "null";
            case String s -> "\"" + s + "\"";
            default -> Objects.toString(value); // Double.toString gives the shortest text that reads back exactly
        };
    }

    /** Counts what the comparison covered, printed once at the end. */
    private static final class Stats {
        int tiles;
        int emptyTiles;
        int features;
        long coordinates;
        long offByOne;
        final Map<String, Integer> byOutline = new TreeMap<>();
        double maxOutlineDistance;
        double maxAreaDifference;

        @Override
        public String toString() {
            return tiles + " tiles (" + emptyTiles + " empty on both sides), " + features + " features compared, "
                    + coordinates
                    + " coordinates matched vertex by vertex, " + offByOne + " of them 1 unit apart; polygon features"
                    + " matched by outline only, by zoom: " + byOutline + " (outlines at most " + maxOutlineDistance
                    + " units apart, areas differing by at most " + maxAreaDifference + " square units)";
        }
    }
}
