package org.iocmap.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.options.WaitForSelectorState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drives the map page in the Debian chromium the way an operator does: signs in through the dialog, checks that every
 * kind of layer is drawn, toggles a layer, clicks features, switches the language, draws query shapes with the mouse and
 * runs spatial queries, and watches features an editor writes appear, change and go without a reload. Fails if the page
 * asks anything of a host other than the loopback server (the page must work with no internet) or throws. Screenshots of
 * what it saw go to {@code target/screenshots/}. Needs chromium ({@code .ci/run} installs it);
 * {@code -Diocmap.test.chromium=/path} picks another.
 */
class MapPageBrowserTest {
    /** One layer of each domain kind in the demo data. */
    private static final List<String> KIND_LAYERS =
            List.of("cameras", "citizen_reports", "fire_alarms", "vessels", "env_stations", "land_use_plans");

    private static final Path CHROMIUM = Paths.get(System.getProperty("iocmap.test.chromium", "/usr/bin/chromium"));
    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");
    /** Central Nha Trang, [longitude, latitude]. */
    private static final double[] NHA_TRANG = {109.1967, 12.2388};
    /** How long a change written through the API may take to show on the page. */
    private static final double LIVE_MILLIS = 2000;

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static TestServer server;
    private static Playwright playwright;
    private static Browser browser;
    private static Map<String, JsonObject> adminLayers;
    private static String adminToken;

