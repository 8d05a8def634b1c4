package org.iocmap.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Asks the running platform map questions over HTTP: radius, nearest, polygon, line buffer, and bad input. */
class QueryApiTest {
    private static final JsonObject NHA_TRANG =
            new JsonObject().put("lon", 109.1967).put("lat", 12.2388);
    private static TestServer server;
    private static String admin;

    @BeforeAll
    static void start() {
        server = TestServer.shared();
        admin = Http.token(server, "admin", "admin");
    }

    private static HttpResponse<String> post(JsonObject body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/query"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonArray features(HttpResponse<String> response, String layer) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body())
                .getJsonArray("results").stream()
                        .map(r -> (JsonObject) r)
                        .filter(r -> r.getString("layer").equals(layer))
                        .findFirst()
                        .orElseThrow()
                        .getJsonObject("features")
                        .getJsonArray("features");
    }

    /** Returns the great-circle distance in metres (a sphere of 6,371 km is close enough for these margins). */
    private static double metres(double lon1, double lat1, double lon2, double lat2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * 6_371_000 * Math.asin(Math.sqrt(a));
    }

    @Test
    void nearReturnsOnlyFeaturesInsideTheRadius() {
        JsonObject near = NHA_TRANG.copy().put("radiusMetres", 1500);
        JsonArray cameras =
                features(post(new JsonObject().put("layers", List.of("cameras")).put("near", near), admin), "cameras");
        assertThat(cameras).isNotEmpty();
        for (Object f : cameras) {
            JsonArray xy = ((JsonObject) f).getJsonObject("geometry").getJsonArray("coordinates");
            assertThat(metres(109.1967, 12.2388, xy.getDouble(0), xy.getDouble(1)))
                    .isLessThanOrEqualTo(1500 * 1.005);
        }
        JsonArray wider = features(
                post(
                        new JsonObject()
                                .put("layers", List.of("cameras"))
                                .put("near", NHA_TRANG.copy().put("radiusMetres", 5000)),
                        admin),
                "cameras");
        assertThat(wider.size()).isGreaterThan(cameras.size());
    }

    @Test
    void nearestReturnsKFeaturesNearestFirstWithDistances() {
        String fisheries = Http.token(server, "fisheries", "fisheries");
        JsonObject body = new JsonObject()
                .put("layers", List.of("vessels"))
                .put(
                        "nearest",
                        new JsonObject().put("lon", 109.6).put("lat", 12.2).put("k", 10));
        JsonArray vessels = features(post(body, fisheries), "vessels");
        assertThat(vessels).hasSize(10);
        double previous = -1;
        for (Object f : vessels) {
            double d = ((JsonObject) f).getDouble("distance_m");
            assertThat(d).isGreaterThanOrEqualTo(previous);
            previous = d;
        }
    }

    @Test
    void withinAPolygonKeepsWhatIsInsideForEveryReadableLayer() {
        JsonObject square = new JsonObject()
                .put("type", "Polygon")
                .put(
                        "coordinates",
                        new JsonArray()
                                .add(new JsonArray()
                                        .add(List.of(109.15, 12.2))
                                        .add(List.of(109.25, 12.2))
                                        .add(List.of(109.25, 12.3))
                                        .add(List.of(109.15, 12.3))
                                        .add(List.of(109.15, 12.2))));
        HttpResponse<String> response = post(new JsonObject().put("within", square), null); // anonymous: public layers
        JsonArray results = new JsonObject(response.body()).getJsonArray("results");
        assertThat(results.stream()
                        .map(r -> ((JsonObject) r).getString("layer"))
                        .toList())
                .contains("land_use_plans", "env_stations")
                .doesNotContain("cameras");
        for (Object f : features(response, "env_stations")) {
            JsonArray xy = ((JsonObject) f).getJsonObject("geometry").getJsonArray("coordinates");
            assertThat(xy.getDouble(0)).isBetween(109.15, 109.25);
            assertThat(xy.getDouble(1)).isBetween(12.2, 12.3);
        }
    }

    @Test
    void alongALineKeepsWhatIsWithinTheBuffer() {
        JsonObject road = new JsonObject()
                .put("type", "LineString")
                .put("coordinates", new JsonArray().add(List.of(109.17, 12.22)).add(List.of(109.21, 12.26)));
        JsonObject body = new JsonObject()
                .put("layers", List.of("citizen_reports"))
                .put("along", new JsonObject().put("line", road).put("bufferMetres", 200));
        JsonArray narrow = features(post(body, admin), "citizen_reports");
        body.getJsonObject("along").put("bufferMetres", 1000);
        JsonArray wide = features(post(body, admin), "citizen_reports");
        assertThat(wide.size()).isGreaterThan(narrow.size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "two questions | {\"near\":{\"lon\":109,\"lat\":12,\"radiusMetres\":5},\"nearest\":{\"lon\":109,\"lat\":12}} | body | exactly one of",
                "no question | {\"layers\":[\"cameras\"]} | body | exactly one of",
                "radius negative | {\"near\":{\"lon\":109,\"lat\":12,\"radiusMetres\":-5}} | radiusMetres | from 0 to",
                "latitude 95 | {\"nearest\":{\"lon\":109,\"lat\":95}} | lat | from -90 to 90",
                "k zero | {\"nearest\":{\"lon\":109,\"lat\":12,\"k\":0}} | k | from 1 to 1000",
                "bow-tie polygon | {\"within\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}} | within | Self-intersection",
                "point for within | {\"within\":{\"type\":\"Point\",\"coordinates\":[0,0]}} | within | Polygon",
                "unknown field | {\"near\":{\"lon\":109,\"lat\":12,\"radiusMetres\":5},\"colour\":1} | colour | no field"
            })
    void badQueriesAreA400NamingTheField(String what, String body, String field, String expected) {
        HttpResponse<String> response = post(new JsonObject(body), admin);
        assertThat(response.statusCode()).as(what).isEqualTo(400);
        JsonObject problem = new JsonObject(response.body());
        assertThat(problem.getString("parameter")).isEqualTo(field);
        assertThat(problem.getString("detail")).contains(expected);
    }

    @Test
    void aLayerTheRoleMayNotReadIsForbidden() {
        String planner = Http.token(server, "planner", "planner");
        JsonObject body = new JsonObject()
                .put("layers", List.of("vessels"))
                .put("near", NHA_TRANG.copy().put("radiusMetres", 100));
        assertThat(post(body, planner).statusCode()).isEqualTo(403);
        assertThat(post(body, null).statusCode()).isEqualTo(401);
    }
}
