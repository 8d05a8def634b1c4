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
        java.net.http.HttpResponse<byte[]> png = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl() + "/api/heatmap/"
                                        + layer + "/12/" + tile.x() + "/" + tile.y() + ".png"))
                                .header("Authorization", "Bearer " + operator)
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(png.statusCode()).isEqualTo(200);
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png.body()));
        int painted = 0;
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                if ((image.getRGB(x, y) >>> 24) != 0) {
                    painted++;
                }
            }
        }
        assertThat(painted).isEqualTo(64); // one cell of 8 x 8 pixels
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
    }

    private static void assertProblem(String query, String text) {
        HttpResponse<String> response = Http.get(server.baseUrl() + "/api/heatmap?" + query, operator);
        assertThat(response.statusCode()).as(query).isEqualTo(400);
        assertThat(response.body()).contains(text);
    }
}
