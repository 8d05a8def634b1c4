package org.iocmap.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Drives the running platform over HTTP as its clients do: sign-in, roles, layers, OGC API, bad input. */
class ApiTest {
    private static TestServer server;
    private static String admin;

    @BeforeAll
    static void start() {
        server = TestServer.shared();
        admin = Http.token(server, "admin", "admin");
    }

    private static JsonObject json(HttpResponse<String> response) {
        return new JsonObject(response.body());
    }

    private static HttpResponse<String> get(String path, String token) {
        return Http.get(server.baseUrl() + path, token);
    }

    @Test
    void healthNamesTheEmbeddedStore() {
        HttpResponse<String> response = get("/health", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).getString("status")).isEqualTo("UP");
        assertThat(json(response).getString("store")).isEqualTo("h2gis");
    }

    @Test
    void signInReturnsASignedTokenAndRejectsAWrongPassword() {
        HttpResponse<String> ok = Http.postJson(
                server.baseUrl() + "/api/auth/token", "{\"username\":\"operator\",\"password\":\"operator\"}");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(json(ok).getString("token")).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
        assertThat(json(ok).getJsonArray("roles")).containsExactly("operator");

        HttpResponse<String> wrong = Http.postJson(
                server.baseUrl() + "/api/auth/token", "{\"username\":\"operator\",\"password\":\"nope\"}");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("content-type")).contains("application/problem+json");
        assertThat(json(wrong).getString("detail")).contains("wrong username or password");

        HttpResponse<String> missing = Http.postJson(server.baseUrl() + "/api/auth/token", "{\"username\":\"x\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).getString("parameter")).isEqualTo("password");
    }

    @Test
    void adminSeesEveryKindWithTitlesSchemaTimeExtentAndStyle() {
        JsonArray layers = json(get("/api/layers", admin)).getJsonArray("layers");
        Set<String> kinds =
                layers.stream().map(l -> ((JsonObject) l).getString("kind")).collect(Collectors.toSet());
        assertThat(kinds)
                .contains(
                        "camera", "citizen_report", "env_station", "vessel", "land_use_plan", "fire_alarm", "generic");
        for (Object o : layers) {
            JsonObject layer = (JsonObject) o;
            assertThat(layer.getJsonObject("title").getString("vi")).isNotBlank();
            assertThat(layer.getJsonObject("title").getString("en")).isNotBlank();
            assertThat(layer.getString("geometryType")).isNotBlank();
            assertThat(layer.getJsonArray("attributes")).isNotEmpty();
            assertThat(layer.getJsonObject("style").getJsonObject("symbol").getString("fill"))
                    .startsWith("#");
        }
        JsonObject reports = find(layers, "citizen_reports");
        assertThat(reports.getJsonObject("timeExtent").getString("attribute")).isEqualTo("created_at");
        assertThat(reports.getJsonObject("timeExtent").getString("start")).isNotNull();
    }

    @Test
    void anonymousSeesOnlyPublicLayers() {
        JsonArray layers = json(get("/api/layers", null)).getJsonArray("layers");
        assertThat(layers.stream().map(l -> ((JsonObject) l).getString("id")).toList())
                .contains("land_use_plans", "env_stations")
                .doesNotContain("cameras", "citizen_reports", "vessels", "fire_alarms");
        JsonArray collections = json(get("/ogc/collections", null)).getJsonArray("collections");
        assertThat(collections.stream()
                        .map(c -> ((JsonObject) c).getString("id"))
                        .toList())
                .doesNotContain("cameras", "vessels");
    }

    @ParameterizedTest(name = "{0} reading {1}: {2}")
    @CsvSource({
        "fisheries, vessels, 200",
        "fisheries, cameras, 403",
        "operator, cameras, 200",
        "operator, vessels, 403",
        "planner, citizen_reports, 200",
        "planner, fire_alarms, 403",
        "planner, land_use_plans, 200"
    })
    void eachRoleReadsOnlyItsLayers(String role, String layer, int expected) {
        String token = Http.token(server, role, role);
        HttpResponse<String> response = get("/ogc/collections/" + layer + "/items?limit=1", token);
        assertThat(response.statusCode()).isEqualTo(expected);
        if (expected == 403) {
            assertThat(json(response).getString("detail")).contains(layer);
        }
    }

    @Test
    void aCitizensPhoneNumberIsShownToOperatorsOnly() {
        String operator = Http.token(server, "operator", "operator");
        String planner = Http.token(server, "planner", "planner");
        JsonObject forOperator = firstFeature(get("/ogc/collections/citizen_reports/items?limit=1", operator))
                .getJsonObject("properties");
        JsonObject forPlanner = firstFeature(get("/ogc/collections/citizen_reports/items?limit=1", planner))
                .getJsonObject("properties");
        assertThat(forOperator.getString("reporter_phone")).matches("0\\d{9}");
        assertThat(forPlanner.containsKey("reporter_phone")).isFalse();
        JsonArray plannerSchema = find(json(get("/api/layers", planner)).getJsonArray("layers"), "citizen_reports")
                .getJsonArray("attributes");
        assertThat(plannerSchema.stream()
                        .map(a -> ((JsonObject) a).getString("name"))
                        .toList())
                .doesNotContain("reporter_phone")
                .contains("category");
    }

    @Test
    void tokensAreRequiredForPrivateLayersAndCheckedWhenSent() {
        HttpResponse<String> anonymous = get("/ogc/collections/cameras/items", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("content-type")).contains("application/problem+json");
        HttpResponse<String> forged =
                get("/ogc/collections/cameras/items", admin.substring(0, admin.length() - 3) + "abc");
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(json(forged).getString("detail")).contains("signature");
        assertThat(get("/ogc/collections/land_use_plans/items?limit=1", null).statusCode())
                .isEqualTo(200);
        assertThat(get("/api/auth/me", null).statusCode()).isEqualTo(401);
        assertThat(json(get("/api/auth/me", admin)).getString("username")).isEqualTo("admin");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "three bbox numbers | /ogc/collections/citizen_reports/items?bbox=1,2,3 | bbox | 4 comma-separated",
                "bbox with text | /ogc/collections/citizen_reports/items?bbox=1,2,x,4 | bbox | 'x' is not a number",
                "latitude past the pole | /ogc/collections/citizen_reports/items?bbox=1,-95,3,4 | bbox | minLat",
                "limit zero | /ogc/collections/citizen_reports/items?limit=0 | limit | from 1 to 10000",
                "limit too big | /ogc/collections/citizen_reports/items?limit=20000 | limit | from 1 to 10000",
                "limit text | /ogc/collections/citizen_reports/items?limit=ten | limit | whole number",
                "bad datetime | /ogc/collections/citizen_reports/items?datetime=yesterday | datetime | RFC 3339",
                "both ends open | /ogc/collections/citizen_reports/items?datetime=../.. | datetime | both ends are open",
                "unknown parameter | /ogc/collections/citizen_reports/items?colour=red | colour | this endpoint takes",
                "feature id text | /ogc/collections/citizen_reports/items/abc | featureId | whole number"
            })
    void badInputIsA400NamingTheParameter(String what, String path, String parameter, String expected) {
        HttpResponse<String> response = get(path, admin);
        assertThat(response.statusCode()).as(what).isEqualTo(400);
        assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
        JsonObject problem = json(response);
        assertThat(problem.getString("parameter")).isEqualTo(parameter);
        assertThat(problem.getString("detail")).contains(parameter).contains(expected);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void unknownLayersAndFeaturesAre404() {
        assertThat(get("/ogc/collections/nowhere/items", admin).statusCode()).isEqualTo(404);
        assertThat(json(get("/ogc/collections/nowhere", admin)).getString("detail"))
                .contains("nowhere");
        assertThat(get("/ogc/collections/cameras/items/999999999", admin).statusCode())
                .isEqualTo(404);
        assertThat(get("/api/nothing-here", admin).headers().firstValue("content-type"))
                .contains("application/problem+json");
    }

    @Test
    void pagingWithNextLinksReturnsEveryFeatureOnce() {
        String url = server.baseUrl() + "/ogc/collections/citizen_reports/items?limit=700";
        Set<Long> ids = new HashSet<>();
        long matched = -1;
        int pages = 0;
        while (url != null) {
            JsonObject page = json(Http.get(url, admin));
            matched = page.getLong("numberMatched");
            for (Object f : page.getJsonArray("features")) {
                assertThat(ids.add(((JsonObject) f).getLong("id"))).isTrue();
            }
            url = nextLink(page);
            if (url != null) {
                assertThat(url).startsWith("http://127.0.0.1:");
            }
            pages++;
        }
        assertThat(matched).isGreaterThanOrEqualTo(2000);
        assertThat(ids).hasSize((int) matched);
        assertThat(pages).isEqualTo((int) Math.ceil(matched / 700.0));
    }

    @Test
    void bboxAndDatetimeNarrowTheItems() {
        long all = json(get("/ogc/collections/citizen_reports/items?limit=1", admin))
                .getLong("numberMatched");
        JsonObject inNhaTrang =
                json(get("/ogc/collections/citizen_reports/items?limit=10000&bbox=109.15,12.20,109.22,12.30", admin));
        assertThat(inNhaTrang.getLong("numberMatched")).isBetween(1L, all - 1);
        for (Object f : inNhaTrang.getJsonArray("features")) {
            JsonArray xy = ((JsonObject) f).getJsonObject("geometry").getJsonArray("coordinates");
            assertThat(xy.getDouble(0)).isBetween(109.15, 109.22);
            assertThat(xy.getDouble(1)).isBetween(12.20, 12.30);
        }
        JsonObject layer = find(json(get("/api/layers", admin)).getJsonArray("layers"), "citizen_reports");
        String end = layer.getJsonObject("timeExtent").getString("end");
        String monthBefore = java.time.Instant.parse(end)
                .minus(java.time.Duration.ofDays(30))
                .toString();
        JsonObject lastMonth =
                json(get("/ogc/collections/citizen_reports/items?limit=1&datetime=" + monthBefore + "/..", admin));
        assertThat(lastMonth.getLong("numberMatched")).isBetween(1L, all - 1);
    }

    @Test
    void aSingleItemComesWithItsLinks() {
        JsonObject first = firstFeature(get("/ogc/collections/vessels/items?limit=1", admin));
        long id = first.getLong("id");
        JsonObject item = json(get("/ogc/collections/vessels/items/" + id, admin));
        assertThat(item.getString("type")).isEqualTo("Feature");
        assertThat(item.getJsonObject("properties").getString("registration_no"))
                .matches("KH-9\\d{4}-TS");
        assertThat(item.getJsonArray("links").stream()
                        .map(l -> ((JsonObject) l).getString("rel"))
                        .toList())
                .contains("self", "collection");
    }

    @Test
    void landingPageLinksTheOpenApiDocumentAndConformance() {
        JsonObject landing = json(get("/ogc", null));
        List<String> rels = landing.getJsonArray("links").stream()
                .map(l -> ((JsonObject) l).getString("rel"))
                .toList();
        assertThat(rels).contains("service-desc", "conformance", "data");
        JsonObject openapi = json(get("/ogc/api", null));
        assertThat(openapi.getString("openapi")).startsWith("3.0");
        assertThat(openapi.getJsonObject("paths").containsKey("/collections/land_use_plans/items"))
                .isTrue();
        assertThat(json(get("/ogc/conformance", null))
                        .getJsonArray("conformsTo")
                        .encode())
                .contains("conf/core");
    }

    @Test
    void thePageAndItsLibrariesAreServedLocally() {
        HttpResponse<String> page = get("/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("<html")
                .doesNotContain("https://unpkg")
                .doesNotContain("cdn.");
        assertThat(get("/webjars/leaflet/dist/leaflet.js", null).statusCode()).isEqualTo(200);
        assertThat(get("/webjars/leaflet-markercluster/leaflet.markercluster.js", null)
                        .statusCode())
                .isEqualTo(200);
        // leaflet-draw's webjar has no version folder: served as it is
        assertThat(get("/webjars/leaflet-draw/dist/leaflet.draw.js", null).statusCode())
                .isEqualTo(200);
        assertThat(get("/webjars/leaflet-draw/dist/images/spritesheet.svg", null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(get("/webjars/leaflet/dist/nothing.js", null).statusCode()).isEqualTo(404);
        assertThat(get("/webjars/nothing/dist/nothing.js", null).statusCode()).isEqualTo(404);
    }

    private static JsonObject find(JsonArray layers, String id) {
        return layers.stream()
                .map(l -> (JsonObject) l)
                .filter(l -> l.getString("id").equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no layer " + id + " in " + layers.encode()));
    }

    private static JsonObject firstFeature(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        return json(response).getJsonArray("features").getJsonObject(0);
    }

    private static String nextLink(JsonObject page) {
        return page.getJsonArray("links").stream()
                .map(l -> (JsonObject) l)
                .filter(l -> "next".equals(l.getString("rel")))
                .map(l -> l.getString("href"))
                .findFirst()
                .orElse(null);
    }
}
