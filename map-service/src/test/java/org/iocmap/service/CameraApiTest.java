package org.iocmap.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.iocmap.layers.kinds.Camera;
import org.iocmap.layers.store.SqlDialect;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Point;

/**
 * Operators find the cameras that see a point, nearest first, and keep the registry current: status and where to
 * watch each camera. Test cameras stand around a point far from the demo data, each placed to be in or out of view.
 */
class CameraApiTest {
    private static final double LON = 107.6;
    private static final double LAT = 11.5;
    private static final String RUN =
            Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
    private static TestServer server;
    private static String operator;
    private static String planner;

    @BeforeAll
    static void start() {
        server = TestServer.shared();
        operator = Http.token(server, "operator", "operator");
        planner = Http.token(server, "planner", "planner");
        // Metres north (+) or south (-) and east (+) or west (-) of the point; heading, field of view, range.
        add("A", -30, 0, 0, 60, 100, "online"); // south, looking north: 30 m
        add("B", 0, 60, 270, 40, 100, "online"); // east, looking west: 60 m
        add("C", 0, -10, 90, 90, 50, "online"); // west, looking east: 10 m
        add("D", 20, 0, 0, 60, 100, "online"); // north, looking away
        add("E", -150, 0, 0, 60, 100, "online"); // south, looking north, but 150 m off with a 100 m range
        add("F", 40, 0, 180, 60, 100, "offline"); // north, looking south: 40 m, offline
    }

    @Test
    void coveringCamerasComeNearestFirstWithDistanceAndBearing() {
        JsonObject all = covering("lon=" + LON + "&lat=" + LAT);
        assertThat(codes(all)).containsExactly(code("C"), code("A"), code("F"), code("B"));
        JsonArray cameras = all.getJsonArray("cameras");
        assertThat(cameras.getJsonObject(0).getDouble("distanceM"))
                .isCloseTo(10, org.assertj.core.data.Offset.offset(0.2));
        assertThat(cameras.getJsonObject(0).getDouble("bearingDeg"))
                .isCloseTo(90, org.assertj.core.data.Offset.offset(0.1));
        assertThat(cameras.getJsonObject(1).getDouble("bearingDeg"))
                .isCloseTo(0, org.assertj.core.data.Offset.offset(0.1));
        assertThat(cameras.stream()
                        .map(c -> ((JsonObject) c).getDouble("distanceM"))
                        .toList())
                .isSorted();

        assertThat(codes(covering("lon=" + LON + "&lat=" + LAT + "&status=online")))
                .containsExactly(code("C"), code("A"), code("B"));
        assertThat(codes(covering("lon=" + LON + "&lat=" + LAT + "&limit=2"))).containsExactly(code("C"), code("A"));
    }

    @Test
    void badCoordinatesAreA400NamingTheParameter() {
        checkBadRequest("lon=181&lat=" + LAT, "lon");
        checkBadRequest("lon=abc&lat=" + LAT, "lon");
        checkBadRequest("lon=" + LON, "lat");
        checkBadRequest("lon=" + LON + "&lat=-90.5", "lat");
        checkBadRequest("lon=" + LON + "&lat=" + LAT + "&status=broken", "status");
        checkBadRequest("lon=" + LON + "&lat=" + LAT + "&limit=0", "limit");
        assertThat(Http.get(url("lon=" + LON + "&lat=" + LAT), planner).statusCode())
                .isEqualTo(403);
    }

    @Test
    void anOperatorChangesStatusAndVideoAddresses() {
        String code = code("D");
        JsonObject patched = patch(
                code,
                new JsonObject()
                        .put("status", "offline")
                        .put("streamUrl", "rtsp://10.1.2.3:554/live/" + code)
                        .put("snapshot_url", "/api/cameras/" + code + "/snapshot"));
        assertThat(patched.getString("status")).isEqualTo("offline");
        assertThat(patched.getString("streamUrl")).isEqualTo("rtsp://10.1.2.3:554/live/" + code);
        assertThat(patched.getString("snapshotUrl")).isEqualTo("/api/cameras/" + code + "/snapshot");
        JsonObject listed = get("/api/cameras?status=offline&limit=1000");
        assertThat(listed.getJsonArray("cameras").stream().map(c -> ((JsonObject) c).getString("code")))
                .contains(code);

        JsonObject cleared =
                patch(code, new JsonObject().put("status", "online").putNull("streamUrl"));
        assertThat(cleared.getString("streamUrl")).isNull();
        assertThat(cleared.getString("snapshotUrl")).isEqualTo("/api/cameras/" + code + "/snapshot");

        HttpResponse<String> script = Http.request(
                "PATCH",
                server.baseUrl() + "/api/cameras/" + code,
                operator,
                "application/json",
                new JsonObject().put("streamUrl", "javascript:alert(1)").encode());
        assertThat(script.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(script.body()).getString("parameter")).isEqualTo("streamUrl");
        HttpResponse<String> unknown = Http.request(
                "PATCH",
                server.baseUrl() + "/api/cameras/NO-SUCH-" + RUN,
                operator,
                "application/json",
                new JsonObject().put("status", "online").encode());
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    private static void add(
            String tag, double north, double east, double heading, double fov, double range, String status) {
        double lon = LON + east / (111_320 * Math.cos(Math.toRadians(LAT)));
        double lat = LAT + north / 110_600;
        Point p = SqlDialect.WGS84.createPoint(new Coordinate(lon, lat));
        p.setSRID(4326);
        Camera camera = new Camera(
                code(tag), "Camera thử " + tag, "security", heading, fov, range, status, null, Instant.now(), p);
        server.app().store().inTransaction(session -> {
            session.persist(camera);
            return null;
        });
    }

    private static String code(String tag) {
        return "TC-" + RUN + "-" + tag;
    }

    private static String url(String query) {
        return server.baseUrl() + "/api/cameras/covering?" + query;
    }

    private static JsonObject covering(String query) {
        HttpResponse<String> response = Http.get(url(query), operator);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    private static JsonObject get(String path) {
        HttpResponse<String> response = Http.get(server.baseUrl() + path, operator);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    private static JsonObject patch(String code, JsonObject body) {
        HttpResponse<String> response = Http.request(
                "PATCH", server.baseUrl() + "/api/cameras/" + code, operator, "application/json", body.encode());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    private static List<String> codes(JsonObject answer) {
        return answer.getJsonArray("cameras").stream()
                .map(c -> ((JsonObject) c).getString("code"))
                .filter(c -> c.startsWith("TC-" + RUN))
                .toList();
    }

    private static void checkBadRequest(String query, String parameter) {
        HttpResponse<String> response = Http.get(url(query), operator);
        assertThat(response.statusCode()).as(query).isEqualTo(400);
        assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
        JsonObject problem = new JsonObject(response.body());
        assertThat(problem.getString("parameter")).isEqualTo(parameter);
        assertThat(problem.getString("detail").toLowerCase(Locale.ROOT)).contains(parameter);
    }
}
