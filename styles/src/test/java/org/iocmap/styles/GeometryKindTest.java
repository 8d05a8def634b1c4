package org.iocmap.styles;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeometryKindTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "Point, POINT",
        "MultiPoint, POINT",
        "LineString, LINE",
        "MultiLineString, LINE",
        "Polygon, POLYGON",
        "MultiPolygon, POLYGON",
        "multipolygon, POLYGON",
        "POINT, POINT"
    })
    void geometryTypesMapToTheirKind(String type, GeometryKind kind) {
        assertThat(GeometryKind.fromGeometryType(type)).contains(kind);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({"Geometry", "GeometryCollection", "Circle", "''"})
    void mixedOrUnknownTypesHaveNoKind(String type) {
        assertThat(GeometryKind.fromGeometryType(type)).isEmpty();
        assertThat(GeometryKind.fromGeometryType(null)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "camera, POINT",
        "citizen_report, POINT",
        "env_station, POINT",
        "vessel, POINT",
        "fire_alarm, POINT",
        "land_use_plan, POLYGON",
        "generic, POINT"
    })
    void defaultStylesAreGuessedAsTheirLayersAreDrawn(String kind, GeometryKind expected) {
        assertThat(GeometryKind.guessFrom(DefaultStyles.forKind(kind))).isEqualTo(expected);
    }
}
