package org.iocmap.tiles.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;
import static org.iocmap.tiles.render.TilePixels.feature;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.iocmap.layers.model.BoundingBox;
import org.iocmap.layers.model.Feature;
import org.iocmap.styles.DefaultStyles;
import org.iocmap.styles.Label;
import org.iocmap.styles.LandUseColours;
import org.iocmap.styles.Rule;
import org.iocmap.styles.Style;
import org.iocmap.styles.Symbol;
import org.iocmap.tiles.grid.TileCoord;
import org.iocmap.tiles.grid.WebMercator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

class RasterTilesTest {
    /** A tile over Nha Trang; any tile would do, the tests speak in its pixels. */
    private static final TileCoord TILE = new TileCoord(14, 13161, 7630);

    /** The tile east of {@link #TILE}, sharing its east edge. */
    private static final TileCoord EAST_NEIGHBOUR = new TileCoord(14, 13162, 7630);

    private static final RasterTiles TILES = new RasterTiles();

    private static final Style LAND_USE = DefaultStyles.forKind("land_use_plan");
    private static final Style CAMERA = DefaultStyles.forKind("camera");

    /** Two rules on "level" and a grey default, each a polygon symbol with an opaque fill. */
    private static final Style LEVELS = Style.byProperty(
            DefaultStyles.GENERIC,
            new Symbol("#808080", 1, "#000000", 0, 4),
            "level",
            List.of(
                    new Rule("low", Label.of("Thấp", "Low"), new Symbol("#ff0000", 1, "#000000", 0, 4)),
                    new Rule("3", Label.of("Ba", "Three"), new Symbol("#0000ff", 1, "#000000", 0, 4))));

    private static final String SQUARE = "POLYGON ((50 50, 150 50, 150 150, 50 150, 50 50))";

    // ---- the image ----

    @Test
    void emptyTileIsAValidFullyTransparentPng() {
        BufferedImage image = decode(TILES.render(TILE, LAND_USE, List.of()));

        assertAllTransparent(image);
    }

    @Test
    void tileOfALayerWithNothingNearIsFullyTransparent() {
        Feature farAway = feature(TILE, 1, "POINT (1000 1000)", Map.of("status", "online"));

        assertAllTransparent(decode(TILES.render(new FeatureListLayer(List.of(farAway)), TILE, CAMERA)));
    }

    // ---- polygons ----

    @Test
    void polygonIsFilledWithItsRuleColourAndOutsideStaysTransparent() {
        String urbanResidential = LandUseColours.find("ODT").orElseThrow().fill();

        BufferedImage image = renderOne(LAND_USE, SQUARE, Map.of("land_use_code", "ODT"));

        assertPixel(image, 100, 100, urbanResidential, LandUseColours.FILL_OPACITY);
        assertTransparent(image, 200, 200);
        assertTransparent(image, 10, 100);
    }

    @ParameterizedTest(name = "hole wound {0}")
    @CsvSource(
            delimiter = ';',
            value = {
                "against the shell; POLYGON ((50 50, 150 50, 150 150, 50 150, 50 50), (80 80, 80 120, 120 120, 120 80, 80 80))",
                "like the shell; POLYGON ((50 50, 150 50, 150 150, 50 150, 50 50), (80 80, 120 80, 120 120, 80 120, 80 80))"
            })
    void holeIsTransparent(String what, String wkt) {
        BufferedImage image = renderOne(LEVELS, wkt, Map.of("level", "low"));

        assertTransparent(image, 100, 100);
        assertPixel(image, 65, 100, "#ff0000", 1);
    }

    @Test
    void featureMatchingTheSecondRuleGetsTheSecondRulesColour() {
        BufferedImage image = renderOne(LEVELS, SQUARE, Map.of("level", "3"));

        assertPixel(image, 100, 100, "#0000ff", 1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"a value no rule has, medium", "a value differing in case, LOW", "an empty value, ''"})
    void featureMatchingNoRuleGetsTheDefaultSymbol(String what, String level) {
        BufferedImage image = renderOne(LEVELS, SQUARE, Map.of("level", level));

        assertPixel(image, 100, 100, "#808080", 1);
    }

    @Test
    void featureWithoutTheStylePropertyGetsTheDefaultSymbol() {
        BufferedImage image = renderOne(LEVELS, SQUARE, Map.of("name", "low"));

        assertPixel(image, 100, 100, "#808080", 1);
    }

    @Test
    void numberPropertyMatchesARuleAsThePageComparesIt() {
        // The page compares String(3) === "3"; a Double 3.0 must not be read as "3.0".
        BufferedImage image = renderOne(LEVELS, SQUARE, Map.of("level", 3.0));

        assertPixel(image, 100, 100, "#0000ff", 1);
    }

