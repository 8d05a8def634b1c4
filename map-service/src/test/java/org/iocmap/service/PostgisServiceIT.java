package org.iocmap.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the whole platform with its demo data on PostGIS, named by {@code IOCMAP_TEST_DB_URL} ({@code .ci/run} sets
 * it), in a schema of its own so the store contract suite on the same database is not disturbed.
 */
class PostgisServiceIT {
    private static final String SCHEMA = "service_it";

    @TempDir
    static Path dataDir;

    private static TestServer server;

    @BeforeAll
    static void start() throws SQLException {
        String url = System.getenv("IOCMAP_TEST_DB_URL");
        assertNotNull(url, "set IOCMAP_TEST_DB_URL (and _USER, _PASSWORD) to a PostGIS database");
        String user = System.getenv("IOCMAP_TEST_DB_USER");
        String password = System.getenv("IOCMAP_TEST_DB_PASSWORD");
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + SCHEMA);
        }
        // PostGIS types live in public; the service's tables go into the first schema of the search path.
        String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA + ",public";
        server = TestServer.start(Map.of(
                "IOCMAP_DB_URL",
                schemaUrl,
                "IOCMAP_DB_USER",
                user,
                "IOCMAP_DB_PASSWORD",
                password == null ? "" : password,
                "IOCMAP_DATA_DIR",
                dataDir.toString(),
                "IOCMAP_DEMO",
                "true"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void healthNamesPostgis() {
        JsonObject health =
                new JsonObject(Http.get(server.baseUrl() + "/health", null).body());
        assertThat(health.getString("status")).isEqualTo("UP");
        assertThat(health.getString("store")).isEqualTo("postgis");
    }

    @Test
    void everyKindIsServedFromPostgisWithTheDemoCounts() {
        String admin = Http.token(server, "admin", "admin");
        JsonArray layers =
                new JsonObject(Http.get(server.baseUrl() + "/api/layers", admin).body()).getJsonArray("layers");
        assertThat(layers).hasSizeGreaterThanOrEqualTo(7);
        // The demo's 500 boats, besides those of the simulated fleet (MMSIs 5749900xx), which sails here too.
        long simulated = matched(
                "vessels",
                "&filter="
                        + java.net.URLEncoder.encode("mmsi LIKE '5749900%'", java.nio.charset.StandardCharsets.UTF_8),
                admin);
        assertThat(matched("vessels", "", admin) - simulated).isEqualTo(500);
        assertThat(matched("citizen_reports", "", admin)).isEqualTo(2000);
        assertThat(matched("land_use_plans", "", null)).isEqualTo(300);
        assertThat(matched("cameras", "&bbox=109.15,12.20,109.22,12.30", admin))
                .isBetween(1L, matched("cameras", "", admin) - 1);
    }

    @Test
    void writesReachALiveStreamThroughTheChangeLogOnPostgis() {
        String layer = FeatureWrites.newLayer(server);
        FeatureWrites admin = new FeatureWrites(server, Http.token(server, "admin", "admin"));
        String url = server.baseUrl() + "/api/stream?layer=" + layer;
        try (StreamClient stream = SseStreamClient.open(url, Http.token(server, "operator", "operator"), null)) {
            stream.untilReady();
            long id = admin.create(layer, 109.2, 12.2, "fire", 2);
            StreamClient.Event added = stream.next();
            assertThat(added.event()).isEqualTo("added");
            assertThat(added.featureId()).isEqualTo(id);
            assertThat(added.feature().getJsonObject("properties").getString("kind"))
                    .isEqualTo("fire");
            admin.delete(layer, id);
            StreamClient.Event removed = stream.next();
            assertThat(removed.event()).isEqualTo("removed");
            assertThat(removed.id()).isGreaterThan(added.id());
        }
    }

    @Test
    void aFireAlarmOpensAnIncidentThatOperatorsCloseOnPostgis() throws Exception {
        String admin = Http.token(server, "admin", "admin");
        String operator = Http.token(server, "operator", "operator");
        String device = "PG-" + Long.toString(System.nanoTime() % 1_000_000, 36);
        JsonObject registered = new JsonObject(Http.request(
                        "POST",
                        server.baseUrl() + "/api/alarm-devices",
                        admin,
                        "application/json",
                        new JsonObject()
                                .put("code", device)
                                .put("building", "Tòa nhà thử PostGIS")
                                .put("lon", 109.1960)
                                .put("lat", 12.2400)
                                .encode())
                .body());
        assertThat(registered.getString("status")).isEqualTo("normal");
        String alarm = new JsonObject()
                .put("device", device)
                .put("type", "ALARM")
                .put("id", device + "-1")
                .encode();
        JsonObject first = post("/api/ingest/alarms", operator, alarm);
        String incident = first.getJsonArray("accepted").getJsonObject(0).getString("incident");
        assertThat(incident).matches("CC-\\d{4}-\\d{6}");
        JsonObject retry = post("/api/ingest/alarms", operator, alarm);
        assertThat(retry.getJsonArray("rejected").getJsonObject(0).getString("reason"))
                .isEqualTo("DUPLICATE");

        JsonObject detail = new JsonObject(Http.get(server.baseUrl() + "/api/fire-incidents/" + incident, operator)
                .body());
        assertThat(detail.getJsonArray("stations")).hasSize(3);
        String station = detail.getJsonArray("stations").getJsonObject(0).getString("code");
        post("/api/fire-incidents/" + incident + "/acknowledge", operator, "{}");
        post(
                "/api/fire-incidents/" + incident + "/dispatch",
                operator,
                new JsonObject().put("station", station).encode());
        JsonObject resolved = post("/api/fire-incidents/" + incident + "/resolve", operator, "{\"note\": \"xong\"}");
        assertThat(resolved.getString("status")).isEqualTo("RESOLVED");
        assertThat(resolved.getJsonArray("history")).hasSize(4);

        // Lists keep to an area (here given directly: the demo users are not limited).
        org.locationtech.jts.geom.Geometry east = new org.locationtech.jts.io.WKTReader()
                .read("POLYGON ((109.19 12.23, 109.20 12.23, 109.20 12.25, 109.19 12.25, 109.19 12.23))");
        var page = server.app()
                .alarms()
                .devices()
                .list(new org.iocmap.service.alarms.AlarmDevices.Filter(
                        java.util.Set.of(),
                        device.toLowerCase(java.util.Locale.ROOT),
                        null,
                        java.util.Optional.of(east),
                        10,
                        0));
        assertThat(page.matched()).isEqualTo(1);
        JsonObject covering =
                new JsonObject(Http.get(server.baseUrl() + "/api/cameras/covering?lon=109.196&lat=12.24", operator)
                        .body());
        assertThat(covering.getJsonArray("cameras")).isNotNull();
    }

    private static JsonObject post(String path, String token, String body) {
        var response = Http.request("POST", server.baseUrl() + path, token, "application/json", body);
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    private static long matched(String layer, String query, String token) {
        String url = server.baseUrl() + "/ogc/collections/" + layer + "/items?limit=1" + query;
        return new JsonObject(Http.get(url, token).body()).getLong("numberMatched");
    }
}
