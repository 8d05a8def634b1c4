package org.iocmap.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Asks {@code GET /api/heatmap} for hot spots: counts and weighted sums per cell add up to the features of the box and
 * window, live as features are written; a huge box at a fine level is answered from coarser cells; bad parameters get
 * clear problems.
 */
class HeatmapApiTest {
    private static TestServer server;
    private static String operator;
    private static FeatureWrites admin;

    @BeforeAll
    static void start() {
        server = TestServer.shared();
        operator = Http.token(server, "operator", "operator");
        admin = new FeatureWrites(server, Http.token(server, "admin", "admin"));
    }

    private static JsonObject heat(String query) {
        HttpResponse<String> response = Http.get(server.baseUrl() + "/api/heatmap?" + query, operator);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    private static long total(JsonObject heat, String property) {
        long sum = 0;
        for (Object f : heat.getJsonArray("features")) {
            sum += ((JsonObject) f).getJsonObject("properties").getLong(property);
        }
        return sum;
    }

    @Test
    void cellsCountAndWeighTheFeaturesOfTheBoxLive() {
        String layer = FeatureWrites.newLayer(server);
        admin.create(layer, 109.190, 12.240, "fire", 2);
        admin.create(layer, 109.191, 12.241, "fire", 3);
        admin.create(layer, 109.300, 12.400, "flood", 5);
        admin.create(layer, 106.700, 10.780, "flood", 7); // outside the box below
        JsonObject counts = heat("layer=" + layer + "&bbox=109,12,110,13&resolution=12");
        assertThat(counts.getInteger("level")).isEqualTo(12);
        assertThat(counts.getJsonArray("features")).hasSize(2); // the two close ones share a cell
        assertThat(total(counts, "count")).isEqualTo(3);
        assertThat(counts.getDouble("max")).isEqualTo(2.0);
        JsonObject cell = counts.getJsonArray("features").getJsonObject(0);
        assertThat(cell.getJsonObject("geometry").getString("type")).isEqualTo("Polygon");

        JsonObject weighed = heat("layer=" + layer + "&bbox=109,12,110,13&resolution=12&weight=level");
        assertThat(total(weighed, "sum")).isEqualTo(10);

        admin.create(layer, 109.301, 12.401, "flood", 1); // live: the next answer has it
        assertThat(total(heat("layer=" + layer + "&bbox=109,12,110,13&resolution=12"), "count"))
                .isEqualTo(4);
    }

    @Test
    void aWindowOfReportsAddsUpToTheReportsOfThatWindow() {
        String window = "from=2026-01-01T00:00:00Z&to=2026-12-31T00:00:00Z";
        long expected = new JsonObject(Http.get(
                                server.baseUrl() + "/ogc/collections/citizen_reports/items?limit=1&datetime="
                                        + "2026-01-01T00:00:00Z/2026-12-31T00:00:00Z",
                                operator)
                        .body())
                .getLong("numberMatched");
        JsonObject heat = heat("layer=citizen_reports&zoom=9&bbox=100,5,120,25&" + window);
        assertThat(total(heat, "count")).isEqualTo(expected).isPositive();
        assertThat(heat.getInteger("level")).isEqualTo(12);
    }

    @Test
    void aHugeBoxAtAFineLevelIsAnsweredFromCoarserCells() {
        JsonObject heat = heat("layer=citizen_reports&resolution=24&bbox=100,5,120,25");
        assertThat(heat.getInteger("requestedLevel")).isEqualTo(24);
        assertThat(heat.getInteger("level")).isLessThan(24);
        assertThat(heat.getJsonArray("features").size()).isLessThanOrEqualTo(65_536);
    }

    @Test
    void heatTilesAreDrawnFromTheSameCells() throws Exception {
        String layer = FeatureWrites.newLayer(server);
        admin.create(layer, 109.190, 12.240, "fire", 2);
        org.iocmap.tiles.grid.TileCoord tile = org.iocmap.tiles.grid.WebMercator.tileAt(109.190, 12.240, 12);
        java.awt.image.BufferedImage image = heatTile(layer, tile, "");
        assertThat(painted(image)).isEqualTo(256); // one cell of 16 x 16 pixels
        HttpResponse<String> bad = Http.get(
                server.baseUrl() + "/api/heatmap/" + layer + "/12/" + tile.x() + "/" + tile.y() + ".png?max=0",
                operator);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("max");
    }

    @Test
    void badParametersAreNamed() {
        assertProblem("layer=citizen_reports", "zoom");
        assertProblem("layer=citizen_reports&zoom=30", "a whole number from 0 to 21");
        assertProblem("layer=citizen_reports&zoom=5&resolution=5", "either zoom");
        assertProblem("layer=citizen_reports&zoom=5&weight=status", "weight");
        assertProblem("layer=citizen_reports&zoom=5&from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "not after");
        assertProblem("layer=citizen_reports&zoom=5&bbox=1,2,3", "bbox");
        assertProblem("zoom=5", "layer");
        assertProblem("layer=citizen_reports&zoom=5&grid=hex", "square (Web Mercator squares, the default) or h3");
        assertProblem("layer=citizen_reports&grid=h3&resolution=16", "a whole number from 0 to 15");
        assertProblem("layer=citizen_reports&zoom=5&filter=status%20%3D%3D%20'x'", "filter");
        assertProblem("layer=citizen_reports&zoom=5&filter=colour%20%3D%20'red'", "unknown property 'colour'");
    }

    @Test
    void hexagonsCountTheFeaturesOfTheBoxAndFollowTheFilter() {
        String layer = FeatureWrites.newLayer(server);
        admin.create(layer, 109.190, 12.240, "fire", 2);
        admin.create(layer, 109.1901, 12.2401, "fire", 3);
        admin.create(layer, 109.300, 12.400, "flood", 5);
        admin.create(layer, 106.700, 10.780, "flood", 7); // far outside the box below
        JsonObject hexagons = heat("layer=" + layer + "&bbox=109,12,109.5,12.5&grid=h3&resolution=9");
        assertThat(hexagons.getString("grid")).isEqualTo("h3");
        assertThat(hexagons.getInteger("level")).isEqualTo(9);
        assertThat(hexagons.getJsonArray("features")).hasSize(2);
        assertThat(total(hexagons, "count")).isEqualTo(3);
        JsonObject hot = hexagons.getJsonArray("features").stream()
                .map(JsonObject.class::cast)
                .filter(f -> f.getJsonObject("properties").getLong("count") == 2)
                .findFirst()
                .orElseThrow();
        assertThat(hot.getString("id")).matches("89[0-9a-f]{13}"); // an H3 address at resolution 9
        io.vertx.core.json.JsonArray ring =
                hot.getJsonObject("geometry").getJsonArray("coordinates").getJsonArray(0);
        assertThat(ring).hasSize(7); // six corners, closed
        assertThat(ring.getJsonArray(0)).isEqualTo(ring.getJsonArray(6));
        assertThat(ring.getJsonArray(0).getDouble(0)).isCloseTo(109.19, org.assertj.core.api.Assertions.within(0.01));

        JsonObject fires = heat("layer=" + layer
                + "&bbox=109,12,109.5,12.5&grid=h3&resolution=9&filter=kind%20%3D%20'fire'" + "&weight=level");
        assertThat(fires.getJsonArray("features")).hasSize(1);
        assertThat(total(fires, "sum")).isEqualTo(5);

        // At zoom 12 near 12°N a pixel is about 37 m: cells of about 32 pixels are resolution 8 (0.74 km²).
        assertThat(heat("layer=" + layer + "&bbox=109,12,109.5,12.5&grid=h3&zoom=12")
                        .getInteger("level"))
                .isEqualTo(8);
        JsonObject everywhere = heat("layer=" + layer + "&grid=h3&resolution=15");
        assertThat(everywhere.getInteger("level")).isLessThan(15); // the world at 1 m² cells is too many
        assertThat(total(everywhere, "count")).isEqualTo(4);
    }

    @Test
    void cellsAtTheEdgeOfTheBoxHoldAllTheirPoints() {
        String layer = FeatureWrites.newLayer(server);
        // Two points of one level-10 square (0.35° wide) on either side of the box's east edge.
        admin.create(layer, 109.50, 12.30, "fire", 1);
        admin.create(layer, 109.60, 12.30, "fire", 1);
        JsonObject squares = heat("layer=" + layer + "&bbox=109.3,12.2,109.55,12.4&resolution=10");
        assertThat(squares.getJsonArray("features")).hasSize(1);
        assertThat(total(squares, "count")).isEqualTo(2);
        // The same with hexagons of about 1.2 km across, the box's edge between the points.
        admin.create(layer, 109.70, 12.30, "fire", 1);
        admin.create(layer, 109.7003, 12.30, "fire", 1);
        JsonObject hexagons = heat("layer=" + layer + "&bbox=109.69,12.2,109.7001,12.4&grid=h3&resolution=8");
        assertThat(total(hexagons, "count")).isEqualTo(2);
    }

    @Test
    void hexagonHeatTilesColourThePlaceOfThePoints() throws Exception {
        String layer = FeatureWrites.newLayer(server);
        admin.create(layer, 109.190, 12.240, "fire", 2);
        org.iocmap.tiles.grid.TileCoord tile = org.iocmap.tiles.grid.WebMercator.tileAt(109.190, 12.240, 12);
        java.awt.image.BufferedImage image = heatTile(layer, tile, "?grid=h3");
        double world = 256 * Math.pow(2, 12);
        double sin = Math.sin(Math.toRadians(12.240));
        int px = (int) ((109.190 + 180) / 360 * world - tile.x() * 256.0);
        int py = (int) ((0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * world - tile.y() * 256.0);
        assertThat(image.getRGB(px, py) >>> 24).isEqualTo(170);
        assertThat(painted(image))
                .isBetween(100, 700); // one hexagon of about (16 pixels)², maybe cut by the tile's edge
    }

    /** Fetches a zoom-12 heat tile of the layer as the operator. */
    private static java.awt.image.BufferedImage heatTile(
            String layer, org.iocmap.tiles.grid.TileCoord tile, String query) throws Exception {
        java.net.http.HttpResponse<byte[]> png = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl() + "/api/heatmap/"
                                        + layer + "/12/" + tile.x() + "/" + tile.y() + ".png" + query))
                                .header("Authorization", "Bearer " + operator)
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(png.statusCode()).isEqualTo(200);
        return javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png.body()));
    }

    /** Counts the pixels that are not transparent. */
    private static int painted(java.awt.image.BufferedImage image) {
        int painted = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                painted += (image.getRGB(x, y) >>> 24) != 0 ? 1 : 0;
            }
        }
        return painted;
    }

    private static void assertProblem(String query, String text) {
        HttpResponse<String> response = Http.get(server.baseUrl() + "/api/heatmap?" + query, operator);
        assertThat(response.statusCode()).as(query).isEqualTo(400);
        assertThat(response.body()).contains(text);
    }
}
