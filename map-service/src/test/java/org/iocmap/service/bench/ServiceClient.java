package org.iocmap.service.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.iocmap.layers.kinds.LayerCatalog;
import org.iocmap.layers.model.FeatureQuery;
import org.iocmap.layers.model.Layer;
import org.iocmap.layers.model.SpatialFilter;

/**
 * Asks the service the benchmark's questions: over HTTP with the JDK client, as an outside client would (one client,
 * HTTP/1.1 keep-alive connections, one per concurrent caller), and in process through {@link Layer}, to tell the
 * store's share of the time from the HTTP and GeoJSON share.
 */
final class ServiceClient {
    private static final byte[] FEATURE = "\"Feature\"".getBytes(StandardCharsets.US_ASCII);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // the service speaks HTTP/1.1; no h2c upgrade attempts
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;
    private final LayerCatalog catalog;
    private final BenchQueries queries;

    ServiceClient(int port, LayerCatalog catalog, BenchQueries queries) {
        this.base = "http://127.0.0.1:" + port;
        this.catalog = catalog;
        this.queries = queries;
    }

    /** GET /ogc/conformance: a static answer without a store call, the floor of the HTTP path. */
    LoadRunner.Client floorHttp() {
        return index -> {
            get("/ogc/conformance");
            return 0;
        };
    }

    /** GET /ogc/collections/bench_points/items?bbox=…&amp;limit=100. */
    LoadRunner.Client bboxHttp() {
        return index -> features(boxItems(queries.boxes[BenchQueries.slot(index)]));
    }

    /** POST /api/query {"layers": ["bench_points"], "nearest": {"lon", "lat", "k": 10}}. */
    LoadRunner.Client knnHttp() {
        return index -> features(post("/api/query", queries.nearestBodies[BenchQueries.slot(index)]));
    }

    /** POST /api/query {"layers": ["bench_polygons"], "within": a ~1 km hexagon}. */
    LoadRunner.Client areaHttp() {
        return index -> features(post("/api/query", queries.areaBodies[BenchQueries.slot(index)]));
    }

    /** {@link Layer#query} with the box, as the items route calls it. */
    LoadRunner.Client bboxInProcess() {
        Layer layer = layer(BenchDataset.POINTS_LAYER);
        return index -> layer.query(new FeatureQuery(
                        queries.boxes[BenchQueries.slot(index)].bbox(), null, BenchQueries.BOX_LIMIT, 0))
                .features()
                .size();
    }

    /** {@link Layer#nearest}, as POST /api/query calls it. */
    LoadRunner.Client knnInProcess() {
        Layer layer = layer(BenchDataset.POINTS_LAYER);
        FeatureQuery constraints = FeatureQuery.all(BenchQueries.AREA_LIMIT); // what POST /api/query passes
        return index -> layer.nearest(queries.nearestTo[BenchQueries.slot(index)], BenchQueries.K, constraints)
                .size();
    }

    /** {@link Layer#query} with an intersects filter, as POST /api/query calls it for {@code within}. */
    LoadRunner.Client areaInProcess() {
        Layer layer = layer(BenchDataset.POLYGONS_LAYER);
        return index -> layer.query(FeatureQuery.all(BenchQueries.AREA_LIMIT)
                        .withSpatial(new SpatialFilter.Intersects(queries.areas[BenchQueries.slot(index)])))
                .features()
                .size();
    }

    /** Returns the items answer for one box. */
    byte[] boxItems(BenchQueries.Box box) throws IOException, InterruptedException {
        return get("/ogc/collections/" + BenchDataset.POINTS_LAYER + "/items?bbox=" + box.param() + "&limit="
                + BenchQueries.BOX_LIMIT);
    }

    byte[] post(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private byte[] get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private byte[] send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response =
                http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException(response.request().method() + " " + response.uri() + " answered "
                    + response.statusCode() + ": " + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }

    private Layer layer(String id) {
        return catalog.find(id).orElseThrow(() -> new IllegalStateException("layer " + id + " is missing"));
    }

    /** Counts the features of a GeoJSON answer without parsing it: the client shares the CPU with the server. */
    static int features(byte[] body) {
        int count = 0;
        outer:
        for (int i = 0; i + FEATURE.length <= body.length; i++) {
            for (int j = 0; j < FEATURE.length; j++) {
                if (body[i + j] != FEATURE[j]) {
                    continue outer;
                }
            }
            count++;
        }
        return count;
    }
}