    @Test
    void polygonOutlineHasTheStrokeColour() {
        Style outlined = Style.of("generic", Symbol.polygon("#00ff00", 0.5, "#000080", 4));

        BufferedImage image = renderOne(outlined, SQUARE, Map.of());

        assertPixel(image, 50, 100, "#000080", 1);
        assertPixel(image, 100, 100, "#00ff00", 0.5);
    }

    @Test
    void polygonFarLargerThanTheTileCoversItWhole() {
        // A province-sized zone on a tile of the deepest zoom: its corners lie a hundred million pixels away.
        TileCoord deep = WebMercator.tileAt(109.19, 12.24, TileCoord.MAX_ZOOM);
        String wkt = "POLYGON ((-1e8 -1e8, 1e8 -1e8, 1e8 1e8, -1e8 1e8, -1e8 -1e8))";

        BufferedImage image = decode(TILES.render(deep, LEVELS, List.of(feature(deep, 1, wkt, Map.of()))));

        assertPixel(image, 0, 0, "#808080", 1);
        assertPixel(image, 128, 128, "#808080", 1);
        assertPixel(image, 255, 255, "#808080", 1);
    }

    // ---- lines, points and multi-geometries ----

    @Test
    void lineIsDrawnInTheFillColour() {
        BufferedImage image = renderOne(LEVELS, "LINESTRING (20 100.5, 230 100.5)", Map.of("level", "low"));

        assertPixel(image, 120, 100, "#ff0000", 1);
        assertTransparent(image, 120, 110);
    }

    @Test
    void pointMarkerCentreHasTheMarkerColour() {
        Symbol online = CAMERA.symbolFor("online");

        BufferedImage image = renderOne(CAMERA, "POINT (100.5 100.5)", Map.of("status", "online"));

        assertPixel(image, 100, 100, online.fill(), online.fillOpacity());
        assertTransparent(image, 100, 100 + (int) online.radius() + 3);
    }

    @Test
    void markerOfARulelessPointIsItsStylesOnlySymbol() {
        Style stations = DefaultStyles.forKind("env_station");

        BufferedImage image = renderOne(stations, "POINT (30.5 40.5)", Map.of("status", "anything"));

        assertPixel(image, 30, 40, stations.symbol().fill(), stations.symbol().fillOpacity());
    }

