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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Filters, sorts and narrows OGC API items with CQL2 text (Part 3), as a GIS client or the page does. */
class FilterApiTest {
    private static TestServer server;
    private static String admin;

    @BeforeAll
    static void start() {
        server = TestServer.shared();
        admin = Http.token(server, "admin", "admin");
    }

    private static HttpResponse<String> items(String layer, String query, String token) {
        return Http.get(server.baseUrl() + "/ogc/collections/" + layer + "/items?" + query, token);
    }

    private static String q(String cql2) {
        return "filter=" + URLEncoder.encode(cql2, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static JsonObject page(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    private static List<JsonObject> features(JsonObject page) {
        return page.getJsonArray("features").stream()
                .map(f -> ((JsonObject) f).getJsonObject("properties"))
                .toList();
    }

    private static long total(String layer) {
        return page(items(layer, "limit=1", admin)).getLong("numberMatched");
    }

    @Test
    void aComparisonKeepsOnlyMatchingFeatures() {
        JsonObject page = page(items("citizen_reports", "limit=10000&" + q("status = 'NEW'"), admin));
        assertThat(page.getLong("numberMatched")).isBetween(1L, total("citizen_reports") - 1);
        assertThat(features(page))
                .allSatisfy(p -> assertThat(p.getString("status")).isEqualTo("NEW"));
    }

    @Test
    void inBetweenAndNotCombine() {
        String cql2 = "category IN ('Môi trường', 'An toàn thực phẩm') AND NOT status = 'RESOLVED'";
        JsonObject page = page(items("citizen_reports", "limit=10000&" + q(cql2), admin));
        assertThat(page.getLong("numberMatched")).isPositive();
        assertThat(features(page)).allSatisfy(p -> {
            assertThat(p.getString("category")).isIn("Môi trường", "An toàn thực phẩm");
            assertThat(p.getString("status")).isNotEqualTo("RESOLVED");
        });
        JsonObject floors = page(items("fire_alarms", "limit=10000&" + q("floor BETWEEN 5 AND 10"), admin));
        assertThat(features(floors)).isNotEmpty().allSatisfy(p -> assertThat(p.getLong("floor"))
                .isBetween(5L, 10L));
    }

    @Test
    void likeAndIsNullWork() {
        assertThat(page(items("citizen_reports", "limit=1&" + q("code LIKE 'PA-%'"), admin))
                        .getLong("numberMatched"))
                .isEqualTo(total("citizen_reports"));
        JsonObject open = page(items("citizen_reports", "limit=10000&" + q("resolved_at IS NULL"), admin));
        assertThat(features(open)).isNotEmpty().allSatisfy(p -> assertThat(p.getString("status"))
                .isIn("NEW", "ASSIGNED", "IN_PROGRESS"));
    }

    @Test
    void spatialFiltersAgreeWithBboxAndRadius() {
        long byBbox = page(items("cameras", "limit=1&bbox=109.15,12.2,109.22,12.3", admin))
                .getLong("numberMatched");
        long byFilter = page(items(
                        "cameras", "limit=1&" + q("S_INTERSECTS(geom, BBOX(109.15, 12.2, 109.22, 12.3))"), admin))
                .getLong("numberMatched");
        assertThat(byFilter).isEqualTo(byBbox).isPositive();
        long near = page(items(
                        "cameras", "limit=1&" + q("S_DWITHIN(geom, POINT(109.1967 12.2388), 1000, meters)"), admin))
                .getLong("numberMatched");
        long farther = page(items("cameras", "limit=1&" + q("S_DWITHIN(geom, POINT(109.1967 12.2388), 3, km)"), admin))
                .getLong("numberMatched");
        assertThat(near).isPositive().isLessThan(farther);
    }

    @Test
    void temporalFilterKeepsTheWindow() {
        JsonObject layer = new JsonObject(
                        Http.get(server.baseUrl() + "/api/layers", admin).body())
                .getJsonArray("layers").stream()
                        .map(l -> (JsonObject) l)
                        .filter(l -> l.getString("id").equals("citizen_reports"))
                        .findFirst()
                        .orElseThrow();
        Instant end = Instant.parse(layer.getJsonObject("timeExtent").getString("end"));
        Instant from = end.minus(Duration.ofDays(30));
        JsonObject page = page(items(
                "citizen_reports",
                "limit=10000&" + q("T_INTERSECTS(created_at, INTERVAL('" + from + "', '..'))"),
                admin));
        assertThat(page.getLong("numberMatched")).isBetween(1L, total("citizen_reports") - 1);
        assertThat(features(page)).allSatisfy(p -> assertThat(Instant.parse(p.getString("created_at")))
                .isAfterOrEqualTo(from));
    }

    @Test
    void sortbyOrdersAndPropertiesNarrows() {
        JsonObject page =
                page(items("citizen_reports", "limit=50&sortby=-created_at&properties=code,created_at", admin));
        List<JsonObject> rows = features(page);
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i - 1).getString("created_at"))
                    .isGreaterThanOrEqualTo(rows.get(i).getString("created_at"));
        }
        assertThat(rows.getFirst().fieldNames()).containsExactlyInAnyOrder("code", "created_at");
    }

