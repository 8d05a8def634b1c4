package org.iocmap.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.iocmap.layers.changes.Change;
import org.iocmap.layers.changes.ChangeLog;
import org.iocmap.layers.changes.ChangeOp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Operators work citizen reports through {@code /api/reports}: they take a report from the hotline, assign it, follow
 * it to its resolution, reopen, reject and merge it, comment on it, see its deadline clock and its possible
 * duplicates; every state change is one history entry with its actor and reaches the live map through the change log.
 * A step the status does not allow is a 409 that names the status and what is allowed.
 */
class ReportWorkflowApiTest {
    /** Metres per degree of latitude near 21° N. */
    private static final double METRES_PER_DEGREE_LAT = 110_760;

    private static TestServer server;
    private static String api;
    private static String operator;
    private static String admin;
    private static String planner;
    private static String fisheries;
    private double lon;
    private double lat;

    @BeforeAll
    static void start() {
        server = TestServer.shared();
        api = server.baseUrl() + "/api/reports";
        operator = Http.token(server, "operator", "operator");
        admin = Http.token(server, "admin", "admin");
        planner = Http.token(server, "planner", "planner");
        fisheries = Http.token(server, "fisheries", "fisheries");
    }

    @BeforeEach
    void place() {
        // A place of this test's own in the north, far from the demo reports and the other tests.
        lon = 104.0 + ThreadLocalRandom.current().nextInt(1000) * 0.001;
        lat = 21.5 + ThreadLocalRandom.current().nextInt(1000) * 0.001;
    }

    private JsonObject draft(String category, double northMetres) {
        return new JsonObject()
                .put("category", category)
                .put("lon", lon)
                .put("lat", lat + northMetres / METRES_PER_DEGREE_LAT)
                .put("description", "Cống thoát nước bị tắc, nước tràn lên mặt đường.")
                .put("address", "Tổ 5, phường Quang Trung, Hà Giang")
                .put("reporterName", "Trần Văn Bình")
                .put("reporterPhone", "0987654321");
    }

    private static JsonObject create(JsonObject draft) {
        HttpResponse<String> response = ReportHttp.postJson(api, operator, draft);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return new JsonObject(response.body());
    }

    private static HttpResponse<String> act(String code, String action, String token, JsonObject body) {
        return ReportHttp.postJson(api + "/" + code + "/" + action, token, body);
    }

