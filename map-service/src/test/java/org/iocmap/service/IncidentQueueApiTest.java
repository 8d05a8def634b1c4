package org.iocmap.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.iocmap.service.auth.Jurisdictions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Drives the operator's queue ({@code GET /api/incidents}) through the running platform: reports and fire incidents
 * in one list, most urgent first, filtered, paged and limited to the viewer's area.
 */
class IncidentQueueApiTest {
    private static TestServer server;
    private static String operator;
    private static String admin;

    @BeforeAll
    static void start() {
        server = TestServer.shared();
        operator = Http.token(server, "operator", "operator");
        admin = Http.token(server, "admin", "admin");
    }

    private static JsonObject queue(String query, String token) {
        HttpResponse<String> response = Http.get(server.baseUrl() + "/api/incidents" + query, token);
        assertThat(response.statusCode()).as(query + " " + response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    private static List<JsonObject> incidents(JsonObject page) {
        return page.getJsonArray("incidents").stream().map(i -> (JsonObject) i).toList();
    }

    /** Registers a device in the middle of Nha Trang and sends it an ALARM; returns the incident's code. */
    private static String alarmInNhaTrang() {
        String code = "Q-" + UUID.randomUUID().toString().substring(0, 8);
        JsonObject device = new JsonObject()
                .put("code", code)
                .put("building", "Chung cư thử " + code)
                .put("address", "1 Trần Phú, Nha Trang")
                .put("floor", 3)
                .put("lon", 109.1900)
                .put("lat", 12.2400);
        HttpResponse<String> created = Http.request(
                "POST", server.baseUrl() + "/api/alarm-devices", admin, "application/json", device.encode());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> sent = Http.request(
                "POST",
                server.baseUrl() + "/api/ingest/alarms",
                operator,
                "application/json",
                new JsonObject()
                        .put("device", code)
                        .put("type", "ALARM")
                        .put("at", Instant.now().toString())
                        .encode());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        return new JsonObject(sent.body())
                .getJsonArray("accepted")
                .getJsonObject(0)
                .getString("incident");
    }

    @Test
    void aNewFireAlarmLeadsTheQueueAheadOfEveryReport() {
        String incident = alarmInNhaTrang();
        JsonObject page = queue("?limit=500", operator);
        List<JsonObject> rows = incidents(page);
        assertThat(rows).isNotEmpty();
        List<Integer> urgencies =
                rows.stream().map(r -> r.getInteger("urgency")).toList();
        assertThat(urgencies).isSorted();
        JsonObject alarm = rows.stream()
                .filter(r -> r.getString("code").equals(incident))
                .findFirst()
                .orElseThrow(() -> new AssertionError(incident + " is not in the queue: " + page.encode()));
        assertThat(alarm.getString("kind")).isEqualTo("fire");
        assertThat(alarm.getInteger("urgency")).isZero();
        assertThat(alarm.getJsonArray("actions")).containsExactly("acknowledge", "resolve");
        assertThat(rows.indexOf(alarm))
                .isLessThan((int) page.getJsonObject("counts").getLong("fire").longValue());
        // Open reports follow by deadline: the overdue ones first, each with a negative countdown.
        List<JsonObject> reports =
                rows.stream().filter(r -> r.getString("kind").equals("report")).toList();
        assertThat(reports).isNotEmpty();
        assertThat(reports.stream().map(r -> r.getString("deadlineAt")).toList())
                .isSorted();
        assertThat(reports)
                .allSatisfy(r -> assertThat(r.getBoolean("overdue")).isEqualTo(r.getLong("secondsToDeadline") < 0));
        JsonObject counts = page.getJsonObject("counts");
        assertThat(page.getLong("numberMatched")).isEqualTo(counts.getLong("fire") + counts.getLong("report"));
    }

    @Test
    void filtersNarrowTheQueue() {
        JsonObject overdue = queue("?overdue=true&limit=50", operator);
        assertThat(incidents(overdue)).isNotEmpty().allSatisfy(r -> {
            assertThat(r.getString("kind")).isEqualTo("report");
            assertThat(r.getBoolean("overdue")).isTrue();
        });
        assertThat(overdue.getLong("numberMatched"))
                .isEqualTo(overdue.getJsonObject("counts").getLong("overdue"));

        List<JsonObject> environment = incidents(queue("?category=moi-truong&limit=50", operator));
        assertThat(environment).isNotEmpty().allSatisfy(r -> assertThat(r.getString("category"))
                .isEqualTo("moi-truong"));

        List<JsonObject> fires = incidents(queue("?kind=fire&status=all&limit=500", operator));
        assertThat(fires).allSatisfy(r -> assertThat(r.getString("kind")).isEqualTo("fire"));

        List<JsonObject> closed = incidents(queue("?kind=report&status=RESOLVED,REJECTED&limit=20", operator));
        assertThat(closed).isNotEmpty().allSatisfy(r -> {
            assertThat(r.getString("status")).isIn("RESOLVED", "REJECTED");
            assertThat(r.getInteger("urgency")).isEqualTo(4);
            assertThat(r.getBoolean("overdue")).isFalse();
        });

        List<JsonObject> text = incidents(queue(
                "?q=" + java.net.URLEncoder.encode("vỉa hè", java.nio.charset.StandardCharsets.UTF_8) + "&kind=report",
                operator));
        assertThat(text).isNotEmpty().allSatisfy(r -> assertThat(
                        (r.getString("title") + " " + r.getString("address") + " " + r.getString("code"))
                                .toLowerCase(java.util.Locale.ROOT))
                .contains("vỉa hè"));
        // Operators type with or without accents: the open queue folds both.
        String folded = "?q=VIA%20HE&kind=report";
        String accented =
                "?q=" + java.net.URLEncoder.encode("vỉa hè", java.nio.charset.StandardCharsets.UTF_8) + "&kind=report";
        assertThat(queue(folded, operator).getLong("numberMatched"))
                .isEqualTo(queue(accented, operator).getLong("numberMatched"));
    }

    @Test
    void theQueueFollowsEachStepOfAReportAtOnce() {
        HttpResponse<String> created = Http.request(
                "POST",
                server.baseUrl() + "/api/reports",
                operator,
                "application/json",
                new JsonObject()
                        .put("category", "moi-truong")
                        .put("lon", 109.1900)
                        .put("lat", 12.2500)
                        .put("description", "Rác thải tồn đọng cạnh chợ")
                        .encode());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String code = new JsonObject(created.body()).getString("code");
        checkQueued(code, "NEW", "assign");
        act(code, "assign", new JsonObject().put("unit", "Đội vệ sinh 2"));
        checkQueued(code, "ASSIGNED", "start");
        act(code, "start", new JsonObject());
        act(code, "resolve", new JsonObject().put("note", "Đã thu gom"));
        assertThat(incidents(queue("?q=" + code, operator))).isEmpty();
        assertThat(incidents(queue("?q=" + code + "&status=RESOLVED", operator)))
                .singleElement()
                .satisfies(r -> assertThat(r.getJsonArray("actions")).containsExactly("reopen"));
    }

    private static void checkQueued(String code, String status, String action) {
        List<JsonObject> rows = incidents(queue("?q=" + code, operator));
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.getString("status")).isEqualTo(status);
            assertThat(r.getJsonArray("actions")).contains(action);
        });
    }

    private static void act(String code, String action, JsonObject body) {
        HttpResponse<String> response = Http.request(
                "POST",
                server.baseUrl() + "/api/reports/" + code + "/" + action,
                operator,
                "application/json",
                body.encode());
        assertThat(response.statusCode()).as(action + " " + response.body()).isEqualTo(200);
    }

    @Test
    void pagesFollowOneAnother() {
        List<String> twenty = incidents(queue("?limit=20", operator)).stream()
                .map(r -> r.getString("code"))
                .toList();
        List<String> second = incidents(queue("?limit=10&offset=10", operator)).stream()
                .map(r -> r.getString("code"))
                .toList();
        assertThat(second).isEqualTo(twenty.subList(10, 20));
    }

    @Test
    void aLimitedOperatorSeesTheQueueOfTheirAreaOnly() {
        String incident = alarmInNhaTrang();
        String nhaTrang = Http.token(server, Jurisdictions.DEMO_USER, Jurisdictions.DEMO_USER);
        JsonObject mine = queue("?limit=500", nhaTrang);
        JsonObject everyone = queue("?limit=1", operator);
        JsonObject byArea = queue("?area=" + Jurisdictions.DEMO_AREA + "&limit=1", operator);
        assertThat(mine.getJsonObject("area").getString("code")).isEqualTo(Jurisdictions.DEMO_AREA);
        assertThat(mine.getLong("numberMatched"))
                .isPositive()
                .isLessThan(everyone.getLong("numberMatched"))
                .isEqualTo(byArea.getLong("numberMatched"));
        assertThat(incidents(mine)).allSatisfy(r -> {
            assertThat(r.getDouble("lon")).isBetween(109.10, 109.26);
            assertThat(r.getDouble("lat")).isBetween(12.16, 12.34);
        });
        assertThat(incidents(mine).stream().map(r -> r.getString("code"))).contains(incident);
    }

    @Test
    void badRequestsAreNamedAndOtherRolesKeptOut() {
        checkBad("?kind=boat", "kind");
        checkBad("?status=DONE", "status");
        checkBad("?limit=0", "limit");
        checkBad("?area=nowhere", "area");
        checkBad("?from=yesterday", "from");
        assertThat(Http.get(server.baseUrl() + "/api/incidents", null).statusCode())
                .isEqualTo(401);
        assertThat(Http.get(server.baseUrl() + "/api/incidents", Http.token(server, "planner", "planner"))
                        .statusCode())
                .isEqualTo(403);
    }

    private static void checkBad(String query, String parameter) {
        HttpResponse<String> response = Http.get(server.baseUrl() + "/api/incidents" + query, operator);
        assertThat(response.statusCode()).as(query).isEqualTo(400);
        assertThat(new JsonObject(response.body()).getString("parameter")).isEqualTo(parameter);
    }
}