    @Test
    void aRoleCannotFilterOnAFieldItMayNotRead() {
        String planner = Http.token(server, "planner", "planner");
        HttpResponse<String> response = items("citizen_reports", q("reporter_phone LIKE '09%'"), planner);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(response.body()).getString("detail")).contains("unknown property 'reporter_phone'");
        assertThat(items("citizen_reports", "sortby=reporter_phone", planner).statusCode())
                .isEqualTo(400);
        assertThat(items("citizen_reports", "properties=reporter_phone", planner)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void queryablesDescribeWhatAFilterMayName() {
        HttpResponse<String> response = Http.get(server.baseUrl() + "/ogc/collections/fire_alarms/queryables", admin);
        assertThat(response.headers().firstValue("content-type")).contains("application/schema+json");
        JsonObject properties = new JsonObject(response.body()).getJsonObject("properties");
        assertThat(properties.getJsonObject("floor").getString("type")).isEqualTo("integer");
        assertThat(properties.getJsonObject("status").getJsonArray("enum")).contains("alarm", "normal");
        assertThat(properties.getJsonObject("geom").getString("format")).isEqualTo("geometry-any");
        JsonArray conformance = new JsonObject(
                        Http.get(server.baseUrl() + "/ogc/conformance", null).body())
                .getJsonArray("conformsTo");
        assertThat(conformance.encode()).contains("conf/filter").contains("cql2-text");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "incomplete comparison | status = | position",
                "unknown property | colour = 'red' | unknown property 'colour'",
                "text against a number | floor = 'high' | cannot compare a integer attribute",
                "unbalanced parenthesis | (status = 'NEW' | position",
                "unknown function | S_TOUCHES(geom, POINT(1 2)) | S_TOUCHES"
            })
    void badFiltersAreA400WithPositionOrReason(String what, String cql2, String expected) {
        String layer = cql2.contains("floor") ? "fire_alarms" : "citizen_reports";
        HttpResponse<String> response = items(layer, q(cql2), admin);
        assertThat(response.statusCode()).as(what).isEqualTo(400);
        JsonObject problem = new JsonObject(response.body());
        assertThat(problem.getString("parameter")).isEqualTo("filter");
        assertThat(problem.getString("detail")).contains(expected);
    }

    @Test
    void onlyCql2TextIsAccepted() {
        HttpResponse<String> response = items("citizen_reports", "filter-lang=cql2-json&" + q("status = 'NEW'"), admin);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(response.body()).getString("parameter")).isEqualTo("filter-lang");
    }

    @Test
    void theMapQueryTakesTheSameFilter() {
        JsonObject body = new JsonObject()
                .put("layers", List.of("citizen_reports"))
                .put(
                        "near",
                        new JsonObject()
                                .put("lon", 109.1967)
                                .put("lat", 12.2388)
                                .put("radiusMetres", 5000))
                .put("filter", "status = 'NEW'");
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(server.baseUrl() + "/api/query"))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body.encode()))
                .build();
        try {
            HttpResponse<String> response =
                    java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonArray features = new JsonObject(response.body())
                    .getJsonArray("results")
                    .getJsonObject(0)
                    .getJsonObject("features")
                    .getJsonArray("features");
            assertThat(features).isNotEmpty();
            features.forEach(
                    f -> assertThat(((JsonObject) f).getJsonObject("properties").getString("status"))
                            .isEqualTo("NEW"));
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
