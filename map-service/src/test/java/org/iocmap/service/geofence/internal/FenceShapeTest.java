package org.iocmap.service.geofence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.iocmap.layers.query.geo.Geodesic;
import org.iocmap.service.geofence.Direction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/** Pins the sphere-based coverage and crossing rules that the engine's events rest on. */
class FenceShapeTest {
    private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);
    private static final String SQUARE_WITH_HOLE = "POLYGON ((109.30 12.10, 109.40 12.10, 109.40 12.20, 109.30 12.20, "
            + "109.30 12.10), (109.34 12.14, 109.36 12.14, 109.36 12.16, 109.34 12.16, 109.34 12.14))";

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "inside, 109.32, 12.12, true",
        "on the west edge (a meridian), 109.30, 12.15, true",
        "on a vertex, 109.40, 12.20, true",
        "inside the hole, 109.35, 12.15, false",
        "on the hole's edge, 109.34, 12.15, true",
        "on the hole's vertex, 109.36, 12.16, true",
        "just outside, 109.2999, 12.15, false",
        "far outside, 108.00, 11.00, false"
    })
    void coversFollowsTheBoundaryRule(String what, double lon, double lat, boolean expected) {
        checkCovers(SQUARE_WITH_HOLE, lon, lat, expected);
    }

    @Test
    void theSouthEdgeIsAGreatCircleNotAParallel() {
        // Between 108 and 112 E the great circle through two points at 12.1 N bulges 0.0072° (800 m) north of the
        // parallel, as in PostGIS geography: a point 550 m north of the parallel at 110 E lies south of the edge.
        String wide = "POLYGON ((108 12.1, 112 12.1, 112 13, 108 13, 108 12.1))";
        checkCovers(wide, 110, 12.105, false);
        checkCovers(wide, 110, 12.115, true);
        Point p = WGS84.createPoint(new org.locationtech.jts.geom.Coordinate(110, 12.105));
        assertThat(Geodesic.distanceMetres(p, wkt(wide))).isBetween(200.0, 280.0);
    }

    @Test
    void crossingsOfAPolygonWithAHoleAlternateInAndOutInTrackOrder() {
        FenceShape shape = FenceShape.of(wkt(SQUARE_WITH_HOLE));
        List<FenceShape.Crossing> found = shape.crossings(Arc.between(109.25, 12.15, 109.45, 12.15));
        assertThat(found)
                .extracting(FenceShape.Crossing::direction)
                .containsExactly(Direction.INBOUND, Direction.OUTBOUND, Direction.INBOUND, Direction.OUTBOUND);
        assertThat(found)
                .extracting(FenceShape.Crossing::lon)
                .usingElementComparator((a, b) -> Math.abs(a - b) < 1e-9 ? 0 : Double.compare(a, b))
                .containsExactly(109.30, 109.34, 109.36, 109.40);
        assertThat(found.getFirst().fraction()).isCloseTo(0.25, within(1e-4));
    }

    @Test
    void aClockwiseShellGivesTheSameDirections() {
        FenceShape shape = FenceShape.of(
                wkt("POLYGON ((109.30 12.10, 109.30 12.20, 109.40 12.20, 109.40 12.10, " + "109.30 12.10))"));
        assertThat(shape.crossings(Arc.between(109.25, 12.15, 109.45, 12.15)))
                .extracting(FenceShape.Crossing::direction)
                .containsExactly(Direction.INBOUND, Direction.OUTBOUND);
    }

    @Test
    void aLineIsCrossedLeftToRightOrRightToLeftLookingAlongIt() {
        FenceShape northwards = FenceShape.of(wkt("LINESTRING (109.5 12.0, 109.5 12.4)"));
        assertThat(northwards.crossings(Arc.between(109.4, 12.2, 109.6, 12.2)))
                .extracting(FenceShape.Crossing::direction)
                .containsExactly(Direction.LEFT_TO_RIGHT);
        assertThat(northwards.crossings(Arc.between(109.6, 12.2, 109.4, 12.2)))
                .extracting(FenceShape.Crossing::direction)
                .containsExactly(Direction.RIGHT_TO_LEFT);
        assertThat(northwards.covers(109.5, 12.2)).isFalse(); // a line covers nothing
    }

    @Test
    void anArcThroughAVertexMeetsTheBoundaryThere() {
        FenceShape shape = FenceShape.of(
                wkt("POLYGON ((109.30 12.10, 109.40 12.10, 109.40 12.20, 109.30 12.20, " + "109.30 12.10))"));
        List<FenceShape.Crossing> found = shape.crossings(Arc.between(109.25, 12.05, 109.35, 12.15));
        assertThat(found).isNotEmpty().allSatisfy(c -> {
            assertThat(c.direction()).isEqualTo(Direction.INBOUND);
            assertThat(c.lon()).isCloseTo(109.30, within(1e-4));
        });
    }

    @Test
    void aLargeFenceAnsweredThroughItsEdgeTreeAgreesWithTheGeodesicModel() {
        // A circle of 2,000 vertices, radius 0.3°, tested away from its edge (where the plane and the sphere agree).
        StringBuilder ring = new StringBuilder("POLYGON ((");
        int n = 2_000;
        for (int i = 0; i <= n; i++) {
            double a = 2 * Math.PI * (i % n) / n;
            ring.append(109.3 + 0.3 * Math.cos(a)).append(' ').append(12.2 + 0.3 * Math.sin(a));
            ring.append(i < n ? ", " : "))");
        }
        Geometry circle = wkt(ring.toString());
        FenceShape shape = FenceShape.of(circle);
        assertThat(shape.edgeCount()).isEqualTo(n);
        SplittableRandom random = new SplittableRandom(7);
        int checked = 0;
        while (checked < 500) {
            double lon = 109.3 + random.nextDouble(-0.45, 0.45);
            double lat = 12.2 + random.nextDouble(-0.45, 0.45);
            Point p = WGS84.createPoint(new org.locationtech.jts.geom.Coordinate(lon, lat));
            double toBoundary = Geodesic.distanceMetres(p, circle.getBoundary());
            if (toBoundary < 100) {
                continue;
            }
            assertThat(shape.covers(lon, lat)).as("%s %s", lon, lat).isEqualTo(Geodesic.distanceMetres(p, circle) == 0);
            checked++;
        }
        List<FenceShape.Crossing> through = shape.crossings(Arc.between(108.8, 12.2, 109.8, 12.2));
        assertThat(through)
                .extracting(FenceShape.Crossing::direction)
                .containsExactly(Direction.INBOUND, Direction.OUTBOUND);
    }

    @Test
    void otherGeometriesAreRejected() {
        assertThatThrownBy(() -> FenceShape.of(wkt("POINT (109.3 12.2)")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a Point");
    }

    @Test
    void anArcProjectedAlongACourseHasTheRequestedGeodesicLength() {
        Arc east = Arc.along(109.2, 12.2, 90, 9_260);
        assertThat(Geodesic.distanceMetres(109.2, 12.2, east.endLon(), east.endLat()))
                .isCloseTo(9_260, within(0.01));
        assertThat(east.endLat()).isCloseTo(12.2, within(1e-4));
        Arc north = Arc.along(109.2, 12.2, 0, 100_000);
        assertThat(north.endLon()).isCloseTo(109.2, within(1e-12));
        assertThat(Geodesic.distanceMetres(109.2, 12.2, north.endLon(), north.endLat()))
                .isCloseTo(100_000, within(0.1)); // a millimetre per kilometre
    }

    private static void checkCovers(String polygon, double lon, double lat, boolean expected) {
        assertThat(FenceShape.of(wkt(polygon)).covers(lon, lat)).isEqualTo(expected);
    }

    private static Geometry wkt(String text) {
        try {
            return new WKTReader(WGS84).read(text);
        } catch (ParseException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
