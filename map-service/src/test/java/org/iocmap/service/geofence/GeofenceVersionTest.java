package org.iocmap.service.geofence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.iocmap.service.geofence.Fixtures.SINCE;
import static org.iocmap.service.geofence.Fixtures.ZONE;
import static org.iocmap.service.geofence.Fixtures.version;
import static org.iocmap.service.geofence.Fixtures.wkt;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Pins what a fence version accepts, so that a bad fence fails when it is added, not at the first fix. */
class GeofenceVersionTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "a point | POINT (109.3 12.2) | not a Point",
                "an empty polygon | POLYGON EMPTY | is empty",
                "a self-intersecting ring | POLYGON ((109.3 12.1, 109.4 12.2, 109.4 12.1, 109.3 12.2, 109.3 12.1)) "
                        + "| is invalid",
                "a polygon holding the north pole | POLYGON ((0 80, 90 80, 180 90, 0 80)) | excluding the poles",
                "across the antimeridian | POLYGON ((179.9 0, -179.9 0, -179.9 1, 179.9 1, 179.9 0)) | antimeridian"
            })
    void badGeometriesAreRejectedWithTheReason(String what, String geometry, String message) {
        assertThatThrownBy(() -> version(1, SINCE, geometry, FenceRules.allForArea()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aLineFenceCannotReportDwell() {
        assertThatThrownBy(() -> version(1, SINCE, Fixtures.LINE, FenceRules.of(EventType.CROSS, EventType.DWELL)))
                .hasMessageContaining("a line fence reports only CROSS and APPROACH, but its rules enable DWELL");
    }

    @Test
    void darkEventsAreNotFenceRules() {
        assertThatThrownBy(() -> FenceRules.of(EventType.DARK_STARTED)).hasMessageContaining("per vessel");
    }

    @Test
    void versionsMustIncreaseInNumberAndTime() {
        GeofenceVersion first = version(1, SINCE, ZONE, FenceRules.allForArea());
        assertThatThrownBy(
                        () -> Geofence.of("zone", first).withVersion(version(2, SINCE, ZONE, FenceRules.allForArea())))
                .hasMessageContaining("must follow version 1");
        Geofence two = Geofence.of("zone", first)
                .withVersion(version(2, Instant.parse("2025-01-01T00:00:00Z"), ZONE, FenceRules.allForArea()));
        assertThat(two.findVersionAt(Instant.parse("2024-12-31T23:59:59Z")))
                .map(GeofenceVersion::version)
                .contains(1);
        assertThat(two.findVersionAt(Instant.parse("2025-01-01T00:00:00Z")))
                .map(GeofenceVersion::version)
                .contains(2);
        assertThat(two.findVersionAt(Instant.parse("2019-01-01T00:00:00Z"))).isEmpty();
    }

    @Test
    void anEmptyClassSetIsRefusedInFavourOfAny() {
        assertThatThrownBy(() -> new GeofenceVersion(
                        1,
                        SINCE,
                        "x",
                        FenceKind.CUSTOM,
                        wkt(ZONE),
                        Schedule.always(),
                        Set.of(),
                        FenceRules.allForArea()))
                .hasMessageContaining("VesselClass.any()");
    }

    @ParameterizedTest(name = "type {0} is {1}")
    @CsvSource({
        "30, FISHING",
        "52, TUG",
        "55, GOVERNMENT",
        "37, PLEASURE",
        "65, PASSENGER",
        "70, CARGO",
        "84, TANKER",
        "33, OTHER",
        "0, UNKNOWN",
        "120, UNKNOWN"
    })
    void aisShipTypesMapToClasses(int shipType, VesselClass expected) {
        assertThat(VesselClass.fromAisShipType(shipType)).isEqualTo(expected);
    }

    @Test
    void multipolygonFencesAreAreas() {
        GeofenceVersion v = version(
                1,
                SINCE,
                "MULTIPOLYGON (((109.3 12.1, 109.4 12.1, 109.4 12.2, 109.3 12.1)), "
                        + "((109.5 12.1, 109.6 12.1, 109.6 12.2, 109.5 12.1)))",
                FenceRules.allForArea());
        assertThat(v.isArea()).isTrue();
        assertThat(List.of(v.geometry().getNumGeometries())).containsExactly(2);
    }
}
