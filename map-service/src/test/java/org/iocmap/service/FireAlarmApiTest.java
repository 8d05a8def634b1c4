package org.iocmap.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.iocmap.layers.changes.Change;
import org.iocmap.layers.changes.ChangeLog;
import org.iocmap.service.auth.Jurisdictions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An operator never misses a fire alarm: events posted to {@code /api/ingest/alarms} are stored (bad ones rejected
 * with their reason, retries stored once), the device's status follows them and the live map hears of it, and an ALARM
 * opens a fire incident with the nearest fire stations and the cameras that see the building, which operators then
 * acknowledge, dispatch and resolve, each step in the history, a wrong step a 409 naming what is allowed.
 */
class FireAlarmApiTest {
    private static TestServer server;
    private static String admin;
    private static String operator;
    private static String planner;
    private static final String RUN =
            Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);

    @BeforeAll
    static void start() {
        server = TestServer.shared();
        admin = Http.token(server, "admin", "admin");
        operator = Http.token(server, "operator", "operator");
        planner = Http.token(server, "planner", "planner");
    }

    @Test
    void aMixedBatchStoresTheGoodEventsOnceAndOpensAnIncidentWithStationsAndCameras() throws SQLException {
        JsonObject camera = onlineCamera();
        double[] spot = ahead(camera, Math.min(20, camera.getDouble("rangeM") / 3));
        String device = register("A", spot[0], spot[1]);
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(30);
        JsonArray batch = new JsonArray()
                .add(event(device, "ALARM", at).put("id", "evt-" + device + "-1"))
                .add(event("NO-SUCH-" + RUN, "ALARM", at))
                .add(event(device, "SMOKE", at))
                .add(new JsonObject().put("device", device).put("type", "FAULT").put("at", "yesterday"))
                .add(42)
                .add(new JsonObject().put("device", device).put("type", "heartbeat"));
        long logBefore = new ChangeLog(server.app().store()).lastId();

        JsonObject first = ingest(batch.encode(), operator);
        assertThat(first.getInteger("events")).isEqualTo(6);
        assertThat(indices(first.getJsonArray("accepted"))).containsExactly(0, 5);
        assertThat(reasons(first.getJsonArray("rejected")))
                .containsExactly("1 UNKNOWN_DEVICE", "2 BAD_TYPE", "3 BAD_TIME", "4 BAD_EVENT");
        JsonObject alarm = first.getJsonArray("accepted").getJsonObject(0);
        String incident = alarm.getString("incident");
        assertThat(incident).matches("CC-\\d{4}-\\d{6}");
        assertThat(alarm.getBoolean("incidentOpened")).isTrue();
        assertThat(first.getJsonObject("rejectedByReason").getInteger("BAD_TYPE"))
                .isEqualTo(1);

        // The same batch again, as a sender that lost the answer would send it: nothing is stored twice.
        JsonObject retry = ingest(batch.encode(), operator);
        assertThat(indices(retry.getJsonArray("accepted"))).containsExactly(5);
        assertThat(reasons(retry.getJsonArray("rejected"))).contains("0 DUPLICATE");
        // The same event under another id, and the same id at another time, are the same event too.
        JsonObject again = ingest(
                new JsonArray()
                        .add(event(device, "ALARM", at).put("id", "evt-" + device + "-other"))
                        .add(event(device, "ALARM", at.plusSeconds(5)).put("id", "evt-" + device + "-1"))
                        .encode(),
                operator);
        assertThat(reasons(again.getJsonArray("rejected"))).containsExactly("0 DUPLICATE", "1 DUPLICATE");

        JsonObject stored = get("/api/alarm-devices/" + device, operator);
        assertThat(stored.getString("status")).isEqualTo("alarm");
        assertThat(stored.getString("lastEvent")).isEqualTo("ALARM");
        assertThat(stored.getString("lastEventAt")).isEqualTo(at.toString());
        assertThat(stored.getString("lastHeartbeatAt")).isNotNull();
        assertThat(stored.getString("openIncident")).isEqualTo(incident);
        assertThat(stored.getJsonArray("events").stream()
                        .map(e -> ((JsonObject) e).getString("type"))
                        .toList())
                .containsExactly("ALARM");
        long deviceId = deviceId(device);
        List<Change> logged = new ChangeLog(server.app().store()).readAfter(logBefore, 10_000);
        assertThat(logged)
                .as("the live map hears of the device")
                .anyMatch(c -> c.layerId().equals("fire_alarms") && c.featureId() == deviceId);

        JsonObject detail = get("/api/fire-incidents/" + incident, operator);
        assertThat(detail.getString("status")).isEqualTo("OPEN");
        assertThat(detail.getString("device")).isEqualTo(device);
        assertThat(strings(detail.getJsonArray("actions"))).containsExactly("acknowledge", "resolve");
        JsonArray stations = detail.getJsonArray("stations");
        assertThat(stations).hasSize(3);
        assertThat(numbers(stations, "distanceM")).isSorted();
        assertThat(numbers(stations, "rank")).containsExactly(1.0, 2.0, 3.0);
        assertThat(stations.getJsonObject(0).getString("code")).startsWith("PCCC-");
        JsonArray cameras = detail.getJsonArray("cameras");
        assertThat(cameras.stream().map(c -> ((JsonObject) c).getString("code")))
                .contains(camera.getString("code"));
        assertThat(numbers(cameras, "distanceM")).isSorted();
        assertThat(cameras.getJsonObject(0).getString("streamUrl")).startsWith("rtsp://");
        assertThat(detail.getJsonArray("history")).hasSize(1);
        assertThat(detail.getJsonArray("history").getJsonObject(0).getString("action"))
                .isEqualTo("OPEN");
        assertThat(detail.getJsonArray("events").getJsonObject(0).getString("incident"))
                .isEqualTo(incident);

        JsonObject list = get("/api/fire-incidents", operator);
        assertThat(codes(list)).contains(incident);
        JsonObject near = get(
                String.format(
                        Locale.ROOT,
                        "/api/fire-incidents?bbox=%f,%f,%f,%f",
                        spot[0] - 0.001,
                        spot[1] - 0.001,
                        spot[0] + 0.001,
                        spot[1] + 0.001),
                operator);
        assertThat(codes(near)).contains(incident);
        JsonObject far = get("/api/fire-incidents?bbox=105,20,105.1,20.1", operator);
        assertThat(codes(far)).doesNotContain(incident);
    }

    @Test
    void theWorkflowAllowsOnlyItsStepsAndKeepsTheHistory() {
        String device = register("W", 109.1960, 12.2400);
        String incident = alarm(device);

        checkConflict(
                act(incident, "dispatch", new JsonObject().put("station", "PCCC-NT-01")),
                "OPEN",
                "acknowledge, resolve (as a false alarm, with a note)");
        checkConflict(act(incident, "resolve", new JsonObject().put("note", "xong")), "OPEN", "only as a false alarm");

        JsonObject acknowledged =
                ok(act(incident, "acknowledge", new JsonObject().put("note", "Đã gọi bảo vệ tòa nhà")));
        assertThat(acknowledged.getString("status")).isEqualTo("ACKNOWLEDGED");
        assertThat(acknowledged.getString("acknowledgedBy")).isEqualTo("operator");
        checkConflict(act(incident, "acknowledge", null), "ACKNOWLEDGED", "dispatch");

        HttpResponse<String> unknownStation = act(incident, "dispatch", new JsonObject().put("station", "PCCC-XX-99"));
        assertThat(unknownStation.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(unknownStation.body()).getString("parameter")).isEqualTo("station");

        String nearest = get("/api/fire-incidents/" + incident, operator)
                .getJsonArray("stations")
                .getJsonObject(0)
                .getString("code");
        JsonObject dispatched = ok(act(incident, "dispatch", new JsonObject().put("station", nearest)));
        assertThat(dispatched.getString("status")).isEqualTo("DISPATCHED");
        assertThat(dispatched.getString("dispatchedStation")).isEqualTo(nearest);
        assertThat(strings(dispatched.getJsonArray("actions"))).containsExactly("resolve");

        // Another alarm from the same device while the incident runs joins it.
        JsonObject joined = ingest(
                new JsonArray()
                        .add(event(device, "ALARM", Instant.now().minusSeconds(1)))
                        .encode(),
                operator);
        assertThat(joined.getJsonArray("accepted").getJsonObject(0).getString("incident"))
                .isEqualTo(incident);
        assertThat(joined.getJsonArray("accepted").getJsonObject(0).getBoolean("incidentOpened"))
                .isFalse();

        JsonObject resolved = ok(act(
                incident, "resolve", new JsonObject().put("note", "Đã dập tắt").put("falseAlarm", false)));
        assertThat(resolved.getString("status")).isEqualTo("RESOLVED");
        assertThat(resolved.getBoolean("falseAlarm")).isFalse();
        assertThat(resolved.getInteger("alarmCount")).isEqualTo(2);
        assertThat(resolved.getJsonArray("history").stream()
                        .map(h -> {
                            JsonObject e = (JsonObject) h;
                            return e.getString("action") + " " + e.getString("from") + "→" + e.getString("to") + " "
                                    + e.getString("actor");
                        })
                        .toList())
                .containsExactly(
                        "OPEN null→OPEN device:" + device,
                        "ACKNOWLEDGE OPEN→ACKNOWLEDGED operator",
                        "DISPATCH ACKNOWLEDGED→DISPATCHED operator",
                        "ALARM DISPATCHED→DISPATCHED device:" + device,
                        "RESOLVE DISPATCHED→RESOLVED operator");
        assertThat(resolved.getJsonArray("history").getJsonObject(2).getString("station"))
                .isEqualTo(nearest);
        checkConflict(act(incident, "acknowledge", null), "RESOLVED", "none");

        assertThat(codes(get("/api/fire-incidents", operator))).doesNotContain(incident);
        assertThat(codes(get("/api/fire-incidents?status=resolved&limit=1000", operator)))
                .contains(incident);
        // The next alarm opens a new incident.
        assertThat(alarm(device)).isNotEqualTo(incident);
    }

    @Test
    void aFalseAlarmIsResolvedWithoutDispatchButNeedsANote() {
        String incident = alarm(register("F", 109.1970, 12.2420));
        HttpResponse<String> noNote = act(incident, "resolve", new JsonObject().put("falseAlarm", true));
        assertThat(noNote.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(noNote.body()).getString("parameter")).isEqualTo("note");
        JsonObject resolved = ok(act(
                incident, "resolve", new JsonObject().put("falseAlarm", true).put("note", "Khói nấu ăn, không cháy")));
        assertThat(resolved.getString("status")).isEqualTo("RESOLVED");
        assertThat(resolved.getBoolean("falseAlarm")).isTrue();
        assertThat(resolved.getString("resolutionNote")).isEqualTo("Khói nấu ăn, không cháy");
    }

    @Test
    void faultAndRestoreSetTheStatusByEventTimeEvenOutOfOrder() {
        String device = register("S", 109.1980, 12.2430);
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);
        ingest(new JsonArray().add(event(device, "RESTORE", t.plusSeconds(60))).encode(), operator);
        ingest(new JsonArray().add(event(device, "FAULT", t)).encode(), operator); // older, arrives later
        JsonObject stored = get("/api/alarm-devices/" + device, operator);
        assertThat(stored.getString("status")).isEqualTo("normal");
        assertThat(stored.getString("lastEvent")).isEqualTo("RESTORE");
        ingest(new JsonArray().add(event(device, "FAULT", t.plusSeconds(120))).encode(), operator);
        assertThat(get("/api/alarm-devices/" + device, operator).getString("status"))
                .isEqualTo("fault");
        JsonObject faults = get("/api/alarm-devices?status=fault&q=" + device.toLowerCase(Locale.ROOT), operator);
        assertThat(faults.getJsonArray("devices").stream().map(d -> ((JsonObject) d).getString("code")))
                .containsExactly(device);
    }

    @Test
    void anOperatorLimitedToNhaTrangSeesAndActsOnItsIncidentsOnly() {
        String nhaTrang = Http.token(server, Jurisdictions.DEMO_USER, Jurisdictions.DEMO_USER);
        String inside = register("IN", 109.1965, 12.2405);
        String outside = register("OUT", 109.159, 11.921); // Cam Ranh
        String near = alarm(inside);
        String far = alarm(outside);

        List<String> listed = codes(get("/api/fire-incidents?limit=1000", nhaTrang));
        assertThat(listed).contains(near).doesNotContain(far);
        assertThat(codes(get("/api/fire-incidents?limit=1000", operator))).contains(near, far);
        assertThat(get("/api/alarm-devices?q=t-" + RUN.toLowerCase(Locale.ROOT) + "-&limit=1000", nhaTrang)
                        .getJsonArray("devices")
                        .stream()
                        .map(d -> ((JsonObject) d).getString("code")))
                .contains(inside)
                .doesNotContain(outside);

        HttpResponse<String> detail = Http.get(server.baseUrl() + "/api/fire-incidents/" + far, nhaTrang);
        assertThat(detail.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(detail.body()).getString("detail")).contains(far, Jurisdictions.DEMO_AREA);
        HttpResponse<String> act = Http.request(
                "POST",
                server.baseUrl() + "/api/fire-incidents/" + far + "/acknowledge",
                nhaTrang,
                "application/json",
                "{}");
        assertThat(act.statusCode()).isEqualTo(403);
        assertThat(get("/api/fire-incidents/" + far, operator).getString("status"))
                .as("a refused action changes nothing")
                .isEqualTo("OPEN");
        assertThat(Http.get(server.baseUrl() + "/api/alarm-devices/" + outside, nhaTrang)
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> own = Http.request(
                "POST",
                server.baseUrl() + "/api/fire-incidents/" + near + "/acknowledge",
                nhaTrang,
                "application/json",
                "{}");
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(new JsonObject(own.body()).getString("acknowledgedBy")).isEqualTo(Jurisdictions.DEMO_USER);
    }

    @Test
    void badRequestsAreProblemsNamingWhatIsWrong() {
        HttpResponse<String> notJson = Http.request(
                "POST", server.baseUrl() + "/api/ingest/alarms", operator, "application/json", "{not json");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.headers().firstValue("content-type")).contains("application/problem+json");
        assertThat(new JsonObject(notJson.body()).getString("parameter")).isEqualTo("body");

        HttpResponse<String> planners =
                Http.request("POST", server.baseUrl() + "/api/ingest/alarms", planner, "application/json", "[]");
        assertThat(planners.statusCode()).isEqualTo(403);
        HttpResponse<String> anonymous =
                Http.request("GET", server.baseUrl() + "/api/fire-incidents", null, null, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        HttpResponse<String> badStatus = Http.get(server.baseUrl() + "/api/fire-incidents?status=BURNING", operator);
        assertThat(badStatus.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(badStatus.body()).getString("parameter")).isEqualTo("status");
        assertThat(Http.get(server.baseUrl() + "/api/fire-incidents/CC-1999-000000", operator)
                        .statusCode())
                .isEqualTo(404);

        JsonObject device = device("BAD", 109.19, 12.24).put("lat", 95);
        HttpResponse<String> badLat = Http.request(
                "POST", server.baseUrl() + "/api/alarm-devices", admin, "application/json", device.encode());
        assertThat(badLat.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(badLat.body()).getString("parameter")).isEqualTo("lat");
        HttpResponse<String> byOperator = Http.request(
                "POST",
                server.baseUrl() + "/api/alarm-devices",
                operator,
                "application/json",
                device("OP", 109.19, 12.24).encode());
        assertThat(byOperator.statusCode()).isEqualTo(403);
        String code = register("DUP", 109.19, 12.24);
        HttpResponse<String> twice = Http.request(
                "POST",
                server.baseUrl() + "/api/alarm-devices",
                admin,
                "application/json",
                device("DUP", 109.19, 12.24).put("code", code).encode());
        assertThat(twice.statusCode()).isEqualTo(409);
    }

    @Test
    void anAdministratorUpdatesADeviceAndStationsAreListed() {
        String code = register("U", 109.19, 12.24);
        JsonObject changed =
                device("U", 109.20, 12.25).put("building", "Chung cư mới").put("floor", 12);
        changed.remove("code");
        HttpResponse<String> response = Http.request(
                "PUT", server.baseUrl() + "/api/alarm-devices/" + code, admin, "application/json", changed.encode());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject device = new JsonObject(response.body());
        assertThat(device.getString("building")).isEqualTo("Chung cư mới");
        assertThat(device.getInteger("floor")).isEqualTo(12);
        assertThat(device.getDouble("lon")).isEqualTo(109.20);

        JsonArray stations = get("/api/fire-stations", operator).getJsonArray("stations");
        assertThat(stations.size()).isGreaterThanOrEqualTo(10);
        assertThat(stations.getJsonObject(0).getString("name")).startsWith("Đội Cảnh sát PCCC");
        JsonObject stats = get("/api/ingest/alarms/stats", operator);
        assertThat(stats.getJsonObject("sources").getJsonObject("http").getLong("stored"))
                .isPositive();
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static JsonObject onlineCamera() {
        JsonArray cameras =
                get("/api/cameras?status=online&limit=1000", operator).getJsonArray("cameras");
        // A camera in Nha Trang, so the stations found are the city's.
        return cameras.stream()
                .map(c -> (JsonObject) c)
                .filter(c -> c.getDouble("lat") > 12.2 && c.getDouble("lat") < 12.3 && c.getDouble("lon") > 109.15)
                .findFirst()
                .orElseThrow();
    }

    /** Returns the point {@code metres} ahead of a camera along its heading (a flat step: exact enough at 20 m). */
    static double[] ahead(JsonObject camera, double metres) {
        double heading = Math.toRadians(camera.getDouble("headingDeg"));
        double lat = camera.getDouble("lat");
        return new double[] {
            camera.getDouble("lon") + metres * Math.sin(heading) / (111_320 * Math.cos(Math.toRadians(lat))),
            lat + metres * Math.cos(heading) / 110_600
        };
    }

    private static JsonObject device(String tag, double lon, double lat) {
        return new JsonObject()
                .put("code", "T-" + RUN + "-" + tag)
                .put("building", "Tòa nhà thử " + tag)
                .put("address", "1 Trần Phú, phường Lộc Thọ, Nha Trang")
                .put("floor", 3)
                .put("deviceType", "smoke_detector")
                .put("heartbeatIntervalS", 300)
                .put("lon", lon)
                .put("lat", lat);
    }

    private static String register(String tag, double lon, double lat) {
        HttpResponse<String> response = Http.request(
                "POST",
                server.baseUrl() + "/api/alarm-devices",
                admin,
                "application/json",
                device(tag, lon, lat).encode());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return new JsonObject(response.body()).getString("code");
    }

    private static JsonObject event(String device, String type, Instant at) {
        return new JsonObject().put("device", device).put("type", type).put("at", at.toString());
    }

    private static String alarm(String device) {
        JsonObject answer = ingest(
                new JsonArray().add(event(device, "ALARM", Instant.now())).encode(), operator);
        assertThat(answer.getJsonArray("rejected")).isEmpty();
        return answer.getJsonArray("accepted").getJsonObject(0).getString("incident");
    }

    private static JsonObject ingest(String body, String token) {
        HttpResponse<String> response =
                Http.request("POST", server.baseUrl() + "/api/ingest/alarms", token, "application/json", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    private static HttpResponse<String> act(String incident, String action, JsonObject body) {
        return Http.request(
                "POST",
                server.baseUrl() + "/api/fire-incidents/" + incident + "/" + action,
                operator,
                "application/json",
                body == null ? null : body.encode());
    }

    private static JsonObject ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    private static void checkConflict(HttpResponse<String> response, String status, String allowed) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
        assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
        assertThat(new JsonObject(response.body()).getString("detail"))
                .contains("is " + status)
                .contains(allowed);
    }

    private static JsonObject get(String path, String token) {
        HttpResponse<String> response = Http.get(server.baseUrl() + path, token);
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    private static List<Integer> indices(JsonArray items) {
        return items.stream().map(i -> ((JsonObject) i).getInteger("index")).toList();
    }

    private static List<String> reasons(JsonArray items) {
        return items.stream()
                .map(i -> ((JsonObject) i).getInteger("index") + " " + ((JsonObject) i).getString("reason"))
                .toList();
    }

    private static List<String> strings(JsonArray items) {
        return items.stream().map(String::valueOf).toList();
    }

    private static List<Double> numbers(JsonArray items, String key) {
        return items.stream().map(i -> ((JsonObject) i).getDouble(key)).toList();
    }

    private static List<String> codes(JsonObject list) {
        return list.getJsonArray("incidents").stream()
                .map(i -> ((JsonObject) i).getString("code"))
                .toList();
    }

    private static long deviceId(String code) throws SQLException {
        try (Connection c = server.app().store().dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id FROM fire_alarm_device WHERE code = ?")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getLong(1);
            }
        }
    }
}
