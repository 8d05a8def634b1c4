package org.iocmap.tiles.mvt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.iocmap.layers.model.Feature;
import org.iocmap.tiles.grid.TileCoord;
import org.iocmap.tiles.grid.WebMercator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

class MvtEncoderTest {
    /** A tile over Nha Trang; any tile would do, the tests speak in its tile units. */
    private static final TileCoord TILE = new TileCoord(14, 13161, 7630);

    private static final MvtEncoder ENCODER = MvtEncoder.create();

    // ---- the worked examples of vector tile specification 2.1, section 4.3.5 ----

    @Test
    void pointIsOneMoveTo() {
        checkCommands("POINT (25 17)", MvtDecoder.POINT, 9, 50, 34);
    }

    @Test
    void multiPointIsOneMoveToWithACount() {
        // The specification's example, with the points in the order PostGIS writes them: sorted by x, then y.
        checkCommands("MULTIPOINT ((3 2), (5 7))", MvtDecoder.POINT, 17, 6, 4, 4, 10);
    }

    @Test
    void multiPointComesOutSortedByXThenY() {
        MvtDecoder.Feature f = encodeOne("MULTIPOINT ((30 10), (20 20), (10 30), (20 5))");

        assertThat(f.parts())
                .extracting(p -> p.get(0)[0] + "," + p.get(0)[1])
                .containsExactly("10,30", "20,5", "20,20", "30,10");
    }

    @Test
    void lineIsMoveToThenLineTo() {
        checkCommands("LINESTRING (2 2, 2 10, 10 10)", MvtDecoder.LINESTRING, 9, 4, 4, 18, 0, 16, 16, 0);
    }

    @Test
    void multiLineCarriesTheCursorFromLineToLine() {
        checkCommands(
                "MULTILINESTRING ((2 2, 2 10, 10 10), (1 1, 3 5))",
                MvtDecoder.LINESTRING,
                9,
                4,
                4,
                18,
                0,
                16,
                16,
                0,
                9,
                17,
                17,
                10,
                4,
                8);
    }

    @Test
    void polygonIsClosedWithClosePath() {
        checkCommands("POLYGON ((3 6, 8 12, 20 34, 3 6))", MvtDecoder.POLYGON, 9, 6, 12, 18, 10, 12, 24, 44, 15);
    }

    @Test
    void multiPolygonWithHoleWritesEachExteriorBeforeItsHoles() {
        checkCommands(
                "MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0)),"
                        + " ((11 11, 20 11, 20 20, 11 20, 11 11), (13 13, 13 17, 17 17, 17 13, 13 13)))",
                MvtDecoder.POLYGON,
                9,
                0,
                0,
                26,
                20,
                0,
                0,
                20,
                19,
                0,
                15,
                9,
                22,
                2,
                26,
                18,
                0,
                0,
                18,
                17,
                0,
                15,
                9,
                4,
                13,
                26,
                0,
                8,
                8,
                0,
                0,
                7,
                15);
    }

    // ---- polygons and winding ----