    private static JsonObject actOk(String code, String action, String token, JsonObject body) {
        HttpResponse<String> response = act(code, action, token, body);
        assertThat(response.statusCode()).as(action + ": " + response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    private static JsonObject detail(String code, String token) {
        HttpResponse<String> response = ReportHttp.get(api + "/" + code, token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    private static List<String> codes(JsonArray items) {
        return items.stream().map(o -> ((JsonObject) o).getString("code")).toList();
    }

    @Test
    void aReportGoesThroughEveryAllowedStepWithItsHistory() {
        JsonObject report = create(draft("cap-thoat-nuoc", 0));
        String code = report.getString("code");
        assertThat(report.getString("status")).isEqualTo("NEW");
        assertThat(report.getString("channel")).isEqualTo("hotline_1022");
        assertThat(report.getString("agency")).isEqualTo("Công ty CP Cấp thoát nước Khánh Hòa");
        assertThat(report.getString("reporterPhone")).isEqualTo("0987654321");
        assertThat(report.getJsonArray("allowedActions")).containsExactly("assign", "reject", "merge", "comment");

        JsonObject assigned = actOk(
                code,
                "assign",
                operator,
                new JsonObject()
                        .put("agency", "UBND phường Quang Trung")
                        .put("unit", "Tổ dân phố 5")
                        .put("note", "Giao phường xử lý"));
        assertThat(assigned.getString("status")).isEqualTo("ASSIGNED");
        assertThat(assigned.getString("agency")).isEqualTo("UBND phường Quang Trung");
        assertThat(assigned.getString("unit")).isEqualTo("Tổ dân phố 5");
        assertThat(actOk(code, "start", operator, new JsonObject()).getString("status"))
                .isEqualTo("IN_PROGRESS");
        HttpResponse<String> resolved = ReportHttp.postMultipart(
                api + "/" + code + "/resolve",
                operator,
                new Multipart()
                        .field("note", "Đã nạo vét cống")
                        .file("photo", "sau.jpg", "image/jpeg", Photos.image("jpg")));
        assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
        JsonObject done = new JsonObject(resolved.body());
        assertThat(done.getString("status")).isEqualTo("RESOLVED");
        assertThat(done.getString("resolvedAt")).isNotNull();
        assertThat(done.getBoolean("overdue")).isFalse();
        assertThat(done.getValue("secondsToDeadline")).isNull();

        JsonObject reopened = actOk(code, "reopen", admin, new JsonObject().put("note", "Người dân báo vẫn ngập"));
        assertThat(reopened.getString("status")).isEqualTo("ASSIGNED");
        assertThat(reopened.getValue("resolvedAt")).isNull();
        assertThat(reopened.getString("deadlineAt")).isEqualTo(report.getString("deadlineAt"));
        assertThat(actOk(
                                code,
                                "reject",
                                operator,
                                new JsonObject().put("reason", "Trùng lặp với công trình đang thi công"))
                        .getString("status"))
                .isEqualTo("REJECTED");
        assertThat(actOk(code, "reopen", operator, new JsonObject().put("to", "NEW"))
                        .getString("status"))
                .isEqualTo("NEW");

        JsonObject read = detail(code, operator);
        JsonArray history = read.getJsonArray("history");
        assertThat(history.stream()
                        .map(h -> ((JsonObject) h).getString("action"))
                        .toList())
                .containsExactly("submit", "assign", "start", "resolve", "reopen", "reject", "reopen");
        assertThat(history.stream()
                        .map(h -> ((JsonObject) h).getString("actor"))
                        .toList())
                .containsExactly("operator", "operator", "operator", "operator", "admin", "operator", "operator");
        assertThat(history.stream()
                        .map(h -> ((JsonObject) h).getString("toStatus"))
                        .toList())
                .containsExactly("NEW", "ASSIGNED", "IN_PROGRESS", "RESOLVED", "ASSIGNED", "REJECTED", "NEW");
        assertThat(history.stream()
                        .map(h -> ((JsonObject) h).getString("fromStatus"))
                        .toList())
                .containsExactly(null, "NEW", "ASSIGNED", "IN_PROGRESS", "RESOLVED", "ASSIGNED", "REJECTED");
        assertThat(history.getJsonObject(1).getString("unit")).isEqualTo("Tổ dân phố 5");
        assertThat(history.getJsonObject(5).getString("note")).isEqualTo("Trùng lặp với công trình đang thi công");
        List<Instant> times = history.stream()
                .map(h -> Instant.parse(((JsonObject) h).getString("at")))
                .toList();
        assertThat(times).isSorted();
        JsonArray photos = read.getJsonArray("photos");
        assertThat(photos).hasSize(1);
        assertThat(photos.getJsonObject(0).getString("kind")).isEqualTo("RESOLUTION");
        assertThat(photos.getJsonObject(0).getString("uploadedBy")).isEqualTo("operator");
    }

    @Test
    void aStepTheStatusDoesNotAllowIsAConflictNamingWhatIsAllowed() {
        String code = create(draft("moi-truong", 0)).getString("code");
        HttpResponse<String> start = act(code, "start", operator, new JsonObject());
        assertThat(start.statusCode()).isEqualTo(409);
        assertThat(start.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonObject problem = new JsonObject(start.body());
        assertThat(problem.getInteger("status")).isEqualTo(409);
        assertThat(problem.getString("reportCode")).isEqualTo(code);
        assertThat(problem.getString("reportStatus")).isEqualTo("NEW");
        assertThat(problem.getJsonArray("allowedActions")).containsExactly("assign", "reject", "merge", "comment");
        assertThat(problem.getString("detail")).contains(code, "is NEW", "start needs status ASSIGNED", "assign");

        HttpResponse<String> resolve = act(code, "resolve", operator, new JsonObject());
        assertThat(resolve.statusCode()).isEqualTo(409);
        assertThat(new JsonObject(resolve.body()).getString("detail")).contains("resolve needs status IN_PROGRESS");
        HttpResponse<String> reopen = act(code, "reopen", operator, new JsonObject());
        assertThat(reopen.statusCode()).isEqualTo(409);
        assertThat(new JsonObject(reopen.body()).getString("detail"))
                .contains("reopen needs status RESOLVED or REJECTED");

        HttpResponse<String> noReason = act(code, "reject", operator, new JsonObject());
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(noReason.body()).getString("parameter")).isEqualTo("reason");
        HttpResponse<String> nobody = act(code, "assign", operator, new JsonObject().put("note", "?"));
        assertThat(nobody.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(nobody.body()).getString("parameter")).isEqualTo("agency");
        HttpResponse<String> badTarget = act(code, "reopen", operator, new JsonObject().put("to", "RESOLVED"));
        assertThat(badTarget.statusCode()).isEqualTo(400);
        assertThat(act("PA-1999-000000", "start", operator, new JsonObject()).statusCode())
                .isEqualTo(404);
        assertThat(detail(code, operator).getJsonArray("history")).hasSize(1); // nothing above changed it
    }

    @Test
    void stateChangesReachTheLiveMapThroughTheChangeLog() {
        ChangeLog log = new ChangeLog(server.app().store());
        long before = log.lastId();
        JsonObject report = create(draft("an-ninh-trat-tu", 0));
        actOk(report.getString("code"), "assign", operator, new JsonObject().put("unit", "Công an phường"));
        List<ChangeOp> ops = log.readAfter(before, 10_000).stream()
                .filter(c -> c.layerId().equals("citizen_reports") && c.featureId() == report.getLong("id"))
                .map(Change::op)
                .toList();
        assertThat(ops).containsExactly(ChangeOp.ADDED, ChangeOp.CHANGED);
        JsonObject feature = new JsonObject(ReportHttp.get(
                        server.baseUrl() + "/ogc/collections/citizen_reports/items/" + report.getLong("id"), operator)
                .body());
        assertThat(feature.getJsonObject("properties").getString("status")).isEqualTo("ASSIGNED");
    }

    @Test
    void commentsAreKeptInOrderWithTheirAuthors() {
        String code = create(draft("trat-tu-do-thi", 0)).getString("code");
        HttpResponse<String> first = ReportHttp.postJson(
                api + "/" + code + "/comments", operator, new JsonObject().put("text", "Đã gọi lại cho người dân"));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        ReportHttp.postJson(api + "/" + code + "/comments", admin, new JsonObject().put("text", "Theo dõi sát"));
        JsonArray comments = detail(code, planner).getJsonArray("comments");
        assertThat(comments.stream()
                        .map(c -> ((JsonObject) c).getString("author"))
                        .toList())
                .containsExactly("operator", "admin");
        assertThat(comments.getJsonObject(0).getString("text")).isEqualTo("Đã gọi lại cho người dân");
        HttpResponse<String> empty =
                ReportHttp.postJson(api + "/" + code + "/comments", operator, new JsonObject().put("text", " "));
        assertThat(new JsonObject(empty.body()).getString("parameter")).isEqualTo("text");
        assertThat(detail(code, operator).getString("status")).isEqualTo("NEW");
        // The ward committee of the address is the agency of urban order.
        assertThat(detail(code, operator).getString("agency")).isEqualTo("UBND phường");
    }

    @Test
    void theDeadlineClockMarksOverdueReports() {
        Instant tenDaysAgo = Instant.now().minus(Duration.ofDays(10));
        JsonObject late = create(draft("an-ninh-trat-tu", 0).put("createdAt", tenDaysAgo.toString()));
        assertThat(late.getBoolean("overdue")).isTrue();
        assertThat(late.getLong("secondsToDeadline")).isBetween(-7L * 86_400 - 60, -7L * 86_400 + 60);
        assertThat(Duration.between(
                        Instant.parse(late.getString("createdAt")), Instant.parse(late.getString("deadlineAt"))))
                .isEqualTo(Duration.ofHours(72));
        JsonObject fresh = create(draft("an-ninh-trat-tu", 100));
        assertThat(fresh.getBoolean("overdue")).isFalse();
        assertThat(fresh.getLong("secondsToDeadline")).isBetween(72L * 3600 - 60, 72L * 3600);

        String box = (lon - 0.001) + "," + (lat - 0.001) + "," + (lon + 0.001) + "," + (lat + 0.002);
        JsonObject overdue = new JsonObject(
                ReportHttp.get(api + "?overdue=true&bbox=" + box, operator).body());
        assertThat(codes(overdue.getJsonArray("reports"))).containsExactly(late.getString("code"));
        JsonObject urgent =
                new JsonObject(ReportHttp.get(api + "?bbox=" + box, operator).body());
        assertThat(codes(urgent.getJsonArray("reports")))
                .containsExactly(late.getString("code"), fresh.getString("code"));
        assertThat(detail(late.getString("code"), operator).getBoolean("overdue"))
                .isTrue();
        HttpResponse<String> future = ReportHttp.postJson(
                api, operator, draft("an-ninh-trat-tu", 0).put("createdAt", "2999-01-01T00:00:00Z"));
        assertThat(new JsonObject(future.body()).getString("parameter")).isEqualTo("createdAt");
    }

    @Test
    void mergingClosesADuplicateIntoAnOpenReport() {
        String target = create(draft("ha-tang-giao-thong", 0)).getString("code");
        String duplicate = create(draft("ha-tang-giao-thong", 15)).getString("code");
        String third = create(draft("ha-tang-giao-thong", 30)).getString("code");

        HttpResponse<String> itself = act(duplicate, "merge", operator, new JsonObject().put("into", duplicate));
        assertThat(itself.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(itself.body()).getString("parameter")).isEqualTo("into");
        assertThat(act(duplicate, "merge", operator, new JsonObject().put("into", "PA-1999-000000"))
                        .statusCode())
                .isEqualTo(404);

        JsonObject merged = actOk(duplicate, "merge", operator, new JsonObject().put("into", target));
        assertThat(merged.getString("status")).isEqualTo("REJECTED");
        assertThat(merged.getString("mergedInto")).isEqualTo(target);
        assertThat(merged.getJsonArray("allowedActions")).containsExactly("comment");
        JsonObject lastOfTarget = detail(target, operator).getJsonArray("history").stream()
                .map(JsonObject.class::cast)
                .reduce((a, b) -> b)
                .orElseThrow();
        assertThat(lastOfTarget.getString("action")).isEqualTo("merged_in");
        assertThat(lastOfTarget.getString("note")).contains(duplicate);
        assertThat(lastOfTarget.getString("actor")).isEqualTo("operator");

        HttpResponse<String> intoMerged = act(third, "merge", operator, new JsonObject().put("into", duplicate));
        assertThat(intoMerged.statusCode()).isEqualTo(409);
        assertThat(new JsonObject(intoMerged.body()).getString("detail")).contains("merged into " + target);
        actOk(target, "reject", operator, new JsonObject().put("reason", "Không thuộc phạm vi"));
        HttpResponse<String> intoClosed = act(third, "merge", operator, new JsonObject().put("into", target));
        assertThat(intoClosed.statusCode()).isEqualTo(409);
        assertThat(new JsonObject(intoClosed.body()).getString("detail")).contains("merges only into an open one");
        HttpResponse<String> reopenMerged = act(duplicate, "reopen", operator, new JsonObject());
        assertThat(reopenMerged.statusCode()).isEqualTo(409);
        // Open311 tells the citizen where it went.
        JsonObject open311 = new JsonArray(
                        ReportHttp.get(server.baseUrl() + "/open311/v2/requests/" + duplicate + ".json", null)
                                .body())
                .getJsonObject(0);
        assertThat(open311.getString("status")).isEqualTo("closed");
        assertThat(open311.getString("service_notice")).contains(target);
    }

    @Test
    void duplicatesAreTheSameCategoryWithin50MetresAnd7Days() {
        Instant now = Instant.now();
        JsonObject origin = create(draft("dien-chieu-sang", 0)
                .put("createdAt", now.minus(Duration.ofDays(1)).toString()));
        String at40 = create(draft("dien-chieu-sang", 40)).getString("code");
        create(draft("dien-chieu-sang", 60)); // 60 m: too far
        create(draft("dien-chieu-sang", 5)
                .put("createdAt", now.minus(Duration.ofDays(9)).toString())); // 8 days before
        create(draft("cap-thoat-nuoc", 5)); // another category
        JsonObject near = create(draft("dien-chieu-sang", 5).put("clientKey", "dup-" + System.nanoTime()));
        // Told on submission: the two earlier ones, nearest first.
        assertThat(codes(near.getJsonArray("duplicates"))).containsExactly(origin.getString("code"), at40);

        JsonObject found = new JsonObject(ReportHttp.get(api + "/" + origin.getString("code") + "/duplicates", planner)
                .body());
        assertThat(codes(found.getJsonArray("duplicates"))).containsExactly(near.getString("code"), at40);
        assertThat(found.getJsonArray("duplicates").getJsonObject(1).getDouble("distanceMetres"))
                .isBetween(39.5, 40.5);
        assertThat(codes(detail(origin.getString("code"), operator).getJsonArray("duplicates")))
                .containsExactly(near.getString("code"), at40);
    }

    @Test
    void aRetryWithTheSameKeyReturnsTheSameReport() {
        String key = "hotline-" + System.nanoTime();
        JsonObject first = create(draft("moi-truong", 0).put("clientKey", key));
        HttpResponse<String> again = ReportHttp.postJson(api, operator, draft("moi-truong", 0), "Idempotency-Key", key);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(new JsonObject(again.body()).getString("code")).isEqualTo(first.getString("code"));
    }

    @Test
    void listsFilterByStatusCategoryTextAndPlaceAndSortAsAsked() {
        String light = create(draft("dien-chieu-sang", 0).put("description", "Đèn đường hỏng ở ngõ 12"))
                .getString("code");
        String water = create(draft("cap-thoat-nuoc", 100)).getString("code");
        actOk(water, "assign", operator, new JsonObject().put("unit", "Đội 3"));
        String box = (lon - 0.001) + "," + (lat - 0.001) + "," + (lon + 0.001) + "," + (lat + 0.002);
        String here = api + "?bbox=" + box;
        assertThat(codes(list(here + "&status=ASSIGNED"))).containsExactly(water);
        assertThat(codes(list(here + "&status=NEW,ASSIGNED&sort=created"))).containsExactly(water, light);
        assertThat(codes(list(here + "&category=dien-chieu-sang"))).containsExactly(light);
        assertThat(codes(list(here + "&q=" + URLEncoder.encode("NGÕ 12", StandardCharsets.UTF_8))))
                .containsExactly(light);
        assertThat(codes(list(api + "?q=" + light))).containsExactly(light);
        assertThat(codes(list(here + "&sort=deadline"))).containsExactly(light, water); // 72 h before 120 h
        JsonObject page = new JsonObject(ReportHttp.get(here + "&limit=1&offset=1&sort=created", operator)
                .body());
        assertThat(page.getLong("numberMatched")).isEqualTo(2);
        assertThat(codes(page.getJsonArray("reports"))).containsExactly(light);
        JsonObject forPlanner = new JsonObject(ReportHttp.get(here, planner).body());
        assertThat(forPlanner.getJsonArray("reports").getJsonObject(0).getValue("reporterPhone"))
                .isNull();
    }

    private static JsonArray list(String url) {
        HttpResponse<String> response = ReportHttp.get(url, operator);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body()).getJsonArray("reports");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "unknown status | status=OPEN | status",
                "unknown category | category=parking | category",
                "overdue not boolean | overdue=yes | overdue",
                "bbox of three | bbox=1,2,3 | bbox",
                "bad time | from=yesterday | from",
                "unknown sort | sort=priority | sort",
                "limit too big | limit=5000 | limit",
                "unknown parameter | colour=red | colour"
            })
    void badListParametersAreNamed(String what, String query, String parameter) {
        HttpResponse<String> response = ReportHttp.get(api + "?" + query, operator);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(new JsonObject(response.body()).getString("parameter")).isEqualTo(parameter);
    }

    @Test
    void anOperatorLimitedToAnAreaSeesAndActsInsideItOnly() {
        String nhaTrang = Http.token(server, "nhatrang", "nhatrang"); // the demo operator limited to Nha Trang
        String outside = create(draft("moi-truong", 0)).getString("code"); // near Hà Giang, far outside
        JsonObject inside = create(new JsonObject()
                .put("category", "moi-truong")
                .put("lon", 109.1967 - ThreadLocalRandom.current().nextInt(100) * 0.0002) // inland: the coast is east
                .put("lat", 12.2388)
                .put("description", "Rác thải tồn đọng ở bãi biển"));

        HttpResponse<String> denied = ReportHttp.get(api + "/" + outside, nhaTrang);
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(denied.body()).getString("detail")).contains(outside, "outside your area");
        assertThat(act(outside, "assign", nhaTrang, new JsonObject().put("unit", "Đội 1"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(ReportHttp.get(api + "/" + outside, operator).statusCode()).isEqualTo(200);
        assertThat(detail(inside.getString("code"), nhaTrang).getString("code")).isEqualTo(inside.getString("code"));
        assertThat(actOk(inside.getString("code"), "assign", nhaTrang, new JsonObject().put("unit", "Đội 1"))
                        .getString("status"))
                .isEqualTo("ASSIGNED");

        JsonObject mine = new JsonObject(
                ReportHttp.get(api + "?limit=1000&sort=created", nhaTrang).body());
        assertThat(codes(mine.getJsonArray("reports")))
                .contains(inside.getString("code"))
                .doesNotContain(outside);
        assertThat(mine.getJsonArray("reports"))
                .allSatisfy(r -> assertThat(((JsonObject) r).getDouble("lon")).isBetween(109.10, 109.26));
        HttpResponse<String> elsewhere = ReportHttp.postJson(api, nhaTrang, draft("moi-truong", 0));
        assertThat(elsewhere.statusCode()).isEqualTo(403);
    }

    @Test
    void plannersReadOperatorsWorkOthersAreKeptOut() {
        String code = create(draft("moi-truong", 0)).getString("code");
        assertThat(ReportHttp.get(api + "/" + code, planner).statusCode()).isEqualTo(200);
        assertThat(act(code, "assign", planner, new JsonObject().put("unit", "x"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(ReportHttp.postJson(api, planner, draft("moi-truong", 0)).statusCode())
                .isEqualTo(403);
        assertThat(ReportHttp.get(api, fisheries).statusCode()).isEqualTo(403);
        assertThat(ReportHttp.get(api, null).statusCode()).isEqualTo(401);
        assertThat(ReportHttp.get(api + "/categories", planner).statusCode()).isEqualTo(200);
        HttpResponse<String> badCategory = ReportHttp.postJson(api, operator, draft("parking", 0));
        assertThat(badCategory.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(badCategory.body()).getString("detail")).contains("moi-truong");
        HttpResponse<String> abroad =
                ReportHttp.postJson(api, operator, draft("moi-truong", 0).put("lon", 2.35));
        assertThat(new JsonObject(abroad.body()).getString("parameter")).isEqualTo("lon");
    }
}
