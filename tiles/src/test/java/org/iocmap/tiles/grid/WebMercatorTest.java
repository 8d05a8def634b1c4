package org.iocmap.tiles.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;

class WebMercatorTest {
    private static final double NHA_TRANG_LON = 109.1967;
    private static final double NHA_TRANG_LAT = 12.2388;
    private static final double H = WebMercator.HALF_WORLD_METRES;
    /** The exact latitude where the square Web Mercator map ends: atan(sinh(π)), in degrees. */
    private static final double EDGE_LATITUDE = Math.toDegrees(Math.atan(Math.sinh(Math.PI)));

    @Test
    void zoomZeroIsOneTileCoveringTheWholeMap() {
        TileCoord world = new TileCoord(0, 0, 0);

        Envelope metres = WebMercator.boundsMetres(world);
        assertThat(List.of(metres.getMinX(), metres.getMaxX(), metres.getMinY(), metres.getMaxY()))
                .containsExactly(-H, H, -H, H);
        Envelope lonLat = WebMercator.boundsLonLat(world);
        assertThat(lonLat.getMinX()).isEqualTo(-180);
        assertThat(lonLat.getMaxX()).isEqualTo(180);
        assertThat(lonLat.getMinY()).isCloseTo(-EDGE_LATITUDE, within(1e-9));
        assertThat(lonLat.getMaxY()).isCloseTo(EDGE_LATITUDE, within(1e-9));
        assertThat(WebMercator.tilesCovering(new Envelope(-180, 180, -90, 90), 0))
                .containsExactly(world);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // Pinned by hand: (109.1967 + 180) / 360 * 1024 = 822.6; the Mercator row fraction 0.46574 * 1024 = 476.9.
        "zoom 10, 10, 822, 476",
        "zoom 14, 14, 13161, 7630",
        "zoom 0, 0, 0, 0"
    })
    void nhaTrangLiesInItsKnownTile(String what, int z, int x, int y) {
        TileCoord tile = WebMercator.tileAt(NHA_TRANG_LON, NHA_TRANG_LAT, z);

        assertThat(tile).isEqualTo(new TileCoord(z, x, y));
        assertThat(tile).isEqualTo(slippyTile(NHA_TRANG_LON, NHA_TRANG_LAT, z));
        assertThat(WebMercator.boundsLonLat(tile).contains(NHA_TRANG_LON, NHA_TRANG_LAT))
                .isTrue();
    }

    @Test
    void nhaTrangProjectsToKnownMetres() {
        // Reference values from the EPSG:3857 formulas evaluated independently in double precision.
        checkMetres(NHA_TRANG_LON, NHA_TRANG_LAT, 12155721.040305858, 1372897.5089199096);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "longitude exactly 180 is the last column, 180, 10, 2, 3, 1",
        "longitude exactly -180 is the first column, -180, 10, 2, 0, 1",
        "just west of the antimeridian, 179.9, 10, 2, 3, 1",
        "just east of the antimeridian, -179.9, 10, 2, 0, 1",
        "latitude 85.0511 is the first row, 0, 85.0511, 2, 2, 0",
        "latitude -85.0511 is the last row, 0, -85.0511, 2, 2, 3",
        "north pole is clamped to the first row, 0, 90, 3, 4, 0",
        "south pole is clamped to the last row, 0, -90, 3, 4, 7",
        "the origin belongs to the tile south-east of it, 0, 0, 1, 1, 1",
        "a point on a column edge belongs to the east tile, 90, 10, 2, 3, 1",
        "Hoàng Sa (Paracel Islands), 112.0, 16.5, 8, 207, 116",
        "Trường Sa (Spratly Islands), 114.3, 8.7, 8, 209, 121"
    })
    void boundaryPositionsFallInTheDocumentedTile(String what, double lon, double lat, int z, int x, int y) {
        checkTileAt(lon, lat, z, x, y);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "Nha Trang, 109.1967, 12.2388",
        "origin, 0, 0",
        "antimeridian east side, 179.9, -16.5",
        "antimeridian west side, -179.9, 65.1",
        "exactly 180, 180, 0",
        "exactly -180, -180, 0",
        "near the northern edge, 10, 85.05",
        "near the southern edge, -10, -85.05",
        "Hoàng Sa, 112.0, 16.5",
        "Trường Sa, 114.3, 8.7"
    })
    void lonLatSurvivesARoundTripThroughMetres(String what, double lon, double lat) {
        Coordinate metres = WebMercator.toMetres(lon, lat);
        Coordinate back = WebMercator.toLonLat(metres.x, metres.y);

        assertThat(back.x).isCloseTo(lon, within(1e-9));
        assertThat(back.y).isCloseTo(lat, within(1e-9));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"north pole, 90, 1", "south pole, -90, -1", "beyond the edge, 86, 1"})
    void latitudesBeyondTheMapAreClampedToItsEdge(String what, double lat, int sign) {
        assertThat(WebMercator.toMetres(0, lat).y).isCloseTo(sign * H, within(1e-3));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "longitude past 180, 180.5, 0, longitude 180.5",
        "latitude past 90, 0, 91, latitude 91.0",
        "swapped axes, 12.2388, 109.1967, swapped",
        "longitude NaN, NaN, 0, longitude NaN",
        "latitude NaN, 0, NaN, latitude NaN"
    })
    void invalidPositionsAreRejected(String what, double lon, double lat, String message) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WebMercator.toMetres(lon, lat))
                .withMessageContaining(message);
        assertThatIllegalArgumentException().isThrownBy(() -> WebMercator.tileAt(lon, lat, 5));
    }

    @Test
    void metresOutsideTheMapAreRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> WebMercator.toLonLat(H * 1.01, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> WebMercator.toLonLat(0, Double.NaN));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "north-west corner, 3, 0, 0",
        "south-east corner, 3, 7, 7",
        "Nha Trang, 14, 13161, 7630",
        "deepest zoom, 24, 13476543, 7812345"
    })
    void neighbouringTilesShareTheirEdgesExactly(String what, int z, int x, int y) {
        TileCoord tile = new TileCoord(z, x, y);
        Envelope bounds = WebMercator.boundsMetres(tile);
        int last = (1 << z) - 1;

        if (x < last) {
            assertThat(WebMercator.boundsMetres(new TileCoord(z, x + 1, y)).getMinX())
                    .isEqualTo(bounds.getMaxX());
        } else {
            assertThat(bounds.getMaxX()).isEqualTo(H);
        }
        if (y < last) {
            assertThat(WebMercator.boundsMetres(new TileCoord(z, x, y + 1)).getMaxY())
                    .isEqualTo(bounds.getMinY());
        } else {
            assertThat(bounds.getMinY()).isEqualTo(-H);
        }
        Envelope lonLat = WebMercator.boundsLonLat(tile);
        assertThat(WebMercator.tileAt(lonLat.centre().x, lonLat.centre().y, z)).isEqualTo(tile);
        assertThat(WebMercator.tileAt(lonLat.getMinX(), lonLat.getMaxY(), z))
                .as("a tile owns its north-west corner")
                .isEqualTo(tile);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "Khánh Hòa at zoom 10, 108.67, 11.7, 109.47, 12.87, 10",
        "Khánh Hòa at zoom 12, 108.67, 11.7, 109.47, 12.87, 12",
        "Nha Trang centre at zoom 15, 109.17, 12.2, 109.22, 12.28, 15",
        "touching 180 from the west, 170, 0, 180, 10, 2",
        "touching -180 from the east, -180, -10, -170, 0, 2",
        "ending on tile boundaries, 0, 0, 90, 10, 2",
        "reaching both poles, -10, -90, 10, 90, 3"
    })
    void coveringTilesAreExactlyThoseOverlappingTheArea(
            String what, double west, double south, double east, double north, int z) {
        List<TileCoord> tiles = WebMercator.tilesCovering(new Envelope(west, east, south, north), z);

        assertThat(tiles).containsExactlyElementsOf(bruteForceOverlapping(west, south, east, north, z));
    }

    @Test
    void anAreaTouching180GetsOnlyTheLastColumn() {
        assertThat(WebMercator.tilesCovering(new Envelope(170, 180, 0, 10), 2)).containsExactly(new TileCoord(2, 3, 1));
    }

    @Test
    void aPointAreaGetsTheTileAtThatPoint() {
        Envelope point = new Envelope(NHA_TRANG_LON, NHA_TRANG_LON, NHA_TRANG_LAT, NHA_TRANG_LAT);

        assertThat(WebMercator.tilesCovering(point, 14)).containsExactly(new TileCoord(14, 13161, 7630));
        assertThat(WebMercator.tilesCovering(new Envelope(0, 0, 0, 0), 1)).containsExactly(new TileCoord(1, 1, 1));
    }

    @Test
    void aBoxCrossingTheAntimeridianListsBothSidesRowByRow() {
        assertThat(WebMercator.tilesCovering(179, -1, -179, 1, 3))
                .containsExactly(
                        new TileCoord(3, 7, 3), new TileCoord(3, 0, 3), new TileCoord(3, 7, 4), new TileCoord(3, 0, 4));
    }

    @Test
    void emptyOrOffMapAreasGetNoTiles() {
        assertThat(WebMercator.tilesCovering(new Envelope(), 5)).isEmpty();
        assertThat(WebMercator.tilesCovering(new Envelope(181, 190, 0, 10), 5)).isEmpty();
        assertThat(WebMercator.tilesCovering(new Envelope(0, 10, 91, 95), 5)).isEmpty();
    }

    @Test
    void invalidBoxesAreRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WebMercator.tilesCovering(0, 10, 10, 0, 3))
                .withMessageContaining("south must not exceed north");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WebMercator.tilesCovering(Double.NaN, 0, 10, 10, 3))
                .withMessageContaining("NaN");
    }

    @Test
    void listingTooManyTilesFailsInsteadOfExhaustingMemory() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WebMercator.tilesCovering(new Envelope(-180, 180, -90, 90), 24))
                .withMessageContaining("at most " + WebMercator.MAX_TILES_LISTED);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // 2πR / 256, and the same times cos(12.2388°) / 2^14, evaluated independently.
        "equator at zoom 0, 0, 0, 256, 156543.03392804097",
        "Nha Trang at zoom 14, 14, 12.2388, 256, 9.337476323472224",
        "512-pixel tiles halve it, 0, 0, 512, 78271.51696402048"
    })
    void metresPerPixelMatchesKnownValues(String what, int z, double lat, int tileSize, double expected) {
        assertThat(WebMercator.metresPerPixel(z, lat, tileSize)).isCloseTo(expected, within(1e-9));
    }

    @Test
    void metresPerPixelAtThePoleUsesTheClampedLatitude() {
        assertThat(WebMercator.metresPerPixel(5, 90, 256))
                .isPositive()
                .isCloseTo(WebMercator.metresPerPixel(5, WebMercator.MAX_LATITUDE, 256), within(1e-9));
        assertThatIllegalArgumentException().isThrownBy(() -> WebMercator.metresPerPixel(5, 0, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> WebMercator.metresPerPixel(25, 0, 256));
    }

    private static void checkTileAt(double lon, double lat, int z, int x, int y) {
        assertThat(WebMercator.tileAt(lon, lat, z)).isEqualTo(new TileCoord(z, x, y));
    }

    private static void checkMetres(double lon, double lat, double x, double y) {
        Coordinate metres = WebMercator.toMetres(lon, lat);
        assertThat(metres.x).isCloseTo(x, within(1e-6));
        assertThat(metres.y).isCloseTo(y, within(1e-6));
    }

    /** Computes the tile with the usual slippy-map formula, independently of the metre-based code under test. */
    private static TileCoord slippyTile(double lon, double lat, int z) {
        int n = 1 << z;
        double latRad = Math.toRadians(lat);
        int x = (int) Math.floor((lon + 180) / 360 * n);
        int y = (int) Math.floor((1 - Math.log(Math.tan(latRad) + 1 / Math.cos(latRad)) / Math.PI) / 2 * n);
        return new TileCoord(z, x, y);
    }

    /**
     * Lists, row by row, the tiles whose lon/lat bounds overlap the area with a positive width and height. Small grids
     * are searched whole; larger ones in a margin of two tiles around the slippy-map estimate, to keep the test fast.
     */
    private static List<TileCoord> bruteForceOverlapping(double west, double south, double east, double north, int z) {
        int n = 1 << z;
        int xFrom = 0, xTo = n - 1, yFrom = 0, yTo = n - 1;
        if (n > 64) {
            TileCoord northWest = slippyTile(Math.max(west, -180), Math.min(north, 85), z);
            TileCoord southEast = slippyTile(Math.min(east, 179.999), Math.max(south, -85), z);
            xFrom = Math.max(0, northWest.x() - 2);
            yFrom = Math.max(0, northWest.y() - 2);
            xTo = Math.min(n - 1, southEast.x() + 2);
            yTo = Math.min(n - 1, southEast.y() + 2);
        }
        List<TileCoord> tiles = new ArrayList<>();
        for (int y = yFrom; y <= yTo; y++) {
            for (int x = xFrom; x <= xTo; x++) {
                Envelope b = WebMercator.boundsLonLat(new TileCoord(z, x, y));
                double overlapWidth = Math.min(east, b.getMaxX()) - Math.max(west, b.getMinX());
                double overlapHeight = Math.min(north, b.getMaxY()) - Math.max(south, b.getMinY());
                if (overlapWidth > 0 && overlapHeight > 0) {
                    tiles.add(new TileCoord(z, x, y));
                }
            }
        }
        return tiles;
    }
}
