package org.iocmap.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.iocmap.tiles.grid.TileCoord;
import org.iocmap.tiles.grid.WebMercator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;

/**
 * Serves vector tiles and TileJSON, read back by GDAL's MVT driver as an outside client: the features of a tile are
 * the layer's features in the tile (and its buffer), where the OGC API puts them, with their properties; bad tile
 * addresses, unknown layers and missing sign-ins get clear problems.
 */
class TileApiTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static TestServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        server = TestServer.shared();
    }

    private static HttpResponse<byte[]> fetch(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Runs ogr2ogr on a tile saved as {z}/{x}/{y}.pbf, so that GDAL knows where it lies, and returns GeoJSON. */
    private JsonObject gdalRead(TileCoord tile, byte[] bytes) throws Exception {
        Path file = dir.resolve(tile.z() + "/" + tile.x() + "/" + tile.y() + ".pbf");
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        Process process = new ProcessBuilder(
                        "ogr2ogr", "-f", "GeoJSON", "-t_srs", "EPSG:4326", "/vsistdout/", "MVT:" + file)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("ogr2ogr exit status").isZero();
        return new JsonObject(new String(out, StandardCharsets.UTF_8));
    }

    /** Returns the OGC API features of a layer inside a box, by id. */
    private static Map<Long, JsonObject> items(String layer, Envelope box, String token) {
        String url = server.baseUrl() + "/ogc/collections/" + layer + "/items?limit=10000&bbox=" + box.getMinX() + ","
                + box.getMinY() + "," + box.getMaxX() + "," + box.getMaxY();
        JsonArray features = new JsonObject(Http.get(url, token).body()).getJsonArray("features");
        Map<Long, JsonObject> byId = new HashMap<>();
        features.forEach(f -> byId.put(((JsonObject) f).getLong("id"), (JsonObject) f));
        return byId;
    }

    /** The tile's lon/lat box grown (or shrunk, when negative) by {@code units} tile units of 4096. */
    private static Envelope grown(TileCoord tile, double units) {
        Envelope m = WebMercator.boundsMetres(tile);
        double d = m.getWidth() * units / 4096;
        Coordinate min = WebMercator.toLonLat(m.getMinX() - d, m.getMinY() - d);
        Coordinate max = WebMercator.toLonLat(m.getMaxX() + d, m.getMaxY() + d);
        return new Envelope(min.x, max.x, min.y, max.y);
    }

    @Test
    void gdalReadsTheStationsOfATileWithTheirNamesAndPositions() throws Exception {
        TileCoord tile = WebMercator.tileAt(109.19, 12.24, 10); // Nha Trang
        HttpResponse<byte[]> response =
                fetch("/tiles/env_stations/" + tile.z() + "/" + tile.x() + "/" + tile.y() + ".mvt", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("application/vnd.mapbox-vector-tile");
        JsonArray read = gdalRead(tile, response.body()).getJsonArray("features");
        assertThat(read).isNotEmpty();

        Map<Long, JsonObject> inside = items("env_stations", grown(tile, -1), null);
        Map<Long, JsonObject> withBuffer = items("env_stations", grown(tile, 65), null);
        List<Long> ids = new ArrayList<>();
        double unitDegrees = 360.0 / (1 << tile.z()) / 4096;
        for (Object o : read) {
            JsonObject f = (JsonObject) o;
            long id = f.getJsonObject("properties").getLong("mvt_id");
            ids.add(id);
            JsonObject item = withBuffer.get(id);
            assertThat(item).as("station %d is in the tile's buffered box", id).isNotNull();
            assertThat(f.getJsonObject("properties").getString("name"))
                    .isEqualTo(item.getJsonObject("properties").getString("name"));
            JsonArray at = f.getJsonObject("geometry").getJsonArray("coordinates");
            JsonArray expected = item.getJsonObject("geometry").getJsonArray("coordinates");
            assertThat(Math.abs(at.getDouble(0) - expected.getDouble(0))).isLessThan(unitDegrees);
            assertThat(Math.abs(at.getDouble(1) - expected.getDouble(1))).isLessThan(unitDegrees);
        }
        assertThat(ids).doesNotHaveDuplicates().containsAll(inside.keySet());
    }

    @Test
    void gdalReadsLandUsePolygonsWithTheirCodes() throws Exception {
        TileCoord tile = WebMercator.tileAt(109.19, 12.24, 12);
        HttpResponse<byte[]> response =
                fetch("/tiles/land_use_plans/" + tile.z() + "/" + tile.x() + "/" + tile.y() + ".mvt", null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonArray read = gdalRead(tile, response.body()).getJsonArray("features");
        Map<Long, JsonObject> withBuffer = items("land_use_plans", grown(tile, 65), null);
        assertThat(read).isNotEmpty();
        for (Object o : read) {
            JsonObject f = (JsonObject) o;
            assertThat(f.getJsonObject("geometry").getString("type")).isIn("Polygon", "MultiPolygon");
            JsonObject item = withBuffer.get(f.getJsonObject("properties").getLong("mvt_id"));
            assertThat(item).isNotNull();
            assertThat(f.getJsonObject("properties").getString("land_use_code"))
                    .isEqualTo(item.getJsonObject("properties").getString("land_use_code"));
        }
    }

    @Test
    void aTileWithoutFeaturesIsEmpty() throws Exception {
        HttpResponse<byte[]> response = fetch("/tiles/env_stations/8/0/0.mvt", null); // the North Pacific's edge
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void hiddenFieldsStayOutOfTilesAndTileJson() throws Exception {
        TileCoord tile = WebMercator.tileAt(109.19, 12.24, 11);
        String path = "/tiles/citizen_reports/" + tile.z() + "/" + tile.x() + "/" + tile.y() + ".mvt";
        String planner = Http.token(server, "planner", "planner");
        String operator = Http.token(server, "operator", "operator");
        JsonObject forPlanner = gdalRead(tile, fetch(path, planner).body());
        JsonObject forOperator = gdalRead(tile, fetch(path, operator).body());
        assertThat(forPlanner.getJsonArray("features")).isNotEmpty();
        assertThat(forPlanner.encode()).doesNotContain("reporter_phone");
        assertThat(forOperator.encode()).contains("reporter_phone");

        JsonObject json = new JsonObject(Http.get(server.baseUrl() + "/tiles/citizen_reports.json", planner)
                .body());
        JsonObject fields = json.getJsonArray("vector_layers").getJsonObject(0).getJsonObject("fields");
        assertThat(fields.getMap()).containsKey("status").doesNotContainKey("reporter_phone");
        assertThat(json.getString("tilejson")).isEqualTo("3.0.0");
        assertThat(json.getJsonArray("tiles").getString(0))
                .isEqualTo(server.baseUrl() + "/tiles/citizen_reports/{z}/{x}/{y}.mvt");
    }

    @Test
    void badTileAddressesAndLayersGetClearProblems() throws Exception {
        assertProblem("/tiles/env_stations/25/0/0.mvt", null, 400, "z=25 is out of range");
        assertProblem("/tiles/env_stations/3/9/0.mvt", null, 400, "x=9 is out of range; at z=3 x must be within 0..7");
        assertProblem("/tiles/env_stations/3/0/01.mvt", null, 400, "without leading zeros");
        assertProblem("/tiles/env_stations/3/a/0.mvt", null, 400, "x=a is invalid");
        assertProblem("/tiles/no_such_layer/3/0/0.mvt", null, 404, "no layer with id 'no_such_layer'");
        assertProblem("/tiles/citizen_reports/3/0/0.mvt", null, 401, "sign in");
        assertProblem("/tiles/citizen_reports.json", null, 401, "sign in");
        assertProblem("/tiles/env_stations/3/0/0.gif", null, 404, "");
    }

    private static void assertProblem(String path, String token, int status, String text) throws IOException {
        HttpResponse<String> response = Http.get(server.baseUrl() + path, token);
        assertThat(response.statusCode()).as(path).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
        assertThat(response.body()).contains(text);
    }
}
