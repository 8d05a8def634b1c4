package org.iocmap.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.iocmap.tiles.grid.TileCoord;
import org.iocmap.tiles.grid.WebMercator;
import org.iocmap.tiles.mvt.MvtFeatureIds;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pins the tile cache as a client meets it: a tile is made once and then served as kept; a feature that moves makes
 * exactly the tiles it left and entered stale, the next fetch shows the move, and pages on the live stream are told
 * which tiles to fetch again.
 */
class TileCacheApiTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static TestServer server;
    private static String operator;
    private static FeatureWrites admin;

    @BeforeAll
    static void start() {
        server = TestServer.shared();
        operator = Http.token(server, "operator", "operator");
        admin = new FeatureWrites(server, Http.token(server, "admin", "admin"));
    }

    private static byte[] tile(String layer, TileCoord t) throws Exception {
        HttpResponse<byte[]> response = CLIENT.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/tiles/" + layer + "/" + t.z() + "/" + t.x() + "/"
                                + t.y() + ".mvt"))
                        .header("Authorization", "Bearer " + operator)
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static byte[] png(String layer, TileCoord t) throws Exception {
        HttpResponse<byte[]> response = CLIENT.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/tiles/" + layer + "/" + t.z() + "/" + t.x() + "/"
                                + t.y() + ".png"))
                        .header("Authorization", "Bearer " + operator)
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("image/png");
        return response.body();
    }

    /** Counts the pixels of a PNG tile that are not fully transparent. */
    private static int painted(byte[] png) throws Exception {
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(256);
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) >>> 24) != 0) {
                    n++;
                }
            }
        }
        return n;
    }

    private static List<Long> ids(byte[] tile) {
        return Arrays.stream(MvtFeatureIds.read(tile)).boxed().toList();
    }

    @Test
    void aMovedFeatureLeavesItsOldTileAndEntersItsNewOneAtOnce() throws Exception {
        String layer = FeatureWrites.newLayer(server);
        long id = admin.create(layer, 109.195, 12.245, "fire", 2);
        TileCoord from = WebMercator.tileAt(109.195, 12.245, 14);
        TileCoord to = WebMercator.tileAt(109.300, 12.300, 14);
        TileCoord parent = WebMercator.tileAt(109.195, 12.245, 9); // holds both places
        byte[] first = tile(layer, from);
        assertThat(ids(first)).containsExactly(id);
        assertThat(tile(layer, from)).isEqualTo(first);
        assertThat(ids(tile(layer, to))).isEmpty();
        assertThat(ids(tile(layer, parent))).containsExactly(id);

        assertThat(painted(png(layer, from))).isPositive(); // the feature's marker

        admin.replace(layer, id, 109.300, 12.300, "fire", 3);

        assertThat(painted(png(layer, from))).isZero(); // kept PNG forgotten too: the tile is empty now
        assertThat(painted(png(layer, to))).isPositive();
        assertThat(ids(tile(layer, from))).isEmpty();
        assertThat(ids(tile(layer, to))).containsExactly(id);
        assertThat(ids(tile(layer, parent))).containsExactly(id);
    }

    @Test
    void pagesOnTheLiveStreamAreToldWhichTilesToFetchAgain() throws Exception {
        String layer = FeatureWrites.newLayer(server);
        long id = admin.create(layer, 109.195, 12.245, "flood", 1);
        TileCoord from = WebMercator.tileAt(109.195, 12.245, 13);
        TileCoord elsewhere = WebMercator.tileAt(106.70, 10.78, 13); // not touched by the move
        TileCoord to = WebMercator.tileAt(109.300, 12.300, 13);
        assertThat(ids(tile(layer, from))).containsExactly(id);
        tile(layer, elsewhere);
        tile(layer, to); // kept empty: the move makes it stale too
        try (StreamClient stream = SseStreamClient.open(
                server.baseUrl() + "/api/stream?" + SseStreamClient.query(Map.of("layer", layer)), operator, null)) {
            stream.untilReady();
            admin.replace(layer, id, 109.300, 12.300, "flood", 2);
            List<StreamClient.Event> events = stream.drain(Duration.ofSeconds(2));
            JsonArray told = events.stream()
                    .filter(e -> e.event().equals("tiles"))
                    .map(e -> e.raw().getJsonArray("tiles"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no tiles event among " + events));
            assertThat(told.stream().map(Object::toString).toList())
                    .containsExactlyInAnyOrder(
                            new JsonArray().add(13).add(from.x()).add(from.y()).toString(),
                            new JsonArray().add(13).add(to.x()).add(to.y()).toString());
            assertThat(events.stream().map(StreamClient.Event::event)).contains("changed");
        }
    }
}