    @Test
    void markerIsDrawnAboveAPolygonThatComesAfterIt() {
        List<Feature> features = List.of(
                feature(TILE, 1, "POINT (100.5 100.5)", Map.of("level", "3")),
                feature(TILE, 2, SQUARE, Map.of("level", "low")));

        BufferedImage image = decode(TILES.render(TILE, LEVELS, features));

        assertPixel(image, 100, 100, "#0000ff", 1);
        assertPixel(image, 60, 60, "#ff0000", 1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = ';',
            value = {
                "multipoint; MULTIPOINT ((40.5 40.5), (200.5 200.5))",
                "multilinestring; MULTILINESTRING ((20 40.5, 60 40.5), (180 200.5, 220 200.5))",
                "multipolygon; MULTIPOLYGON (((30 30, 50 30, 50 50, 30 50, 30 30)), ((190 190, 210 190, 210 210, 190 210, 190 190)))",
                "collection; GEOMETRYCOLLECTION (POINT (40.5 40.5), POLYGON ((190 190, 210 190, 210 210, 190 210, 190 190)))"
            })
    void everyPartOfAMultiGeometryIsDrawn(String what, String wkt) {
        BufferedImage image = renderOne(LEVELS, wkt, Map.of("level", "low"));

        assertPixel(image, 40, 40, "#ff0000", 1);
        assertPixel(image, 200, 200, "#ff0000", 1);
        assertTransparent(image, 120, 120);
    }

    @Test
    void emptyGeometryDrawsNothing() {
        Feature empty = new Feature(1, new GeometryFactory().createPolygon(), null, Map.of());

        assertAllTransparent(decode(TILES.render(TILE, LEVELS, List.of(empty))));
    }

    @Test
    void coordinateOutsideLongitudeRangeIsRejectedNamingTheFeature() {
        // JTS does not check ranges; a longitude of 190 is the usual sign of swapped axes or a bad import.
        Feature swapped = new Feature(42, new GeometryFactory().createPoint(new Coordinate(190, 10)), null, Map.of());

        assertThatIllegalArgumentException()
                .isThrownBy(() -> TILES.render(TILE, CAMERA, List.of(swapped)))
                .withMessageContaining("feature 42")
                .withMessageContaining("longitude 190");
    }

    // ---- seams ----

    @Test
    void pointJustOutsideTheTileIsDrawnAtTheEdgeOfBothTiles() {
        // 3.5 px east of the seam: inside the east neighbour, and within the 7 px marker of the tile west of it.
        Feature nearSeam = feature(TILE, 1, "POINT (259.5 128.5)", Map.of("status", "online"));
        FeatureListLayer layer = new FeatureListLayer(List.of(nearSeam));
        Symbol online = CAMERA.symbolFor("online");

        BufferedImage west = decode(TILES.render(layer, TILE, CAMERA));
        BufferedImage east = decode(TILES.render(layer, EAST_NEIGHBOUR, CAMERA));

        assertPixel(west, 255, 128, online.fill(), online.fillOpacity());
        assertPixel(east, 0, 128, online.fill(), online.fillOpacity());
        assertPixel(east, 3, 128, online.fill(), online.fillOpacity());
        assertTransparent(west, 240, 128);
    }

    @Test
    void layerIsAskedForTheTileGrownByTheLargestSymbol() {
        FeatureListLayer layer = new FeatureListLayer(List.of());

        TILES.render(layer, TILE, CAMERA);

        BoundingBox asked = layer.boxesAsked().getFirst();
        double pixelDegrees = (WebMercator.boundsLonLat(TILE).getWidth()) / RasterTiles.TILE_SIZE;
        double reachDegrees = RasterTiles.reachPixels(CAMERA) * pixelDegrees;
        assertThat(asked.maxLon())
                .isGreaterThanOrEqualTo(WebMercator.boundsLonLat(TILE).getMaxX() + reachDegrees);
        assertThat(asked.minLon())
                .isLessThanOrEqualTo(WebMercator.boundsLonLat(TILE).getMinX() - reachDegrees);
    }

    @Test
    void reachCoversTheLargestMarkerOfAnyRule() {
        // The alarm rule's 10 px marker with its 1.5 px outline, plus a pixel of antialiasing.
        assertThat(RasterTiles.reachPixels(DefaultStyles.forKind("fire_alarm"))).isEqualTo(10 + 0.75 + 1);
    }

    @Test
    void pointBeyondTheReachLeavesTheTileEmpty() {
        Feature beyond = feature(TILE, 1, "POINT (270 128)", Map.of("status", "online"));

        assertAllTransparent(decode(TILES.render(new FeatureListLayer(List.of(beyond)), TILE, CAMERA)));
    }

    // ---- dense layers ----

    @Test
    void everyFeatureOfADenseLayerIsDrawnAcrossPages() {
        // More features than one page of the layer query; the last one in id order is the only one of its colour.
        List<Feature> features = new ArrayList<>();
        for (int i = 0; i < 24_999; i++) {
            features.add(
                    feature(TILE, i, "POINT (" + (10 + i % 100) + " " + (10 + i / 1000) + ")", Map.of("level", "low")));
        }
        features.add(feature(TILE, 24_999, "POINT (200.5 200.5)", Map.of("level", "3")));

        BufferedImage image = decode(TILES.render(new FeatureListLayer(features), TILE, LEVELS));

        assertPixel(image, 200, 200, "#0000ff", 1);
        assertPixel(image, 60, 20, "#ff0000", 1);
    }

    // ---- helpers ----

    private static BufferedImage renderOne(Style style, String pixelWkt, Map<String, Object> properties) {
        return decode(TILES.render(TILE, style, List.of(feature(TILE, 1, pixelWkt, properties))));
    }

    /** Decodes a PNG and checks what every tile must be: 256 × 256 with an alpha channel. */
    private static BufferedImage decode(byte[] png) {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new AssertionError("not a readable PNG", e);
        }
        assertThat(image).as("decoded PNG").isNotNull();
        assertThat(image.getWidth()).isEqualTo(RasterTiles.TILE_SIZE);
        assertThat(image.getHeight()).isEqualTo(RasterTiles.TILE_SIZE);
        assertThat(image.getColorModel().hasAlpha()).as("has alpha").isTrue();
        return image;
    }

    /** Checks a pixel's colour and opacity, allowing the rounding of blending and antialiasing (2 of 255). */
    private static void assertPixel(BufferedImage image, int x, int y, String colour, double opacity) {
        int argb = image.getRGB(x, y);
        int expectedRgb = Integer.parseInt(colour.substring(1), 16);
        String where = "pixel " + x + "," + y + " = " + String.format("#%08x", argb);
        assertThat(argb >>> 24).as(where + " alpha").isCloseTo((int) Math.round(opacity * 255), within(2));
        assertThat(argb >> 16 & 0xff).as(where + " red").isCloseTo(expectedRgb >> 16 & 0xff, within(2));
        assertThat(argb >> 8 & 0xff).as(where + " green").isCloseTo(expectedRgb >> 8 & 0xff, within(2));
        assertThat(argb & 0xff).as(where + " blue").isCloseTo(expectedRgb & 0xff, within(2));
    }

    private static void assertTransparent(BufferedImage image, int x, int y) {
        assertThat(image.getRGB(x, y) >>> 24)
                .as("alpha of pixel " + x + "," + y)
                .isZero();
    }

    private static void assertAllTransparent(BufferedImage image) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                assertTransparent(image, x, y);
            }
        }
    }
}
