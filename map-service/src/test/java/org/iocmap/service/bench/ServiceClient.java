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
 * Asks the service the benchmark's questions: over HTTP, as an outside client would (HTTP/1.1 keep-alive, one
 * connection per concurrent caller, through {@link HttpConnection}; the answer checks use the JDK client), and in
 * process through {@link Layer}, to tell the store's share of the time from the HTTP and GeoJSON share.
 */
final class ServiceClient {
    private static final byte[] FEATURE = "\"Feature\"".getBytes(StandardCharsets.US_ASCII);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // the service speaks HTTP/1.1; no h2c upgrade attempts
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final int port;
    private final String base;
    private final LayerCatalog catalog;
    private final BenchQueries queries;

    ServiceClient(int port, LayerCatalog catalog, BenchQueries queries) {
        this.port = port;
        this.base = "http://127.0.0.1:" + port;
        this.catalog = catalog;
        this.queries = queries;
    }

    /** GET /ogc/conformance: a static answer without a store call, the floor of the HTTP path. */
    LoadRunner.Client floorHttp() throws IOException {
        HttpConnection connection = new HttpConnection(port);
        return client(connection, index -> {
            connection.get("/ogc/conformance");
            return 0;
        });
    }

    /** GET /ogc/collections/bench_points/items?bbox=…&amp;limit=100. */
    LoadRunner.Client bboxHttp() throws IOException {
        HttpConnection connection = new HttpConnection(port);
        return client(connection, index -> features(connection.get(boxPath(queries.boxes[BenchQueries.slot(index)]))));
    }

    /** POST /api/query {"layers": ["bench_points"], "nearest": {"lon", "lat", "k": 10}}. */
    LoadRunner.Client knnHttp() throws IOException {
        HttpConnection connection = new HttpConnection(port);
        return client(
                connection,
                index -> features(connection.post(
                        "/api/query",
                        queries.nearestBodies[BenchQueries.slot(index)].getBytes(StandardCharsets.UTF_8))));
    }

    /** POST /api/query {"layers": ["bench_polygons"], "within": a ~1 km hexagon}. */
    LoadRunner.Client areaHttp() throws IOException {
        HttpConnection connection = new HttpConnection(port);
        return client(
                connection,
                index -> features(connection.post(
                        "/api/query", queries.areaBodies[BenchQueries.slot(index)].getBytes(StandardCharsets.UTF_8))));
    }

    /** Returns a client that asks through {@code connection} and closes it when done. */
    private static LoadRunner.Client client(HttpConnection connection, LoadRunner.Client ask) {
        return new LoadRunner.Client() {
            @Override
            public int call(long index) throws Exception {
                return ask.call(index);
            }

            @Override
            public void close() throws IOException {
                connection.close();
            }
        };
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
        return get(boxPath(box));
    }

    private static String boxPath(BenchQueries.Box box) {
        return "/ogc/collections/" + BenchDataset.POINTS_LAYER + "/items?bbox=" + box.param() + "&limit="
                + BenchQueries.BOX_LIMIT;
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
