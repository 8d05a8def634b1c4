package org.iocmap.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.iocmap.service.auth.Jurisdictions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * Drives the limit of a user to an area through the running platform: the demo operator of Nha Trang sees the
 * incidents inside the demo area only, in every way the map reads them, and other layers as any operator does.
 */
class JurisdictionApiTest {
    private static TestServer server;
    private static String admin;
    private static String operator;
    private static String nhaTrang;

    @BeforeAll
    static void start() {
        server = TestServer.shared();
        admin = Http.token(server, "admin", "admin");
        operator = Http.token(server, "operator", "operator");
        nhaTrang = Http.token(server, Jurisdictions.DEMO_USER, Jurisdictions.DEMO_USER);
    }

    private static JsonObject get(String path, String token) {
        HttpResponse<String> response = Http.get(server.baseUrl() + path, token);
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    private static PreparedGeometry demoArea() {
        JsonObject feature = get("/api/areas/" + Jurisdictions.DEMO_AREA, operator);
        Geometry area = org.iocmap.service.http.GeoJson.toGeometry(feature.getJsonObject("geometry"));
        return PreparedGeometryFactory.prepare(area);
    }

    @Test
    void signInNamesTheAreaAndTheProvincesAreListed() {
        HttpResponse<String> response = Http.postJson(
                server.baseUrl() + "/api/auth/token",
                new JsonObject()
                        .put("username", Jurisdictions.DEMO_USER)
                        .put("password", Jurisdictions.DEMO_USER)
                        .encode());
        assertThat(new JsonObject(response.body()).getJsonObject("area").getString("code"))
                .isEqualTo(Jurisdictions.DEMO_AREA);
        assertThat(get("/api/auth/me", nhaTrang).getJsonObject("area").getString("code"))
                .isEqualTo(Jurisdictions.DEMO_AREA);
        assertThat(get("/api/auth/me", operator).containsKey("area")).isFalse();

        JsonArray areas = get("/api/areas", operator).getJsonArray("areas");
        List<String> codes =
                areas.stream().map(a -> ((JsonObject) a).getString("code")).toList();
        assertThat(codes).contains("VN-34", "VN-HN", "VN-SG", Jurisdictions.DEMO_AREA);
        // 63 provinces; Côn Đảo is part of Bà Rịa – Vũng Tàu, not a province of its own
        assertThat(areas.stream()
                        .filter(a -> ((JsonObject) a).getString("level").equals("province")))
                .hasSize(63);
    }

    @Test
    void theOgcItemsOfIncidentLayersKeepToTheArea() {
        PreparedGeometry area = demoArea();
        for (String layer : List.of("citizen_reports", "fire_alarms")) {
            JsonObject all = get("/ogc/collections/" + layer + "/items?limit=1", operator);
            JsonObject limited = get("/ogc/collections/" + layer + "/items?limit=10000", nhaTrang);
            long total = all.getLong("numberMatched");
            long inside = limited.getLong("numberMatched");
            assertThat(inside).as(layer).isPositive().isLessThan(total);
            JsonArray features = limited.getJsonArray("features");
            assertThat(features).hasSize((int) inside);
            for (Object f : features) {
                Point p =
                        (Point) org.iocmap.service.http.GeoJson.toGeometry(((JsonObject) f).getJsonObject("geometry"));
                assertThat(area.covers(p)).as(layer + " " + p).isTrue();
            }
        }
        // Layers that are not incidents stay whole.
        assertThat(get("/ogc/collections/cameras/items?limit=1", nhaTrang).getLong("numberMatched"))
                .isEqualTo(
                        get("/ogc/collections/cameras/items?limit=1", operator).getLong("numberMatched"));
    }

    @Test
    void aFeatureOutsideTheAreaIsNotFoundAndItsTilesAreRefused() {
        JsonObject outside = get(
                "/ogc/collections/citizen_reports/items?limit=1&filter="
                        + java.net.URLEncoder.encode(
                                "S_DISJOINT(geom, POLYGON((109.10 12.16, 109.26 12.16, 109.26 12.34, 109.10 12.34,"
                                        + " 109.10 12.16)))",
                                java.nio.charset.StandardCharsets.UTF_8),
                operator);
        long id = outside.getJsonArray("features").getJsonObject(0).getLong("id");
        assertThat(Http.get(server.baseUrl() + "/ogc/collections/citizen_reports/items/" + id, operator)
                        .statusCode())
                .isEqualTo(200);
        assertThat(Http.get(server.baseUrl() + "/ogc/collections/citizen_reports/items/" + id, nhaTrang)
                        .statusCode())
                .isEqualTo(404);

        HttpResponse<String> tile = Http.get(server.baseUrl() + "/tiles/citizen_reports/10/822/479.mvt", nhaTrang);
        assertThat(tile.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(tile.body()).getString("detail")).contains(Jurisdictions.DEMO_AREA, "/api/stream");
        assertThat(Http.get(server.baseUrl() + "/tiles/cameras/10/822/479.mvt", nhaTrang)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void theStreamSnapshotKeepsToTheArea() {
        PreparedGeometry area = demoArea();
        try (StreamClient stream = SseStreamClient.open(
                server.baseUrl() + "/api/stream?" + SseStreamClient.query(Map.of("layer", "citizen_reports")),
                nhaTrang,
                null)) {
            List<StreamClient.Event> start = stream.untilReady();
            List<JsonObject> features = start.stream()
                    .filter(e -> e.features() != null)
                    .flatMap(e -> e.features().stream().map(f -> (JsonObject) f))
                    .toList();
            assertThat(features).isNotEmpty();
            assertThat(features).allSatisfy(f -> assertThat(
                            area.covers(org.iocmap.service.http.GeoJson.toGeometry(f.getJsonObject("geometry"))))
                    .isTrue());
        }
    }

    @Test
    void anAdministratorDrawsAnAreaAndLimitsAUserToIt() {
        String polygon = "{\"type\":\"Polygon\",\"coordinates\":[[[109.18,12.22],[109.21,12.22],[109.21,12.25],"
                + "[109.18,12.25],[109.18,12.22]]]}";
        String body = "{\"name\":\"Phường Lộc Thọ (thử)\",\"level\":\"ward\",\"geometry\":" + polygon + "}";
        HttpResponse<String> byOperator =
                Http.request("PUT", server.baseUrl() + "/api/areas/test-loc-tho", operator, "application/json", body);
        assertThat(byOperator.statusCode()).isEqualTo(403);
        HttpResponse<String> created =
                Http.request("PUT", server.baseUrl() + "/api/areas/test-loc-tho", admin, "application/json", body);
        assertThat(created.statusCode()).as(created.body()).isIn(200, 201);

        String bowTie = "{\"name\":\"x\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,1],[1,0],[0,1],"
                + "[0,0]]]}}";
        HttpResponse<String> invalid =
                Http.request("PUT", server.baseUrl() + "/api/areas/bad", admin, "application/json", bowTie);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(invalid.body()).getString("detail")).contains("Self-intersection");

        HttpResponse<String> unknownArea = Http.request(
                "PUT",
                server.baseUrl() + "/api/users/planner/area",
                admin,
                "application/json",
                "{\"area\":\"no-such-area\"}");
        assertThat(unknownArea.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(unknownArea.body()).getString("parameter")).isEqualTo("area");

        assertThat(Http.request(
                                "PUT",
                                server.baseUrl() + "/api/users/planner/area",
                                admin,
                                "application/json",
                                "{\"area\":\"test-loc-tho\"}")
                        .statusCode())
                .isEqualTo(200);
        try {
            String planner = Http.token(server, "planner", "planner");
            long inside = get("/ogc/collections/citizen_reports/items?limit=1", planner)
                    .getLong("numberMatched");
            long all = get("/ogc/collections/citizen_reports/items?limit=1", operator)
                    .getLong("numberMatched");
            assertThat(inside).isPositive().isLessThan(all);
        } finally {
            Http.request(
                    "PUT", server.baseUrl() + "/api/users/planner/area", admin, "application/json", "{\"area\":null}");
        }
    }
}
