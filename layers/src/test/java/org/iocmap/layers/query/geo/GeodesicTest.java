package org.iocmap.layers.query.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * Pins {@link Geodesic} to PostGIS geography. Every expected distance below was computed with PostGIS 3.3 geography
 * (spheroid), {@code ST_Distance(a::geography, b::geography)}, and every expected within-distance answer with {@code
 * ST_DWithin(a::geography, b::geography, metres)}. Because Geodesic uses the same model as PostGIS (ellipsoidal
 * geodesics between points, great-circle edges, nearest point found on the sphere), it agrees to micrometres; the
 * tests allow a millimetre.
 */
class GeodesicTest {
    private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);
    private static final double MILLIMETRE = 1e-3;

    private static final String ROAD = "LINESTRING (109.15 12.20, 109.19 12.26, 109.25 12.27, 109.30 12.31)";
    private static final String SQUARE_WITH_HOLE =
            "POLYGON ((109.0 12.0, 109.4 12.0, 109.4 12.4, 109.0 12.4, 109.0 12.0),"
                    + " (109.1 12.1, 109.3 12.1, 109.3 12.3, 109.1 12.3, 109.1 12.1))";
    private static final String ANTIMERIDIAN_BOX = "POLYGON ((179.9 10, -179.9 10, -179.9 11, 179.9 11, 179.9 10))";
    private static final String SOUTH_CAP =
            "POLYGON ((-180 -80, -90 -80, 0 -80, 90 -80, 180 -80, 180 -90, -180 -90, -180 -80))";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Nha Trang, 1.5 km                  | 109.19   | 12.24    | 109.2    | 12.25    | 1551.64054199
            Nha Trang to Hà Nội                | 109.19   | 12.24    | 105.8542 | 21.0285  | 1035515.96203759
            Hà Nội to Hồ Chí Minh City         | 105.8542 | 21.0285  | 106.6297 | 10.8231  | 1132372.46884235
            Hà Nội to Paris                    | 105.8542 | 21.0285  | 2.3522   | 48.8566  | 9212364.67200807
            Hà Nội to Sydney                   | 105.8542 | 21.0285  | 151.2093 | -33.8688 | 7747261.97279415
            across the antimeridian at 179.95  | 179.95   | 10       | -179.95  | 10       | 10963.93636485
            across the antimeridian at 179.9   | 179.9    | -16.5    | -179.9   | -16.5    | 21352.83010082
            one degree along the equator       | 0        | 0        | 1        | 0        | 111319.49079327
            one degree along a meridian        | 0        | 0        | 0        | 1        | 110574.3885578
            pole to pole                       | 0        | 90       | 0        | -90      | 20003931.45862545
            pole to the equator                | 0        | 90       | 45       | 0        | 10001965.72931272
            over the pole at 89.9              | -120     | 89.9     | 60       | 89.9     | 22338.79568252
            nearly antipodal                   | 0        | 0        | 179.5    | 0.5      | 19936288.57896531
            antipodal on the equator           | 0        | 0        | 180      | 0        | 20003931.45862545
            antipodal off the equator          | 10       | 20       | -170     | -20      | 20003931.45862545
            the same point                     | 109.19   | 12.24    | 109.19   | 12.24    | 0
            """)
    void pointToPointDistanceMatchesPostgisGeography(
            String what, double lon1, double lat1, double lon2, double lat2, double expected) {
        checkDistance(lon1, lat1, lon2, lat2, expected);
    }

    /** Expected bearings from PostGIS 3.3, {@code degrees(ST_Azimuth(a::geography, b::geography))}, to 1e-7°. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            due north                          | 109.19   | 12.24    | 109.19   | 12.25    | 0
            due south                          | 109.19   | 12.24    | 109.19   | 12.23    | 180
            due east along the equator         | 0        | 0        | 1        | 0        | 90
            due west along a parallel          | 109.19   | 12.24    | 109.18   | 12.24    | 270.0010600355522
            Nha Trang, 1.5 km north-east       | 109.19   | 12.24    | 109.2    | 12.25    | 44.52347937280576
            Nha Trang, 100 m south-west        | 109.19   | 12.24    | 109.1894 | 12.2394  | 224.52518560291344
            Nha Trang to Hà Nội                | 109.19   | 12.24    | 105.8542 | 21.0285  | 340.3570036963164
            across the antimeridian            | 179.95   | 10       | -179.95  | 10       | 89.99131758896513
            the same point                     | 109.19   | 12.24    | 109.19   | 12.24    | 0
            """)
    void initialBearingMatchesPostgisAzimuth(
            String what, double lon1, double lat1, double lon2, double lat2, double expected) {
        assertThat(Geodesic.initialBearingDegrees(lon1, lat1, lon2, lat2)).isCloseTo(expected, offset(1e-7));
    }

    @Test
    void initialBearingStaysWithinZeroTo360AndRejectsBadLatitudes() {
        assertThat(Geodesic.initialBearingDegrees(0, 0, -0.0000001, 1)).isBetween(359.0, 360.0);
        assertThat(Geodesic.initialBearingDegrees(0, 0, 180, 0)).isBetween(0.0, 360.0);
        assertThatThrownBy(() -> Geodesic.initialBearingDegrees(0, 91, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            road: off the middle of a segment     | 109.22   | 12.262  | ROAD             | 327.39667769
            road: beyond its end                  | 109.31   | 12.33   | ROAD             | 2465.41851536
            road: outside a bend, near a vertex   | 109.188  | 12.2635 | ROAD             | 444.13864802
            road: on a vertex                     | 109.19   | 12.26   | ROAD             | 0
            road: 200 km away                     | 111.0    | 11.5    | ROAD             | 205734.61011448
            coast: 500 km offshore                | 113.5    | 14.0    | LINESTRING (105 20, 106 18, 108 15, 109.3 12, 107 10.5) | 505530.75179682
            hole: inside the area                 | 109.05   | 12.05   | SQUARE_WITH_HOLE | 0
            hole: middle of the hole              | 109.2    | 12.2    | SQUARE_WITH_HOLE | 10882.17049951
            hole: on the hole's edge              | 109.1    | 12.2    | SQUARE_WITH_HOLE | 0
            hole: on the outer edge               | 109.4    | 12.2    | SQUARE_WITH_HOLE | 0
            hole: on a vertex                     | 109.0    | 12.0    | SQUARE_WITH_HOLE | 0
            hole: outside                         | 109.5    | 12.5    | SQUARE_WITH_HOLE | 15510.58888253
            long edge: under its great-circle bulge | 110    | 60      | LINESTRING (100 60, 120 60) | 42153.84338456
            long edge: near the great circle      | 110      | 60.3    | LINESTRING (100 60, 120 60) | 8729.39388788
            antimeridian: line at 179.95, point at -179.95 | -179.95 | 0 | LINESTRING (179.95 -10, 179.95 10) | 11131.94907932
            antimeridian: line at -179.9, point at 179.9   | 179.9   | 5 | LINESTRING (-179.9 -10, -179.9 10) | 22179.74090429
            antimeridian: inside an unsplit polygon  | -179.95 | 10.5  | ANTIMERIDIAN_BOX | 0
            antimeridian: outside an unsplit polygon | -179.8  | 10.5  | ANTIMERIDIAN_BOX | 10946.76028212
            pole: north pole to an arc at 85°N    | 0        | 90      | LINESTRING (-60 85, 60 85) | 279765.78537967
            pole: south pole to a point           | 0        | -90     | POINT (109.19 -89) | 111693.8649142
            pole: inside a cap around the pole    | 30       | -85     | SOUTH_CAP        | 0
            pole: the pole inside its cap         | 0        | -90     | SOUTH_CAP        | 0
            pole: outside the cap                 | 30       | -75     | SOUTH_CAP        | 824770.1273652
            multipoint                            | 109.6    | 12.6    | MULTIPOINT ((109 12), (110 13), (108 11)) | 62001.71560851
            collection with an empty member       | 104.5    | 19.9    | GEOMETRYCOLLECTION (POINT (108 16), LINESTRING (106 10, 107 11), POINT EMPTY, POLYGON ((104 20, 105 20, 105 21, 104 21, 104 20))) | 11147.99141646
            invalid bow-tie: inside a lobe        | 102      | 5       | POLYGON ((100 0, 110 10, 110 0, 100 10, 100 0)) | 0
            invalid bow-tie: between the lobes    | 105      | 8       | POLYGON ((100 0, 110 10, 110 0, 100 10, 100 0)) | 229942.63560333
            """)
    void pointToGeometryDistanceMatchesPostgisGeography(
            String what, double lon, double lat, String wkt, double expected) {
        checkDistance(lon, lat, wkt, expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            point 498.9 m north                  | 109.19  | 12.24 | POINT (109.19 12.24451) | true
            point 501.1 m north                  | 109.19  | 12.24 | POINT (109.19 12.24453) | false
            point 499.4 m east                   | 109.19  | 12.24 | POINT (109.19459 12.24) | true
            point 501.6 m east                   | 109.19  | 12.24 | POINT (109.19461 12.24) | false
            line 498.9 m north                   | 109.19  | 12.24 | LINESTRING (109.18 12.24451, 109.20 12.24451) | true
            line 501.1 m north                   | 109.19  | 12.24 | LINESTRING (109.18 12.24453, 109.20 12.24453) | false
            polygon edge 498.9 m north           | 109.19  | 12.24 | POLYGON ((109.18 12.24451, 109.20 12.24451, 109.20 12.25, 109.18 12.25, 109.18 12.24451)) | true
            polygon edge 501.1 m north           | 109.19  | 12.24 | POLYGON ((109.18 12.24453, 109.20 12.24453, 109.20 12.25, 109.18 12.25, 109.18 12.24453)) | false
            across the antimeridian, 498.7 m     | 179.998 | 0     | POINT (-179.99752 0)    | true
            across the antimeridian, 500.9 m     | 179.998 | 0     | POINT (-179.9975 0)     | false
            """)
    void isWithinDistanceSplitsAt500MetresLikeStDWithin(
            String what, double lon, double lat, String wkt, boolean expected) {
        checkWithin(lon, lat, wkt, 500, expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            crossing lines, no vertex near         | LINESTRING (109.0 12.0, 109.5 12.5) | LINESTRING (109.0 12.5, 109.5 12.0) | 1   | true
            parallel lines 286.9 m apart, at 300 m | LINESTRING (109.0 12.0, 109.5 12.0) | LINESTRING (109.2 12.0027, 109.3 12.0027) | 300 | true
            parallel lines 286.9 m apart, at 280 m | LINESTRING (109.0 12.0, 109.5 12.0) | LINESTRING (109.2 12.0027, 109.3 12.0027) | 280 | false
            line through a polygon, no vertex near | LINESTRING (109.0 12.2, 109.5 12.2) | POLYGON ((109.2 12.1, 109.3 12.1, 109.3 12.3, 109.2 12.3, 109.2 12.1)) | 1 | true
            polygons 696.7 m apart, at 700 m       | POLYGON ((109.0 12.0, 109.1 12.0, 109.1 12.1, 109.0 12.1, 109.0 12.0)) | POLYGON ((109.1064 12.0, 109.2 12.0, 109.2 12.1, 109.1064 12.1, 109.1064 12.0)) | 700 | true
            polygons 696.7 m apart, at 690 m       | POLYGON ((109.0 12.0, 109.1 12.0, 109.1 12.1, 109.0 12.1, 109.0 12.0)) | POLYGON ((109.1064 12.0, 109.2 12.0, 109.2 12.1, 109.1064 12.1, 109.1064 12.0)) | 690 | false
            a line inside a polygon                | LINESTRING (109.05 12.05, 109.06 12.06) | SQUARE_WITH_HOLE | 0 | true
            a point 0.19 m off the arc, at 0.2 m   | POINT (109.22 12.265) | ROAD | 0.2  | true
            a point 0.19 m off the arc, at 0.18 m  | POINT (109.22 12.265) | ROAD | 0.18 | false
            """)
    void geometriesWithinDistanceOfEachOtherMatchStDWithin(
            String what, String wktA, String wktB, double metres, boolean expected) {
        Geometry a = read(wktA);
        Geometry b = read(wktB);
        assertThat(Geodesic.isWithinDistance(a, b, metres)).as("a to b").isEqualTo(expected);
        assertThat(Geodesic.isWithinDistance(b, a, metres)).as("b to a").isEqualTo(expected);
    }

    @Test
    void isWithinDistanceAgreesWithDistanceJustEitherSideOfIt() {
        // Random points around each shape; the fast path (bounds, early exits) must never change the answer.
        Random random = new Random(42);
        String[] shapes = {
            ROAD, SQUARE_WITH_HOLE, ANTIMERIDIAN_BOX, SOUTH_CAP, "LINESTRING (100 60, 120 60)", "POINT (109.19 12.24)"
        };
        for (String wkt : shapes) {
            Geometry g = read(wkt);
            Envelope env = g.getEnvelopeInternal();
            for (int i = 0; i < 200; i++) {
                double lon = env.getMinX() - 0.5 + random.nextDouble() * (env.getWidth() + 1);
                double lat =
                        Math.max(-90, Math.min(90, env.getMinY() - 0.5 + random.nextDouble() * (env.getHeight() + 1)));
                Point p = point(lon, lat);
                double d = Geodesic.distanceMetres(p, g);
                assertThat(Geodesic.isWithinDistance(p, g, d + 1e-6 + d * 1e-9))
                        .as("%s within %s m of %s", p, d, wkt)
                        .isTrue();
                if (d > 1e-3) {
                    assertThat(Geodesic.isWithinDistance(p, g, d - 1e-6 - d * 1e-9))
                            .as("%s not within %s m of %s", p, d, wkt)
                            .isFalse();
                }
            }
        }
    }

    @Test
    void distanceIsSymmetricBetweenPoints() {
        double there = Geodesic.distanceMetres(109.19, 12.24, -179.95, 10);
        double back = Geodesic.distanceMetres(-179.95, 10, 109.19, 12.24);
        assertThat(there).isCloseTo(back, offset(MILLIMETRE));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Nha Trang, 500 m                   | 109.19   | 12.24   | 500
            Nha Trang, 500 km                  | 109.19   | 12.24   | 500000
            at the antimeridian, east side     | 179.999  | -16.5   | 500
            at the antimeridian, west side     | -179.999 | -16.5   | 500
            high latitude                      | 25       | 70      | 50000
            near the north pole                | 10       | 89.999  | 1000
            at the south pole                  | 0        | -90     | 10000
            zero metres                        | 109.19   | 12.24   | 0
            """)
    void expandedEnvelopeContainsEveryPointWithinTheDistance(String what, double lon, double lat, double metres) {
        checkExpandedEnvelope(lon, lat, metres);
    }

    @Test
    void expandedEnvelopeRunsPastTheAntimeridianAndSplitsIntoTwoBoxes() {
        Envelope box = Geodesic.expandedEnvelope(point(179.999, 0), 500);
        assertThat(box.getMaxX()).isGreaterThan(180);
        List<Envelope> parts = Geodesic.splitAtAntimeridian(box);
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).getMinX()).isEqualTo(box.getMinX());
        assertThat(parts.get(0).getMaxX()).isEqualTo(180);
        assertThat(parts.get(1).getMinX()).isEqualTo(-180);
        assertThat(parts.get(1).getMaxX()).isCloseTo(box.getMaxX() - 360, offset(1e-12));
    }

    @Test
    void expandedEnvelopeSpansEveryLongitudeWhenItReachesAPole() {
        Envelope box = Geodesic.expandedEnvelope(point(109.19, 89.99), 2000);
        assertThat(box.getMinX()).isEqualTo(-180);
        assertThat(box.getMaxX()).isEqualTo(180);
        assertThat(box.getMaxY()).isEqualTo(90);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            inside the range            | 100  | 110  | 1 | 100  | 110 |      |
            past 180                    | 179  | 181  | 2 | 179  | 180 | -180 | -179
            past -180                   | -181 | -179 | 2 | 179  | 180 | -180 | -179
            wholly past 180             | 190  | 200  | 1 | -170 | -160 |     |
            the whole globe or more     | -200 | 200  | 1 | -180 | 180 |      |
            """)
    void splitAtAntimeridianReturnsBoxesWithinTheLongitudeRange(
            String what,
            double minX,
            double maxX,
            int parts,
            double firstMin,
            double firstMax,
            Double secondMin,
            Double secondMax) {
        List<Envelope> split = Geodesic.splitAtAntimeridian(new Envelope(minX, maxX, 1, 2));
        assertThat(split).hasSize(parts);
        assertThat(split.get(0)).isEqualTo(new Envelope(firstMin, firstMax, 1, 2));
        if (parts == 2) {
            assertThat(split.get(1)).isEqualTo(new Envelope(secondMin, secondMax, 1, 2));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an empty point as the origin      | POINT EMPTY            | POINT (109 12)          | 1
            an empty line                     | POINT (109 12)         | LINESTRING EMPTY        | 1
            a collection of empty members     | POINT (109 12)         | GEOMETRYCOLLECTION (POINT EMPTY, LINESTRING EMPTY) | 1
            a latitude beyond the pole        | POINT (109 91)         | POINT (109 12)          | 1
            a vertex beyond the pole          | POINT (109 12)         | LINESTRING (109 12, 110 95) | 1
            a negative distance               | POINT (109 12)         | POINT (109 12)          | -1
            a NaN distance                    | POINT (109 12)         | POINT (109 12)          | NaN
            """)
    void badInputIsRejected(String what, String origin, String wkt, double metres) {
        Point p = (Point) read(origin);
        Geometry g = read(wkt);
        assertThatThrownBy(() -> Geodesic.isWithinDistance(p, g, metres)).isInstanceOf(IllegalArgumentException.class);
        if (metres >= 0) {
            assertThatThrownBy(() -> Geodesic.distanceMetres(p, g)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void geometryInAnotherCrsIsRejected() {
        Point p = point(109.19, 12.24);
        Geometry mercator = new GeometryFactory(new PrecisionModel(), 3857).createPoint(new Coordinate(1.2e7, 1.4e6));
        assertThatThrownBy(() -> Geodesic.distanceMetres(p, mercator))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3857");
    }

    @Test
    void coordinatesThatAreNotFiniteAreRejected() {
        assertThatThrownBy(() -> Geodesic.distanceMetres(Double.NaN, 0, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Geodesic.distanceMetres(0, 0, Double.POSITIVE_INFINITY, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void checkDistance(double lon1, double lat1, double lon2, double lat2, double expected) {
        assertThat(Geodesic.distanceMetres(lon1, lat1, lon2, lat2)).isCloseTo(expected, offset(MILLIMETRE));
    }

    private static void checkDistance(double lon, double lat, String wkt, double expected) {
        Geometry g = read(wkt);
        assertThat(Geodesic.distanceMetres(point(lon, lat), g)).isCloseTo(expected, offset(MILLIMETRE));
        assertThat(Geodesic.distanceMetres(lon, lat, g)).isCloseTo(expected, offset(MILLIMETRE));
    }

    private static void checkWithin(double lon, double lat, String wkt, double metres, boolean expected) {
        assertThat(Geodesic.isWithinDistance(point(lon, lat), read(wkt), metres))
                .isEqualTo(expected);
    }

    /**
     * Checks that the box holds the circle: every point on the box's outline is at least {@code metres} away, so no
     * point within the distance can lie outside it. Also checks that the box is not needlessly large.
     */
    private static void checkExpandedEnvelope(double lon, double lat, double metres) {
        Point p = point(lon, lat);
        Envelope box = Geodesic.expandedEnvelope(p, metres);
        assertThat(box.contains(lon, lat)).isTrue();
        assertThat(box.getMinY()).isGreaterThanOrEqualTo(-90);
        assertThat(box.getMaxY()).isLessThanOrEqualTo(90);
        int samples = 400;
        for (int i = 0; i <= samples; i++) {
            double x = box.getMinX() + box.getWidth() * i / samples;
            double y = box.getMinY() + box.getHeight() * i / samples;
            double[][] outline = {{x, box.getMinY()}, {x, box.getMaxY()}, {box.getMinX(), y}, {box.getMaxX(), y}};
            for (double[] q : outline) {
                boolean onClampedSide = (q[1] == -90 && box.getMinY() == -90) || (q[1] == 90 && box.getMaxY() == 90);
                boolean onFullLongitudeSide = box.getWidth() >= 360 && (q[0] == -180 || q[0] == 180);
                if (onClampedSide || onFullLongitudeSide) {
                    continue; // nothing lies beyond a pole or beyond a full turn of longitude
                }
                assertThat(Geodesic.distanceMetres(lon, lat, q[0], q[1]))
                        .as("distance to (%s %s) on the box's outline", q[0], q[1])
                        .isGreaterThanOrEqualTo(metres);
            }
        }
        if (box.getWidth() < 360 && box.getMaxY() < 90 && box.getMinY() > -90) {
            // Not needlessly large: the middle of each side is within a few percent of the distance.
            assertThat(Geodesic.distanceMetres(lon, lat, lon, box.getMaxY())).isLessThanOrEqualTo(metres * 1.01 + 1e-6);
            assertThat(Geodesic.distanceMetres(lon, lat, box.getMaxX(), lat)).isLessThanOrEqualTo(metres * 1.05 + 1e-6);
        }
    }

    private static Point point(double lon, double lat) {
        return FACTORY.createPoint(new Coordinate(lon, lat));
    }

    private static Geometry read(String wkt) {
        String resolved =
                switch (wkt) {
                    case "ROAD" -> ROAD;
                    case "SQUARE_WITH_HOLE" -> SQUARE_WITH_HOLE;
                    case "ANTIMERIDIAN_BOX" -> ANTIMERIDIAN_BOX;
                    case "SOUTH_CAP" -> SOUTH_CAP;
                    default -> wkt;
                };
        try {
            return new WKTReader(FACTORY).read(resolved);
        } catch (ParseException e) {
            throw new IllegalArgumentException("bad WKT in a test: " + resolved, e);
        }
    }
}