    private BrowserContext context;
    private Page page;
    private final List<String> externalRequests = Collections.synchronizedList(new ArrayList<>());
    private final List<String> pageErrors = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void launch() {
        assertTrue(
                Files.isExecutable(CHROMIUM),
                "no chromium at " + CHROMIUM
                        + "; install it (Debian: apt-get install chromium) or name another with -Diocmap.test.chromium=/path");
        server = TestServer.shared();
        playwright = Playwright.create();
        browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setHeadless(true)
                        .setExecutablePath(CHROMIUM)
                        .setArgs(List.of(
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync",
                                "--no-first-run")));
        adminToken = Http.token(server, "admin", "admin");
        JsonArray layers = new JsonObject(
                        Http.get(server.baseUrl() + "/api/layers", adminToken).body())
                .getJsonArray("layers");
        adminLayers = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            adminLayers.put(layers.getJsonObject(i).getString("id"), layers.getJsonObject(i));
        }
    }

    @AfterAll
    static void shutDown() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @BeforeEach
    void openPage() {
        context = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(1366, 768)
                .setLocale("vi-VN")
                .setTimezoneId("Asia/Ho_Chi_Minh"));
        page = context.newPage();
        page.onRequest(request -> {
            URI uri = URI.create(request.url());
            // data: and blob: URLs never leave the browser
            if (uri.getHost() != null && !LOOPBACK.contains(uri.getHost())) {
                externalRequests.add(request.url());
            }
        });
        page.onPageError(pageErrors::add);
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type())) {
                pageErrors.add("console: " + message.text());
            }
        });
        page.navigate(server.baseUrl() + "/");
    }

    @AfterEach
    void checkNothingLeftTheMachineAndNothingFailed() {
        try {
            assertThat(externalRequests)
                    .as("requests to hosts other than the loopback server")
                    .isEmpty();
            assertThat(pageErrors).as("errors in the page").isEmpty();
        } finally {
            context.close();
        }
    }

    @Test
    void adminSeesEveryKindOfLayerDrawn() {
        signIn("admin");

        Map<String, Integer> counts = drawnCounts();
        for (String layer : KIND_LAYERS) {
            assertThat(counts.get(layer))
                    .as("features drawn for %s", layer)
                    .isNotNull()
                    .isPositive();
        }
        assertThat(page.getByTestId("user-roles").innerText()).isEqualTo("Quản trị");
    }

    @Test
    void aLayerSwitchedOffDrawsNothingUntilSwitchedOnAgain() {
        signIn("admin");
        int vessels = drawnCounts().get("vessels");

        page.getByTestId("layer-toggle-vessels").uncheck();
        assertThat(drawnCounts().get("vessels")).isZero();
        assertThat(drawnCounts().get("cameras")).isPositive();

        page.getByTestId("layer-toggle-vessels").check();
        assertThat(drawnCounts().get("vessels")).isEqualTo(vessels);
    }

    @Test
    void aClickOnAFeatureOfEachKindOpensItsPopup() {
        signIn("admin");
        for (String layer : KIND_LAYERS) {
            Locator popup = clickFeatureOf(layer);
            assertThat(popup.getAttribute("data-layer")).isEqualTo(layer);
            assertThat(popup.innerText()).startsWith(title(adminLayers.get(layer), "vi"));
        }
    }

    @Test
    void popupAndPanelSpeakVietnameseThenEnglish() {
        signIn("admin");
        JsonObject fireAlarms = adminLayers.get("fire_alarms");
        screenshot("map-vi.png"); // the start view, as an operator first sees it

        Locator popup = clickFeatureOf("fire_alarms");
        assertThat(popupLabels()).contains("Mã thiết bị", "Trạng thái").isSubsetOf(attributeTitles(fireAlarms, "vi"));
        assertThat(page.getByTestId("layer-list").textContent()).contains("Báo cháy", "Phản ánh hiện trường");
        screenshot("map-vi-popup.png");

        page.getByTestId("lang-switch").click();
        assertThat(page.evaluate("() => window.iocmap.lang()")).isEqualTo("en");
        assertThat(popup.innerText()).startsWith(title(fireAlarms, "en"));
        assertThat(popupLabels()).contains("Device code", "Status").isSubsetOf(attributeTitles(fireAlarms, "en"));
        String panel = page.getByTestId("layer-list").textContent(); // not innerText: headings are upper-cased by CSS
        assertThat(panel).contains("Fire alarms", "Citizen reports", "Land-use plans");
        for (String layer : KIND_LAYERS) {
            assertThat(panel).contains(title(adminLayers.get(layer), "en"));
        }
        assertThat(page.getByTestId("signout").textContent()).isEqualTo("Sign out");
        screenshot("map-en.png");
    }

    @Test
    void anAreaDrawnWithTheMouseOverNhaTrangFindsFeaturesOfSeveralLayers() {
        signIn("admin");
        page.getByTestId("query-tool-open").click();
        page.getByTestId("query-kind").selectOption("within");
        setView(109.195, 12.245, 13);
        double[][] corners = {{109.17, 12.27}, {109.22, 12.27}, {109.22, 12.22}, {109.17, 12.22}};
        for (int i = 0; i < corners.length - 1; i++) {
            clickAt(corners[i]);
        }
        Map<String, Object> last = screenPointAt(corners[3]);
        page.mouse().dblclick(x(last), y(last)); // the last corner, and the end of the area
        assertThat(page.getByTestId("query-finish").isVisible()).isFalse();

        Request request = page.waitForRequest(r -> r.url().endsWith("/api/query"), () -> page.getByTestId("query-run")
                .click());
        JsonObject body = new JsonObject(request.postData());
        JsonArray ring =
                body.getJsonObject("within").getJsonArray("coordinates").getJsonArray(0);
        assertThat(ring).as("the corners clicked, closed").hasSize(5);
        for (int i = 0; i < corners.length; i++) {
            assertThat(ring.getJsonArray(i).getDouble(0)).isCloseTo(corners[i][0], within(1e-3));
            assertThat(ring.getJsonArray(i).getDouble(1)).isCloseTo(corners[i][1], within(1e-3));
        }
        page.getByTestId("query-summary").waitFor();

        Map<String, Integer> counts = queryResults();
        assertThat(counts.values().stream().filter(n -> n > 0).count())
                .as("layers with features inside the area: %s", counts)
                .isGreaterThanOrEqualTo(3);
        assertThat(counts.get("citizen_reports")).isPositive();
        JsonObject answer = query(body); // the same question, asked directly: the page lists what the server said
        Map<String, JsonObject> byLayer = new LinkedHashMap<>();
        for (Object r : answer.getJsonArray("results")) {
            JsonObject result = (JsonObject) r;
            byLayer.put(result.getString("layer"), result);
            assertThat(counts.get(result.getString("layer"))).isEqualTo(result.getInteger("numberMatched"));
        }
        assertThat(page.getByTestId("query-count-citizen_reports").innerText())
                .isEqualTo(String.valueOf(counts.get("citizen_reports")));

        Locator group = page.getByTestId("query-group-citizen_reports");
        if (group.getAttribute("open") == null) {
            group.locator("summary").click(); // a long list starts folded
        }
        Locator row = group.getByTestId("query-result-row").first();
        long featureId = Long.parseLong(row.getAttribute("data-feature-id"));
        JsonArray position = byLayer.get("citizen_reports").getJsonObject("features").getJsonArray("features").stream()
                .map(f -> (JsonObject) f)
                .filter(f -> f.getLong("id") == featureId)
                .findFirst()
                .orElseThrow()
                .getJsonObject("geometry")
                .getJsonArray("coordinates");
        assertThat(view().get("zoom")).isLessThan(16);
        row.click();
        // The map zooms in on the feature (it may pan a little more to show the popup).
        page.waitForFunction(
                "([lon, lat]) => { const p = window.iocmap.screenPointAt(lon, lat);"
                        + " const r = document.querySelector('[data-testid=map]').getBoundingClientRect();"
                        + " return window.iocmap.view().zoom >= 16"
                        + " && p.x > r.left && p.x < r.right && p.y > r.top && p.y < r.bottom; }",
                List.of(position.getDouble(0), position.getDouble(1)));
        assertThat(row.getAttribute("aria-pressed")).isEqualTo("true");
        page.locator("[data-testid=popup][data-layer=citizen_reports]").waitFor();
        page.waitForFunction("() => getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1'");
        screenshot("query-vi.png");

        page.getByTestId("lang-switch").click();
        assertThat(page.getByTestId("query-kind").evaluate("s => s.selectedOptions[0].textContent"))
                .isEqualTo("Inside a drawn area");
        assertThat(page.getByTestId("query-run").innerText()).isEqualTo("Run query");
        assertThat(page.getByTestId("query-results").innerText()).contains("features in", "Citizen reports");
        screenshot("query-en.png");

        page.getByTestId("query-clear").click();
        assertThat(queryResults()).isEmpty();
        assertThat(page.getByTestId("query-result-row").count()).isZero();
    }

    @Test
    void aRadiusQueryFilteredOnNewListsOnlyNewCitizenReports() {
        signIn("admin");
        page.getByTestId("query-tool-open").click();
        page.getByTestId("query-kind").selectOption("near");
        setView(NHA_TRANG[0], NHA_TRANG[1], 12);
        clickAt(NHA_TRANG);
        page.getByTestId("query-radius").fill("10000");
        page.getByTestId("query-layers-none").click();
        page.getByTestId("query-layer-citizen_reports").check();
        page.getByTestId("query-filter").fill("status = 'NEW'");

        Request request = page.waitForRequest(r -> r.url().endsWith("/api/query"), () -> page.getByTestId("query-run")
                .click());
        page.getByTestId("query-result-row").first().waitFor();
        JsonObject body = new JsonObject(request.postData());
        assertThat(body.getJsonArray("layers")).containsExactly("citizen_reports");
        assertThat(body.getString("filter")).isEqualTo("status = 'NEW'");
        assertThat(body.getJsonObject("near").getDouble("radiusMetres")).isEqualTo(10000.0);

        Set<Long> newReports = new HashSet<>();
        String url = server.baseUrl() + "/ogc/collections/citizen_reports/items?limit=10000&filter="
                + URLEncoder.encode("status = 'NEW'", StandardCharsets.UTF_8).replace("+", "%20");
        new JsonObject(Http.get(url, adminToken).body())
                .getJsonArray("features")
                .forEach(f -> newReports.add(((JsonObject) f).getLong("id")));
        Locator rows = page.getByTestId("query-result-row");
        assertThat(rows.count()).isPositive().isEqualTo(queryResults().get("citizen_reports"));
        assertThat(queryResults()).containsOnlyKeys("citizen_reports");
        for (int i = 0; i < rows.count(); i++) {
            assertThat(Long.parseLong(rows.nth(i).getAttribute("data-feature-id")))
                    .as("row %s: %s", i, rows.nth(i).innerText())
                    .isIn(newReports);
            assertThat(rows.nth(i).getByTestId("query-result-distance").isVisible())
                    .isTrue();
        }
        body.remove("filter");
        int unfiltered = query(body).getJsonArray("results").getJsonObject(0).getInteger("numberMatched");
        assertThat(unfiltered).as("reports of any status in the circle").isGreaterThan(rows.count());
    }

    @Test
    void aFilterTheServerCannotReadShowsItsExplanationInThePanel() {
        signIn("admin");
        page.getByTestId("query-tool-open").click();
        setView(NHA_TRANG[0], NHA_TRANG[1], 13);
        clickAt(NHA_TRANG);
        page.getByTestId("query-layers-none").click();
        page.getByTestId("query-layer-citizen_reports").check();
        page.getByTestId("query-filter").fill("status == 'NEW'");

        Request request = page.waitForRequest(r -> r.url().endsWith("/api/query"), () -> page.getByTestId("query-run")
                .click());
        Locator error = page.getByTestId("query-error");
        error.waitFor();
        HttpResponse<String> direct = post("/api/query", adminToken, request.postData(), "application/json");
        assertThat(direct.statusCode()).isEqualTo(400);
        String detail = new JsonObject(direct.body()).getString("detail");
        assertThat(detail).contains("position 8");
        assertThat(error.innerText()).contains("Truy vấn không thành công", "Yêu cầu không hợp lệ.", detail);
        assertThat(queryResults()).isEmpty();

        page.getByTestId("lang-switch").click();
        assertThat(error.innerText()).contains("The query failed", "The request was not valid.", detail);
        // The browser logs the 400 answer it was asked to fetch; that one is expected here.
        pageErrors.removeIf(e -> e.contains("status of 400"));
    }

    @Test
    void aFeatureWrittenThroughTheApiAppearsChangesAndGoesWithoutAReload() {
        List<String> subscriptions = Collections.synchronizedList(new ArrayList<>());
        page.onWebSocket(socket -> socket.onFrameSent(frame -> subscriptions.add(frame.text())));
        signIn("admin");
        page.waitForFunction("() => window.iocmap.liveStatus().ports === 'live'");
        int ports = drawnCounts().get("ports");
        List<Long> written = new ArrayList<>();
        try {
            long id = createPort(109.2050, 12.2500, "Cảng kiểm thử trực tiếp", "Live test port");
            written.add(id);
            waitForDrawn("ports", ports + 1);

            setView(109.2050, 12.2500, 15);
            Locator popup = clickFeatureOf("ports");
            assertThat(popup.innerText()).contains("Cảng kiểm thử trực tiếp");
            expect(putPort(id, 109.2052, 12.2502, "Cảng kiểm thử (đã đổi tên)", "Live test port, renamed"), 200);
            page.waitForFunction(
                    "() => document.querySelector('[data-testid=popup][data-layer=ports]')?.textContent"
                            + ".includes('đã đổi tên')",
                    null,
                    new Page.WaitForFunctionOptions().setTimeout(LIVE_MILLIS));
            page.waitForFunction("() => getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1'");
            screenshot("live.png");

            // A dropped connection resumes after the last event it had: a feature written meanwhile still comes.
            page.evaluate("() => window.iocmap.dropLive('ports')");
            written.add(createPort(109.2100, 12.2450, "Cảng ghi khi mất kết nối", "Written while offline"));
            waitForDrawn("ports", ports + 2, 15_000);
            page.waitForFunction("() => window.iocmap.liveStatus().ports === 'live'");
            List<String> portSubscriptions = subscriptions.stream()
                    .filter(s -> s.contains("\"layer\":\"ports\""))
                    .toList();
            assertThat(new JsonObject(portSubscriptions.getLast()).getLong("lastEventId"))
                    .as("the resumed subscription")
                    .isNotNull();

            for (long port : written) {
                expect(deletePort(port), 204);
            }
            written.clear();
            waitForDrawn("ports", ports);
            // The popup of the deleted feature closes (and fades out).
            page.locator("[data-testid=popup][data-layer=ports]")
                    .waitFor(new Locator.WaitForOptions()
                            .setState(WaitForSelectorState.DETACHED)
                            .setTimeout(LIVE_MILLIS));

            // Switched off, a layer stops following; switched on again, it catches up.
            page.getByTestId("layer-toggle-ports").uncheck();
            assertThat(liveStatus().get("ports")).isEqualTo("off");
            written.add(createPort(109.2150, 12.2400, "Cảng ghi khi lớp tắt", "Written while switched off"));
            page.getByTestId("layer-toggle-ports").check();
            waitForDrawn("ports", ports + 1, 15_000);
            // The replayed change comes before "ready", after which the layer counts as live again.
            page.waitForFunction("() => window.iocmap.liveStatus().ports === 'live'");
        } finally {
            written.forEach(this::deletePort);
        }
        waitForDrawn("ports", ports);
    }

    /** Signs in through the dialog the page opens, and waits until the layers of this user are drawn. */
    private void signIn(String user) {
        page.getByTestId("login-username").fill(user);
        page.getByTestId("login-password").fill(user);
        page.getByTestId("login-submit").click();
        page.evaluate("() => window.iocmap.ready");
        assertThat(page.getByTestId("signout").isVisible()).isTrue();
        assertThat(page.getByTestId("login-dialog").isVisible()).isFalse();
    }

    /** Clicks with the mouse where the page says a feature of this layer is drawn; returns the popup that opened. */
    private Locator clickFeatureOf(String layer) {
        @SuppressWarnings("unchecked")
        Map<String, Object> point = (Map<String, Object>) page.evaluate("id => window.iocmap.screenPointOf(id)", layer);
        assertThat(point).as("a visible feature of %s", layer).isNotNull();
        page.mouse().click(((Number) point.get("x")).doubleValue(), ((Number) point.get("y")).doubleValue());
        Locator popup = page.locator("[data-testid=popup][data-layer=" + layer + "]");
        try {
            popup.waitFor();
            // Leaflet fades popups in: wait for the end, so that screenshots show it as the operator does
            page.waitForFunction("() => getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1'");
        } catch (PlaywrightException e) {
            screenshot("failed-click-" + layer + ".png"); // what the click hit instead
            throw e;
        }
        return popup;
    }

    private void setView(double lon, double lat, int zoom) {
        page.evaluate("([lon, lat, zoom]) => window.iocmap.setView(lon, lat, zoom)", List.of(lon, lat, zoom));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> screenPointAt(double[] lonLat) {
        return (Map<String, Object>)
                page.evaluate("([lon, lat]) => window.iocmap.screenPointAt(lon, lat)", List.of(lonLat[0], lonLat[1]));
    }

    /** Clicks the map with the mouse where [lon, lat] is drawn. */
    private void clickAt(double[] lonLat) {
        Map<String, Object> point = screenPointAt(lonLat);
        page.mouse().click(x(point), y(point));
    }

    private static double x(Map<String, Object> point) {
        return ((Number) point.get("x")).doubleValue();
    }

    private static double y(Map<String, Object> point) {
        return ((Number) point.get("y")).doubleValue();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Double> view() {
        Map<String, Object> view = (Map<String, Object>) page.evaluate("() => window.iocmap.view()");
        return view.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> ((Number) e.getValue()).doubleValue()));
    }

    private Map<String, Integer> queryResults() {
        @SuppressWarnings("unchecked")
        Map<String, Object> counts = (Map<String, Object>) page.evaluate("() => window.iocmap.queryResults()");
        return counts.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> ((Number) e.getValue()).intValue()));
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> liveStatus() {
        return (Map<String, String>) page.evaluate("() => window.iocmap.liveStatus()");
    }

    private void waitForDrawn(String layer, int count) {
        waitForDrawn(layer, count, LIVE_MILLIS);
    }

    private void waitForDrawn(String layer, int count, double millis) {
        try {
            page.waitForFunction(
                    "([layer, count]) => window.iocmap.drawnCounts()[layer] === count",
                    List.of(layer, count),
                    new Page.WaitForFunctionOptions().setTimeout(millis));
        } catch (PlaywrightException e) {
            throw new AssertionError(
                    layer + " should draw " + count + " features within " + millis + " ms; it draws "
                            + drawnCounts().get(layer) + " (" + liveStatus().get(layer) + ")",
                    e);
        }
    }

    /** Asks POST /api/query as the admin; fails unless the answer is 200. */
    private static JsonObject query(JsonObject body) {
        HttpResponse<String> response = post("/api/query", adminToken, body.encode(), "application/json");
        expect(response, 200);
        return new JsonObject(response.body());
    }

    private static long createPort(double lon, double lat, String name, String nameEn) {
        HttpResponse<String> response =
                post("/ogc/collections/ports/items", adminToken, port(lon, lat, name, nameEn), "application/geo+json");
        expect(response, 201);
        return new JsonObject(response.body()).getLong("id");
    }

    private static HttpResponse<String> putPort(long id, double lon, double lat, String name, String nameEn) {
        return send(
                "PUT",
                "/ogc/collections/ports/items/" + id,
                adminToken,
                port(lon, lat, name, nameEn),
                "application/geo+json");
    }

    private HttpResponse<String> deletePort(long id) {
        return send("DELETE", "/ogc/collections/ports/items/" + id, adminToken, null, null);
    }

    private static String port(double lon, double lat, String name, String nameEn) {
        return new JsonObject()
                .put("type", "Feature")
                .put(
                        "geometry",
                        new JsonObject()
                                .put("type", "Point")
                                .put("coordinates", new JsonArray().add(lon).add(lat)))
                .put("properties", new JsonObject().put("name", name).put("name_en", nameEn))
                .encode();
    }

    private static HttpResponse<String> post(String path, String token, String body, String contentType) {
        return send("POST", path, token, body, contentType);
    }

    private static HttpResponse<String> send(String method, String path, String token, String body, String type) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (type != null) {
            request.header("Content-Type", type);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void expect(HttpResponse<String> response, int status) {
        assertThat(response.statusCode())
                .as("%s %s: %s", response.request().method(), response.uri(), response.body())
                .isEqualTo(status);
    }

    private Map<String, Integer> drawnCounts() {
        @SuppressWarnings("unchecked")
        Map<String, Object> counts = (Map<String, Object>) page.evaluate("() => window.iocmap.drawnCounts()");
        return counts.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> ((Number) e.getValue()).intValue()));
    }

    private List<String> popupLabels() {
        return page.getByTestId("popup").locator("th").allInnerTexts();
    }

    private static String title(JsonObject layer, String language) {
        return layer.getJsonObject("title").getString(language);
    }

    private static List<String> attributeTitles(JsonObject layer, String language) {
        return layer.getJsonArray("attributes").stream()
                .map(a -> ((JsonObject) a).getJsonObject("title").getString(language))
                .toList();
    }

    private void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name)));
    }
}
