package org.iocmap.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.iocmap.layers.changes.Change;
import org.iocmap.layers.changes.ChangeLog;
import org.iocmap.layers.changes.ChangeOp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Drives the OGC API Part 4 write routes over HTTP: create, replace, delete, roles, built-in kinds, bad input. */
class EditApiTest {
    private static TestServer server;
    private static FeatureWrites admin;
    private static String layer;

    @BeforeAll
    static void start() {
        server = TestServer.shared();
        admin = new FeatureWrites(server, Http.token(server, "admin", "admin"));
        layer = FeatureWrites.newLayer(server);
    }

    private static JsonObject json(HttpResponse<String> response) {
        return new JsonObject(response.body());
    }

    @Test
    void aFeatureIsCreatedReplacedAndDeletedWithItsChangesLogged() {
        ChangeLog log = new ChangeLog(server.app().store());
        long before = log.lastId();
        String token = Http.token(server, "admin", "admin");

        HttpResponse<String> created = admin.post(
                layer,
                FeatureWrites.feature(109.19, 12.24, "fire", 2)
                        .put("time", new JsonObject().put("instant", "2026-01-31T08:00:00+07:00"))
                        .encode());
        assertThat(created.statusCode()).isEqualTo(201);
        long id = json(created).getLong("id");
        String location = created.headers().firstValue("location").orElseThrow();
        assertThat(location).isEqualTo(admin.items(layer) + "/" + id);
        JsonObject read = json(Http.get(location, token));
        assertThat(read.getJsonObject("geometry").getJsonArray("coordinates"))
                .isEqualTo(new JsonArray().add(109.19).add(12.24));
        assertThat(read.getJsonObject("properties").getString("kind")).isEqualTo("fire");
        assertThat(read.getJsonObject("properties").getInteger("level")).isEqualTo(2);

        HttpResponse<String> replaced = admin.put(
                layer, id, FeatureWrites.feature(109.2, 12.3, "flood", 4).encode());
        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(json(Http.get(location, token)).getJsonObject("properties").getString("kind"))
                .isEqualTo("flood");

        assertThat(admin.send("DELETE", location, null).statusCode()).isEqualTo(204);
        assertThat(Http.get(location, token).statusCode()).isEqualTo(404);
        assertThat(admin.send("DELETE", location, null).statusCode()).isEqualTo(404);

        List<Change> changes = log.readAfter(before, 1000).stream()
                .filter(c -> c.layerId().equals(layer))
                .toList();
        assertThat(changes).extracting(Change::op).containsExactly(ChangeOp.ADDED, ChangeOp.CHANGED, ChangeOp.REMOVED);
        assertThat(changes).extracting(Change::featureId).containsOnly(id);
    }

    @Test
    void replacingAMissingFeatureIs404() {
        HttpResponse<String> response = admin.put(
                layer, Long.MAX_VALUE, FeatureWrites.feature(1, 1, "fire", 1).encode());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).getString("detail")).contains("has no feature with id");
    }

    @Test
    void onlyAdministratorsWrite() {
        String body = FeatureWrites.feature(1, 1, "fire", 1).encode();
        HttpResponse<String> anonymous = new FeatureWrites(server, null).post(layer, body);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("content-type")).contains("application/problem+json");
        HttpResponse<String> operator =
                new FeatureWrites(server, Http.token(server, "operator", "operator")).post(layer, body);
        assertThat(operator.statusCode()).isEqualTo(403);
        assertThat(json(operator).getString("detail")).contains("only the admin role");
    }

    @Test
    void builtInLayersAreFedByTheirFeedsNotByThisApi() {
        HttpResponse<String> response =
                admin.post("vessels", FeatureWrites.feature(109.5, 12, "x", 1).encode());
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("allow")).contains("GET");
        assertThat(json(response).getString("detail")).contains("built-in vessel layer", "its feed");
        assertThat(admin.send("DELETE", admin.items("cameras") + "/1", null).statusCode())
                .isEqualTo(405);
        assertThat(admin.post(
                                "no_such_layer",
                                FeatureWrites.feature(1, 1, "x", 1).encode())
                        .statusCode())
                .isEqualTo(404);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "not JSON | {\"type\": | body | a GeoJSON Feature",
                "not a Feature | {\"type\":\"FeatureCollection\",\"features\":[]} | type | \"Feature\"",
                "no geometry | {\"type\":\"Feature\",\"properties\":{}} | geometry | a GeoJSON geometry object",
                "unknown geometry type | {\"type\":\"Feature\",\"geometry\":{\"type\":\"Circle\",\"coordinates\":[1,2]}} | geometry | a GeoJSON geometry object",
                "longitude out of range | {\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[181,2]}} | geometry | within ±180 and ±90",
                "latitude out of range | {\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,-90.5]}} | geometry | within ±180 and ±90",
                "wrong geometry type | {\"type\":\"Feature\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[1,2],[3,4]]}} | geometry | a Point, the geometry type of layer",
                "unknown property | {\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]},\"properties\":{\"colour\":\"red\"}} | properties.colour | no property 'colour'",
                "property of the wrong type | {\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]},\"properties\":{\"level\":\"high\"}} | properties.level | a whole number",
                "bad time | {\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]},\"time\":{\"instant\":\"yesterday\"}} | time | RFC 3339",
            })
    void badFeaturesAreRejectedNamingTheField(String what, String body, String field, String expected) {
        HttpResponse<String> response = admin.post(layer, body);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
        assertThat(json(response).getString("parameter")).isEqualTo(field);
        assertThat(json(response).getString("detail")).contains(expected);
    }

    @Test
    void anInvalidPolygonIsRejectedWithTheReasonAndPlace() {
        String polygonLayer = "p_" + Long.toHexString(System.nanoTime());
        server.app()
                .catalog()
                .createGenericLayer(
                        polygonLayer,
                        org.iocmap.layers.model.Title.of("Vùng", "Areas"),
                        "Polygon",
                        false,
                        java.util.Set.of(),
                        List.of(java.util.Map.of("name", "name", "type", "string", "vi", "Tên", "en", "Name")),
                        900);
        String bowTie = "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                + "[[[0,0],[10,10],[10,0],[0,10],[0,0]]]},\"properties\":{}}";
        HttpResponse<String> response = admin.post(polygonLayer, bowTie);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).getString("parameter")).isEqualTo("geometry");
        assertThat(json(response).getString("detail")).contains("self-intersection at [5.0, 5.0]");
    }

    @Test
    void anIdInTheBodyMustMatchTheUrl() {
        long id = admin.create(layer, 1, 1, "fire", 1);
        HttpResponse<String> response = admin.put(
                layer,
                id,
                FeatureWrites.feature(1, 1, "fire", 1).put("id", id + 1).encode());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).getString("parameter")).isEqualTo("id");
    }
}