    @Test
    void polygonWithHoleKeepsItsHole() {
        MvtDecoder.Feature f = encodeOne("POLYGON ((100 100, 900 100, 900 900, 100 900, 100 100),"
                + " (300 300, 300 700, 700 700, 700 300, 300 300))");

        assertThat(f.polygons()).hasSize(1);
        assertThat(f.polygons().get(0)).hasSize(2);
        assertThat(f.parts().get(1))
                .extracting(p -> p[0] + "," + p[1])
                .containsExactlyInAnyOrder("300,300", "300,700", "700,700", "700,300");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "exterior positive and hole negative as given | POLYGON ((0 0, 100 0, 100 100, 0 100, 0 0),"
                        + " (20 20, 20 80, 80 80, 80 20, 20 20))",
                "both wound the wrong way | POLYGON ((0 0, 0 100, 100 100, 100 0, 0 0),"
                        + " (20 20, 80 20, 80 80, 20 80, 20 20))",
                "only the hole wound the wrong way | POLYGON ((0 0, 100 0, 100 100, 0 100, 0 0),"
                        + " (20 20, 80 20, 80 80, 20 80, 20 20))"
            })
    void exteriorRingsArePositiveAndHolesNegativeWhateverTheInputWinding(String what, String wkt) {
        MvtDecoder.Feature f = encodeOne(wkt);

        assertThat(f.parts()).hasSize(2);
        // positive area by the surveyor's formula in tile coordinates: clockwise on screen, where y points down
        assertThat(MvtDecoder.twiceSignedArea(f.parts().get(0))).isEqualTo(2 * 100 * 100);
        assertThat(MvtDecoder.twiceSignedArea(f.parts().get(1))).isEqualTo(-2 * 60 * 60);
    }

    @Test
    void multiPolygonPartsAreEachFollowedByTheirHoles() {
        MvtDecoder.Feature f = encodeOne("MULTIPOLYGON (((0 0, 0 100, 100 100, 100 0, 0 0),"
                + " (20 20, 80 20, 80 80, 20 80, 20 20)), ((200 0, 300 0, 300 100, 200 100, 200 0)))");

        List<List<List<int[]>>> polygons = f.polygons();
        assertThat(polygons).hasSize(2);
        assertThat(polygons.get(0)).hasSize(2);
        assertThat(polygons.get(1)).hasSize(1);
    }

    @Test
    void polygonCoveringTheTileIsCutToTheBufferedTile() {
        MvtDecoder.Feature f = encodeOne("POLYGON ((-1000 -1000, 5000 -1000, 5000 5000, -1000 5000, -1000 -1000))");

        assertThat(f.parts()).hasSize(1);
        assertThat(f.parts().get(0))
                .extracting(p -> p[0] + "," + p[1])
                .containsExactlyInAnyOrder("-64,-64", "4160,-64", "4160,4160", "-64,4160");
        assertThat(MvtDecoder.twiceSignedArea(f.parts().get(0))).isPositive();
    }

    @Test
    void polygonCrossingTheTileEdgeIsCutAtTheBuffer() {
        MvtDecoder.Feature f = encodeOne("POLYGON ((-300 100, 300 100, 300 300, -300 300, -300 100))");

        assertThat(f.parts().get(0))
                .extracting(p -> p[0] + "," + p[1])
                .containsExactlyInAnyOrder("-64,100", "300,100", "300,300", "-64,300");
    }

    @Test
    void holeCutOpenByTheBufferEdgeBecomesANotch() {
        // The same shape, in the same tile units, as PostGIS's ST_AsMVTGeom gives:
        // POLYGON((-64 2296,-64 2096,300 2096,300 3096,-64 3096,-64 2896,100 2896,100 2296,-64 2296))
        MvtDecoder.Feature f = encodeOne("POLYGON ((-300 2096, 300 2096, 300 3096, -300 3096, -300 2096),"
                + " (-100 2296, 100 2296, 100 2896, -100 2896, -100 2296))");

        assertThat(f.parts()).hasSize(1);
        assertThat(f.parts().get(0))
                .extracting(p -> p[0] + "," + p[1])
                .containsExactlyInAnyOrder(
                        "-64,2296", "-64,2096", "300,2096", "300,3096", "-64,3096", "-64,2896", "100,2896", "100,2296");
        assertThat(MvtDecoder.twiceSignedArea(f.parts().get(0))).isPositive();
    }

    @Test
    void concavePolygonCutByTheEdgeFallsApartIntoTwoPolygons() {
        // An arch whose top lies beyond the buffer: inside the tile only its two legs are left.
        MvtDecoder.Feature f =
                encodeOne("POLYGON ((10 96, 10 -204, 300 -204, 300 96, 200 96, 200 -104, 100 -104, 100 96, 10 96))");

        assertThat(f.polygons()).hasSize(2);
        assertThat(f.parts()).allSatisfy(ring -> assertThat(ring).hasSize(4));
    }

    @Test
    void newPointsOnTheBufferedEdgeAreTruncatedTowardZeroAsInPostgis() {
        // The edge from (-100 0) to (100 9) meets x = -64 at y = 1.62; PostGIS gives POLYGON((-64 1,100 9,...)).
        MvtDecoder.Feature f = encodeOne("POLYGON ((-100 0, 100 9, 100 100, -100 100, -100 0))");

        assertThat(f.parts().get(0))
                .extracting(p -> p[0] + "," + p[1])
                .containsExactlyInAnyOrder("-64,1", "100,9", "100,100", "-64,100");
    }

    @Test
    void segmentPassingThroughAnotherVertexPixelIsBentThroughIt() {
        // A notch narrower than a unit snaps shut; PostGIS gives
        // POLYGON((104 110,100 110,100 100,110 100,110 110,105 110,104 110)) for the same shape.
        MvtDecoder.Feature f =
                encodeOne("POLYGON ((100 100, 110 100, 110 110, 105 110, 104 109, 104 110, 100 110, 100 100))");

        assertThat(f.parts()).hasSize(1);
        assertThat(f.parts().get(0))
                .extracting(p -> p[0] + "," + p[1])
                .containsExactlyInAnyOrder("104,110", "100,110", "100,100", "110,100", "110,110", "105,110");
        assertThat(MvtDecoder.twiceSignedArea(f.parts().get(0))).isEqualTo(2 * 100);
    }

    // ---- lines and points at the buffered edge ----

    @Test
    void lineCrossingTheBufferedEdgeIsCutThere() {
        MvtDecoder.Feature f = encodeOne("LINESTRING (-200 100, 100 100, 100 5000)");

        assertThat(f.parts()).hasSize(1);
        assertThat(f.parts().get(0))
                .extracting(p -> p[0] + "," + p[1])
                .containsExactly("-64,100", "100,100", "100,4160");
    }

    @Test
    void lineLeavingAndComingBackBecomesTwoLines() {
        MvtDecoder.Feature f = encodeOne("LINESTRING (100 100, 100 -500, 200 -500, 200 100)");

        assertThat(f.parts()).hasSize(2);
        assertThat(f.parts().get(0)).extracting(p -> p[0] + "," + p[1]).containsExactly("100,100", "100,-64");
        assertThat(f.parts().get(1)).extracting(p -> p[0] + "," + p[1]).containsExactly("200,-64", "200,100");
    }

    @Test
    void stretchRunningAlongTheBufferedEdgeIsDropped() {
        // As GEOS's rectangle clipping, which PostGIS uses: LINESTRING(100 4160,100 3996,-64 3996) in PostGIS.
        MvtDecoder.Feature f = encodeOne("LINESTRING (-200 4160, 100 4160, 100 3996, -200 3996)");

        assertThat(f.parts()).hasSize(1);
        assertThat(f.parts().get(0))
                .extracting(p -> p[0] + "," + p[1])
                .containsExactly("100,4160", "100,3996", "-64,3996");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "inside, 10, 10, true",
        "on the buffered edge, -64, 100, true",
        "on the buffered corner, 4160, 4160, true",
        "just beyond the buffer, -65, 100, false",
        "far away, 9000, 100, false"
    })
    void pointIsKeptWithinTheBufferedTile(String what, int x, int y, boolean kept) {
        byte[] tile = encode(feature(1, "POINT (" + x + " " + y + ")", Map.of()));

        assertThat(MvtDecoder.decode(tile).layers()).hasSize(kept ? 1 : 0);
    }

    @Test
    void multiPointPartlyOutsideKeepsOnlyPointsStrictlyInside() {
        // PostGIS clips a multipoint that is not wholly inside with GEOS, which keeps points strictly inside only.
        MvtDecoder.Feature f = encodeOne("MULTIPOINT ((10 10), (10 10), (20 20), (4160 10), (5000 10))");

        assertThat(f.parts()).extracting(p -> p.get(0)[0] + "," + p.get(0)[1]).containsExactly("10,10", "20,20");
    }

    // ---- quantising and degenerate geometries ----

    @Test
    void repeatedAndStraightLinePointsAreDropped() {
        MvtDecoder.Feature f = encodeOne("LINESTRING (0 0, 0.2 0.1, 10 0, 20 0, 30 0, 30 10)");

        assertThat(f.parts().get(0)).extracting(p -> p[0] + "," + p[1]).containsExactly("0,0", "30,0", "30,10");
    }

    @Test
    void coordinatesRoundToTheNearestUnitWithTiesToEven() {
        MvtDecoder.Feature f = encodeOne("MULTIPOINT ((10.4 11.6), (20.5 21.5))");

        assertThat(f.parts()).extracting(p -> p.get(0)[0] + "," + p.get(0)[1]).containsExactly("10,12", "20,22");
    }

    @Test
    void lineShorterThanOneUnitLeavesTheTile() {
        checkEmpty("LINESTRING (10 10, 10.3 10.2)");
    }

    @Test
    void polygonWithNoAreaAfterRoundingLeavesTheTile() {
        checkEmpty("POLYGON ((10 10, 10.2 10, 10.2 10.2, 10 10))");
        checkEmpty("POLYGON ((10 10, 100 10.3, 200 10, 10 10))");
    }

    @Test
    void holeWithNoAreaAfterRoundingIsDropped() {
        MvtDecoder.Feature f =
                encodeOne("POLYGON ((0 0, 100 0, 100 100, 0 100, 0 0), (50 50, 50.2 50, 50.2 50.3, 50 50))");

        assertThat(f.parts()).hasSize(1);
    }

    @Test
    void spikeFoldingBackOnItselfIsRemoved() {
        MvtDecoder.Feature f =
                encodeOne("POLYGON ((10 10, 100 10, 100 100, 50 100, 50 200.2, 50.3 100, 10 100, 10 10))");

        assertThat(f.parts().get(0))
                .extracting(p -> p[0] + "," + p[1])
                .containsExactlyInAnyOrder("10,10", "100,10", "100,100", "10,100");
    }

    @Test
    void selfIntersectingPolygonIsMadeValid() {
        MvtDecoder.Feature f = encodeOne("POLYGON ((0 0, 100 100, 100 0, 0 100, 0 0))");

        Geometry decoded = toJts(f);
        assertThat(decoded.isValid()).isTrue();
        assertThat(decoded.getArea()).isEqualTo(5000);
    }

    @Test
    void geometryCollectionKeepsOnlyItsPartsOfTheHighestDimension() {
        MvtDecoder.Feature f = encodeOne(
                "GEOMETRYCOLLECTION (POINT (1 1), LINESTRING (0 0, 5 5), POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0)))");

        assertThat(f.type()).isEqualTo(MvtDecoder.POLYGON);
        assertThat(f.parts()).hasSize(1);
    }

    @Test
    void farAwayVerticesAtHighZoomAreCutWithoutOverflow() {
        TileCoord tile = WebMercator.tileAt(109.19, 12.24, 22);
        Geometry line = new GeometryFactory()
                .createLineString(new Coordinate[] {new Coordinate(100, 12.24), new Coordinate(119, 12.24)});
        // The line's ends are 2^37 units away; the tile sees a straight cut across it.
        byte[] bytes = ENCODER.encode(tile, "roads", List.of(new Feature(1, line, null, Map.of())));

        MvtDecoder.Feature f = MvtDecoder.decode(bytes).layer("roads").feature(1);
        assertThat(f.parts()).hasSize(1);
        assertThat(f.parts().get(0)).hasSize(2);
        assertThat(f.parts().get(0).get(0)[0]).isEqualTo(-64);
        assertThat(f.parts().get(0).get(1)[0]).isEqualTo(4160);
    }

    // ---- ids, properties, key and value tables ----

    @Test
    void featureIdIsWrittenAndNegativeIdLeftOut() {
        MvtDecoder.Layer layer = MvtDecoder.decode(encode(
                        feature(0, "POINT (1 1)", Map.of()),
                        feature(42, "POINT (2 2)", Map.of()),
                        feature(-7, "POINT (3 3)", Map.of())))
                .layer("test");

        assertThat(layer.features()).extracting(MvtDecoder.Feature::id).containsExactly(0L, 42L, null);
    }

    @Test
    void keysAndValuesAreStoredOncePerLayer() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("status", "NEW");
        a.put("priority", 1);
        a.put("note", null);
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("priority", 1);
        b.put("status", "NEW");
        b.put("level", 1.0);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("status", "1");

        MvtDecoder.Layer layer = MvtDecoder.decode(encode(
                        feature(1, "POINT (1 1)", a), feature(2, "POINT (2 2)", b), feature(3, "POINT (3 3)", c)))
                .layer("test");

        assertThat(layer.keys()).containsExactly("status", "priority", "level");
        // 1 as a whole number, 1.0 as a double and "1" as a string are three different values
        assertThat(layer.values()).containsExactly("NEW", 1L, 1.0, "1");
        assertThat(layer.feature(1).tags()).containsExactly(0, 0, 1, 1);
        assertThat(layer.feature(2).tags()).containsExactly(1, 1, 0, 0, 2, 2);
        assertThat(layer.feature(3).tags()).containsExactly(0, 3);
        assertThat(layer.feature(1).properties()).doesNotContainKey("note");
    }

    @Test
    void propertyValuesAreTypedAsPostgisTypesThem() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("name", "Trạm quan trắc Vĩnh Phước"); // UTF-8 survives
        properties.put("count", 12);
        properties.put("big", 5_000_000_000L);
        properties.put("below", -3);
        properties.put("aqi", 57.5);
        properties.put("ratio", 0.25f);
        properties.put("online", true);
        properties.put("area", new BigDecimal("12.75"));
        properties.put("rounded", new BigDecimal("120"));

        MvtDecoder.Layer layer =
                MvtDecoder.decode(encode(feature(1, "POINT (1 1)", properties))).layer("test");

        assertThat(layer.feature(1).properties())
                .containsExactly(
                        Map.entry("name", "Trạm quan trắc Vĩnh Phước"),
                        Map.entry("count", 12L),
                        Map.entry("big", 5_000_000_000L),
                        Map.entry("below", -3L),
                        Map.entry("aqi", 57.5),
                        Map.entry("ratio", 0.25f),
                        Map.entry("online", true),
                        Map.entry("area", 12.75),
                        Map.entry("rounded", 120L));
        // string, uint, uint, sint, double, float, bool, double, uint
        assertThat(layer.valueFields()).containsExactly(1, 5, 5, 6, 3, 2, 7, 3, 5);
    }

    @Test
    void layerCarriesItsNameExtentAndVersion2() {
        MvtDecoder.Layer layer = MvtDecoder.decode(
                        MvtEncoder.of(512, 8).encode(TILE, "cameras", List.of(feature(1, "POINT (1 1)", Map.of()))))
                .layer("cameras");

        assertThat(layer.extent()).isEqualTo(512);
        assertThat(layer.version()).isEqualTo(2);
    }

    @Test
    void smallerExtentScalesTheTileAndItsBuffer() {
        MvtEncoder encoder = MvtEncoder.of(256, 4);
        Geometry square = TileUnits.toLonLat(TILE, 256, "POLYGON ((-50 10, 128 10, 128 128, -50 128, -50 10))");

        byte[] bytes = encoder.encode(TILE, "plans", List.of(new Feature(1, square, null, Map.of())));

        assertThat(MvtDecoder.decode(bytes).layer("plans").feature(1).parts().get(0))
                .extracting(p -> p[0] + "," + p[1])
                .containsExactlyInAnyOrder("-4,10", "128,10", "128,128", "-4,128");
    }

    // ---- empty tiles ----

    @Test
    void noFeaturesGiveAnEmptyTileOfZeroBytes() {
        byte[] tile = ENCODER.encode(TILE, "test", List.of());

        assertThat(tile).isEmpty();
        assertThat(MvtDecoder.decode(tile).layers()).isEmpty();
    }

    @Test
    void featuresAllOutsideTheTileGiveAnEmptyTile() {
        assertThat(encode(
                        feature(1, "POINT (-500 10)", Map.of("a", 1)),
                        feature(2, "LINESTRING (5000 0, 6000 100)", Map.of()),
                        feature(3, "POLYGON ((-900 -900, -800 -900, -800 -800, -900 -900))", Map.of())))
                .isEmpty();
    }

    // ---- bad input ----

    @Test
    void coordinateOutOfRangeNamesTheFeature() {
        Geometry swapped = new GeometryFactory().createPoint(new Coordinate(12.24, 109.19));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> ENCODER.encode(TILE, "cameras", List.of(new Feature(17, swapped, null, Map.of()))))
                .withMessageContaining("feature 17")
                .withMessageContaining("latitude 109.19");
    }

    @ParameterizedTest(name = "extent {0}, buffer {1}")
    @CsvSource({"0, 0", "-1, 0", "65537, 0", "4096, -1", "256, 257"})
    void outOfRangeExtentOrBufferIsRejected(int extent, int buffer) {
        assertThatIllegalArgumentException().isThrownBy(() -> MvtEncoder.of(extent, buffer));
    }

    @Test
    void emptyLayerNameIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ENCODER.encode(TILE, "", List.of()))
                .withMessageContaining("layerName");
    }

    // ---- helpers ----

    private static void checkCommands(String wkt, int type, int... expected) {
        MvtDecoder.Feature f = encodeOne(wkt);
        assertThat(f.type()).isEqualTo(type);
        assertThat(f.commands()).as(Arrays.toString(f.commands())).containsExactly(expected);
    }

    private static void checkEmpty(String wkt) {
        assertThat(encode(feature(1, wkt, Map.of()))).isEmpty();
    }

    private static MvtDecoder.Feature encodeOne(String wkt) {
        MvtDecoder.Layer layer =
                MvtDecoder.decode(encode(feature(1, wkt, Map.of()))).layer("test");
        assertThat(layer.features()).hasSize(1);
        return layer.features().get(0);
    }

    private static Feature feature(long id, String wktInTileUnits, Map<String, Object> properties) {
        return new Feature(id, TileUnits.toLonLat(TILE, 4096, wktInTileUnits), null, properties);
    }

    private static byte[] encode(Feature... features) {
        return ENCODER.encode(TILE, "test", List.of(features));
    }

    /** Returns a decoded polygon feature as a JTS geometry in tile units. */
    private static Geometry toJts(MvtDecoder.Feature f) {
        GeometryFactory factory = new GeometryFactory();
        List<org.locationtech.jts.geom.Polygon> polygons = new ArrayList<>();
        for (List<List<int[]>> polygon : f.polygons()) {
            List<org.locationtech.jts.geom.LinearRing> rings = new ArrayList<>();
            for (List<int[]> ring : polygon) {
                Coordinate[] c = new Coordinate[ring.size() + 1];
                for (int i = 0; i < ring.size(); i++) {
                    c[i] = new Coordinate(ring.get(i)[0], ring.get(i)[1]);
                }
                c[ring.size()] = c[0];
                rings.add(factory.createLinearRing(c));
            }
            polygons.add(factory.createPolygon(
                    rings.get(0), rings.subList(1, rings.size()).toArray(org.locationtech.jts.geom.LinearRing[]::new)));
        }
        return factory.createMultiPolygon(polygons.toArray(org.locationtech.jts.geom.Polygon[]::new));
    }
}
