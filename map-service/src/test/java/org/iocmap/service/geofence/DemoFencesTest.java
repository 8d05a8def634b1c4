package org.iocmap.service.geofence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.iocmap.layers.query.geo.Geodesic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Lineal;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.io.geojson.GeoJsonReader;

/** Checks the demo fences: what they are, where they are, and that none hands Hoàng Sa or Trường Sa to anyone. */
class DemoFencesTest {
    private static final GeometryFactory WGS84 = new GeometryFactory();
    private static final Map<String, GeofenceVersion> FENCES = DemoFences.create(LocalDate.of(2026, 5, 10));

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "Hoàng Sa (Phú Lâm), 112.33, 16.83",
        "Hoàng Sa (Tri Tôn), 111.20, 15.78",
        "Trường Sa (Ba Bình), 114.35, 10.38",
        "Trường Sa (An Bang), 112.90, 7.87",
        "Trường Sa (Song Tử Tây), 114.33, 11.43"
    })
    void noForeignWatersFenceCoversAnArchipelagoPoint(String what, double lon, double lat) {
        Point p = WGS84.createPoint(new Coordinate(lon, lat));
        foreign().forEach(f -> assertThat(f.geometry().covers(p))
                .as("%s covers %s", f.name(), what)
                .isFalse());
    }

    @Test
    void everyIslandOfTheBasemapArchipelagosIsFarFromForeignWaters() throws Exception {
        List<Point> islands = new ArrayList<>();
        try (InputStream in = DemoFencesTest.class.getResourceAsStream("/webroot/basemap/archipelagos.geojson")) {
            for (JsonNode f : new ObjectMapper().readTree(in).get("features")) {
                if ("island".equals(f.path("properties").path("kind").asText())) {
                    islands.add(
                            (Point) new GeoJsonReader().read(f.get("geometry").toString()));
                }
            }
        }
        assertThat(islands).hasSizeGreaterThan(20);
        for (Point island : islands) {
            foreign().forEach(f -> assertThat(Geodesic.isWithinDistance(island, f.geometry(), 50_000))
                    .as("%s within 50 km of %s", f.name(), island)
                    .isFalse());
        }
    }

    @Test
    void theFencesAreOfTheirKindWithShapesToMatch() {
        assertThat(foreign().count()).isGreaterThanOrEqualTo(8);
        assertThat(FENCES).containsKeys(DemoFences.FOREIGN_PREFIX + "chn", DemoFences.FOREIGN_PREFIX + "khm");
        assertThat(FENCES).doesNotContainKeys(DemoFences.FOREIGN_PREFIX + "vnm", DemoFences.FOREIGN_PREFIX + "lao");
        foreign().forEach(f -> assertThat(f.geometry()).isInstanceOf(Polygonal.class));
        for (String id : List.of(DemoFences.LINE_6NM_ID, DemoFences.LINE_24NM_ID)) {
            GeofenceVersion line = FENCES.get(id);
            assertThat(line.geometry()).isInstanceOf(Lineal.class);
            assertThat(line.name()).contains("suy ra", "không chính thức");
            assertThat(line.rules().events()).containsExactly(EventType.CROSS);
        }
        GeofenceVersion zone = FENCES.get(DemoFences.CLOSED_ZONE_ID);
        assertThat(zone.kind()).isEqualTo(FenceKind.NO_FISHING_ZONE);
        assertThat(zone.name()).contains("demo");
        assertThat(zone.schedule().isActiveAt(Instant.parse("2026-05-01T00:00:00Z")))
                .isTrue();
        assertThat(zone.schedule().isActiveAt(Instant.parse("2026-07-31T12:00:00Z")))
                .isTrue();
        assertThat(zone.schedule().isActiveAt(Instant.parse("2026-08-01T12:00:00Z")))
                .isFalse();
        assertThat(zone.schedule().isActiveAt(Instant.parse("2026-04-29T12:00:00Z")))
                .isFalse();
    }

    @Test
    void theLinesLieAtTheirDistanceFromTheCoast() {
        // Hòn Tre, off Nha Trang: the coast nearest to these points is the island's east shore near 109.38 E.
        Geometry six = FENCES.get(DemoFences.LINE_6NM_ID).geometry();
        Geometry twentyFour = FENCES.get(DemoFences.LINE_24NM_ID).geometry();
        Point nhaTrang = WGS84.createPoint(new Coordinate(109.20, 12.25));
        double toSix = Geodesic.distanceMetres(nhaTrang, six);
        double toTwentyFour = Geodesic.distanceMetres(nhaTrang, twentyFour);
        assertThat(toSix).isBetween(5 * 1852.0, 20 * 1852.0);
        assertThat(toTwentyFour).isBetween(toSix + 15 * 1852.0, toSix + 20 * 1852.0);
    }

    @Test
    void theClosedZoneIsAtSeaInVietnameseWaters() throws Exception {
        Geometry zone = FENCES.get(DemoFences.CLOSED_ZONE_ID).geometry();
        try (InputStream in = DemoFencesTest.class.getResourceAsStream("/webroot/basemap/land.geojson")) {
            for (JsonNode f : new ObjectMapper().readTree(in).get("features")) {
                Geometry land = new GeoJsonReader().read(f.get("geometry").toString());
                assertThat(land.intersects(zone)).isFalse();
            }
        }
        foreign().forEach(f -> assertThat(f.geometry().intersects(zone)).isFalse());
    }

    @Test
    void theShippedResourcesAreSmall() throws Exception {
        long total = 0;
        for (String name : List.of("foreign-waters.geojson", "coast-lines.geojson", "closed-zone.geojson")) {
            try (InputStream in = DemoFences.class.getResourceAsStream("demo/" + name)) {
                total += in.readAllBytes().length;
            }
        }
        assertThat(total).isLessThan(200_000);
    }

    private static Stream<GeofenceVersion> foreign() {
        return FENCES.values().stream().filter(f -> f.kind() == FenceKind.FOREIGN_WATERS);
    }
}
