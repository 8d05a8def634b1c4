package org.iocmap.layers.kinds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.time.Instant;
import org.iocmap.layers.kinds.CameraCoverage.Sight;
import org.iocmap.layers.query.geo.Geodesic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

/** Pins the boundary rules of {@link CameraCoverage}: range and field-of-view edges count as seen, north wraps. */
class CameraCoverageTest {
    private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);
    private static final double RANGE = 100;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            straight ahead, half range         | 90  | 60  | 50        | 90          | true
            exactly at the range               | 90  | 60  | 100       | 90          | true
            a millimetre beyond the range      | 90  | 60  | 100.001   | 90          | false
            exactly at heading + fov/2         | 90  | 60  | 50        | 120         | true
            exactly at heading - fov/2         | 90  | 60  | 50        | 60          | true
            just outside heading + fov/2       | 90  | 60  | 50        | 120.000001  | false
            just outside heading - fov/2       | 90  | 60  | 50        | 59.999999   | false
            behind the camera                  | 90  | 60  | 10        | 270         | false
            wrap 350: at 10 across north       | 350 | 40  | 50        | 10          | true
            wrap 350: at 330                   | 350 | 40  | 50        | 330         | true
            wrap 350: north itself             | 350 | 40  | 50        | 0           | true
            wrap 350: just past 10             | 350 | 40  | 50        | 10.000001   | false
            wrap 350: just before 330          | 350 | 40  | 50        | 329.999999  | false
            wrap 10: at 350 across north       | 10  | 40  | 50        | 350         | true
            wrap 10: just before 350           | 10  | 40  | 50        | 349.999999  | false
            heading 0: bearing 359.5           | 0   | 2   | 50        | 359.5       | true
            fov 360 sees behind                | 90  | 360 | 50        | 270         | true
            fov 360 still limited by range     | 90  | 360 | 100.001   | 270         | false
            own position, any bearing          | 90  | 10  | 0         | 270         | true
            a fractional sector edge           | 45.3| 61.7| 80        | 76.15       | true
            """)
    void coversFollowsTheDocumentedBoundaryRule(
            String what, double heading, double fov, double distance, double bearing, boolean expected) {
        checkCovers(heading, fov, distance, bearing, expected);
    }

    @Test
    void sightMeasuresGeodesicDistanceAndBearingFromTheCamera() {
        Sight north = CameraCoverage.sight(109.19, 12.24, 109.19, 12.25);
        assertThat(north.bearingDegrees()).isEqualTo(0.0);
        assertThat(north.distanceMetres()).isEqualTo(Geodesic.distanceMetres(109.19, 12.24, 109.19, 12.25));
        assertThat(north.distanceMetres()).isCloseTo(1106, offset(1.0));
        Sight east = CameraCoverage.sight(0, 0, 0.001, 0);
        assertThat(east.bearingDegrees()).isEqualTo(90.0);
        assertThat(CameraCoverage.sight(109.19, 12.24, 109.19, 12.24)).isEqualTo(new Sight(0, 0));
    }

    @Test
    void aCameraSeesAPointAtExactlyItsRangeAlongItsHeadingButNotBeyond() {
        // Due north on the same meridian the bearing is exactly 0; the range is set to the exact distance.
        double metres = Geodesic.distanceMetres(109.19, 12.24, 109.19, 12.241);
        Camera camera = camera(0, 30, metres, 109.19, 12.24);
        assertThat(CameraCoverage.sightIfCovered(camera, 109.19, 12.241)).isNotNull();
        assertThat(CameraCoverage.sightIfCovered(camera, 109.19, 12.24101)).isNull();
        assertThat(CameraCoverage.sightIfCovered(camera, 109.19, 12.24))
                .as("its own position")
                .isNotNull();
        assertThat(CameraCoverage.sightIfCovered(camera, 109.19, 12.2395))
                .as("behind it")
                .isNull();
    }

    @Test
    void aCameraLookingNorthWestAcrossNorthSeesBothSides() {
        Camera camera = camera(350, 40, 200, 109.19, 12.24);
        assertThat(CameraCoverage.sightIfCovered(camera, 109.19015, 12.241))
                .as("a little east of north")
                .isNotNull();
        assertThat(CameraCoverage.sightIfCovered(camera, 109.1895, 12.241))
                .as("north-north-west")
                .isNotNull();
        assertThat(CameraCoverage.sightIfCovered(camera, 109.191, 12.2405))
                .as("east-north-east")
                .isNull();
    }

    private static void checkCovers(double heading, double fov, double distance, double bearing, boolean expected) {
        assertThat(CameraCoverage.covers(heading, fov, RANGE, new Sight(distance, bearing)))
                .isEqualTo(expected);
    }

    private static Camera camera(double heading, double fov, double range, double lon, double lat) {
        return new Camera(
                "T-1",
                "test",
                "security",
                heading,
                fov,
                range,
                "online",
                null,
                Instant.EPOCH,
                WGS84.createPoint(new Coordinate(lon, lat)));
    }
}
