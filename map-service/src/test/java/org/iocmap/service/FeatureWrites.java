package org.iocmap.service;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.iocmap.layers.model.Title;

/** Writes features through the OGC API Part 4 routes, as an editing client would, and creates test layers. */
final class FeatureWrites {
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final TestServer server;
    private final String token;

    FeatureWrites(TestServer server, String token) {
        this.server = server;
        this.token = token;
    }

    /** Creates a fresh generic point layer readable by operators, with {@code kind} (string) and {@code level}. */
    static String newLayer(TestServer server) {
        String id = "s_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        server.app()
                .catalog()
                .createGenericLayer(
                        id,
                        Title.of("Sự cố thử", "Test incidents"),
                        "Point",
                        false,
                        Set.of("operator"),
                        List.of(
                                Map.of("name", "kind", "type", "string", "vi", "Loại", "en", "Kind"),
                                Map.of("name", "level", "type", "integer", "vi", "Mức", "en", "Level")),
                        900);
        return id;
    }

    /** Returns a GeoJSON Feature at (lon, lat) with the two properties. */
    static JsonObject feature(double lon, double lat, String kind, int level) {
        return new JsonObject()
                .put("type", "Feature")
                .put(
                        "geometry",
                        new JsonObject()
                                .put("type", "Point")
                                .put("coordinates", new JsonArray().add(lon).add(lat)))
                .put("properties", new JsonObject().put("kind", kind).put("level", level));
    }

    /** Creates a feature and returns its id; fails the test unless the answer is 201. */
    long create(String layer, double lon, double lat, String kind, int level) {
        HttpResponse<String> response =
                post(layer, feature(lon, lat, kind, level).encode());
        expect(response, 201);
        return new JsonObject(response.body()).getLong("id");
    }

    /** Replaces a feature; fails the test unless the answer is 200. */
    void replace(String layer, long id, double lon, double lat, String kind, int level) {
        expect(put(layer, id, feature(lon, lat, kind, level).encode()), 200);
    }

    /** Deletes a feature; fails the test unless the answer is 204. */
    void delete(String layer, long id) {
        expect(send("DELETE", items(layer) + "/" + id, null), 204);
    }

    HttpResponse<String> post(String layer, String body) {
        return send("POST", items(layer), body);
    }

    HttpResponse<String> put(String layer, long id, String body) {
        return send("PUT", items(layer) + "/" + id, body);
    }

    HttpResponse<String> send(String method, String url, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/geo+json");
        }
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String items(String layer) {
        return server.baseUrl() + "/ogc/collections/" + layer + "/items";
    }

    private static void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new AssertionError(response.request().method() + " " + response.uri() + " answered "
                    + response.statusCode() + ", expected " + status + ": " + response.body());
        }
    }
}
