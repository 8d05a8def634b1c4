package org.iocmap.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.WaitForSelectorState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Drives the map page in the Debian chromium the way an operator does: signs in through the dialog, checks that every
 * kind of layer is drawn, toggles a layer, clicks features, switches the language, draws query shapes with the mouse and
 * runs spatial queries, and watches features an editor writes appear, change and go without a reload. Checks that the
 * dense layer (land-use plans) is drawn as PNG tiles at low zooms and as features when zoomed in, that stale tiles are
 * fetched again, and that a point layer's heat map follows the view, its time window and live changes. Fails if the page
 * asks anything of a host other than the loopback server (the page must work with no internet) or throws. Screenshots of
 * what it saw go to {@code target/screenshots/}. Needs chromium ({@code .ci/run} installs it);
 * {@code -Diocmap.test.chromium=/path} picks another.
 */
class MapPageBrowserTest extends BrowserPageTest {
    /** One layer of each domain kind in the demo data. */
    private static final List<String> KIND_LAYERS =
            List.of("cameras", "citizen_reports", "fire_alarms", "vessels", "env_stations", "land_use_plans");
    /** The layer the page draws as PNG tiles below zoom 13 (js/dense.js). */
    private static final String DENSE_LAYER = "land_use_plans";
    /** The zoom from which the page draws land-use plans as vector features. */
    private static final int DENSE_VECTOR_ZOOM = 13;
    /** Central Nha Trang, [longitude, latitude]. */
    private static final double[] NHA_TRANG = {109.1967, 12.2388};
    /** How long a change written through the API may take to show on the page. */
    private static final double LIVE_MILLIS = 2000;
    /**
     * How long a change may take to show in a heat map: heat events come at most once a second, and the page waits
     * for the layer to rest before asking again.
     */
    private static final double HEAT_LIVE_MILLIS = 5000;
    /** The heat ramp's densest colour (ColourRamp.HEAT), which the page gives the cell holding the answer's max. */
    private static final String HEAT_TOP = "#bd0026";

    private static Map<String, JsonObject> adminLayers;
    private static String adminToken;

    @BeforeAll
    static void readTheAdminsLayers() {
        adminToken = Http.token(server, "admin", "admin");
        JsonArray layers = new JsonObject(
                        Http.get(server.baseUrl() + "/api/layers", adminToken).body())
                .getJsonArray("layers");
        adminLayers = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            adminLayers.put(layers.getJsonObject(i).getString("id"), layers.getJsonObject(i));
        }
    }

    @Test
    void adminSeesEveryKindOfLayerDrawn() {
        signIn("admin");

        Map<String, Integer> counts = drawnCounts();
        for (String layer : KIND_LAYERS) {
            if (!layer.equals(DENSE_LAYER)) {
                assertThat(counts.get(layer))
                        .as("features drawn for %s", layer)
                        .isNotNull()
                        .isPositive();
            }
        }
        // The start view shows the whole province: land-use plans are drawn as PNG tiles there, as features closer in.
        assertThat(drawModes().get(DENSE_LAYER)).isEqualTo("tiles");
        assertThat(((Number) tileStatus(DENSE_LAYER).get("shown")).intValue()).isPositive();
        setView(NHA_TRANG[0], NHA_TRANG[1], 15);
        assertThat(settled().get(DENSE_LAYER))
                .as("land-use zones drawn as features")
                .isPositive();
        assertThat(drawModes().get(DENSE_LAYER)).isEqualTo("vector");
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
            if (layer.equals(DENSE_LAYER)) {
                // drawn as features from zoom 13 (a click on its PNG tiles has its own test below)
                setView(NHA_TRANG[0], NHA_TRANG[1], 15);
                settled();
                assertThat(drawModes().get(layer)).isEqualTo("vector");
            }
            Locator popup = clickFeatureOf(layer);
            assertThat(popup.getAttribute("data-layer")).isEqualTo(layer);
            assertThat(popup.innerText()).startsWith(title(adminLayers.get(layer), "vi"));
        }
    }

    @Test
    void aCameraPopupLinksItsLiveVideoAndSnapshot() {
        signIn("operator");
        Locator popup = clickFeatureOf("cameras");
        Locator stream = popup.getByTestId("camera-stream");
        assertThat(stream.getAttribute("href")).startsWith("rtsp://");
        assertThat(stream.innerText()).isEqualTo("Xem video trực tiếp");
        assertThat(popup.getByTestId("camera-snapshot").getAttribute("href")).startsWith("http://");
        assertThat(popupLabels()).as("addresses are links, not rows").doesNotContain("Video trực tiếp", "Ảnh chụp");
        screenshot("camera-popup.png");
        page.getByTestId("lang-switch").click();
        assertThat(popup.getByTestId("camera-stream").innerText()).isEqualTo("Watch live video");
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

    @Test
    void theDenseLayerIsDrawnAsPngTilesAtALowZoomAndAClickOnThemOpensThePopup() {
        List<Response> tiles = Collections.synchronizedList(new ArrayList<>());
        page.onResponse(response -> {
            if (response.url().contains("/tiles/" + DENSE_LAYER + "/")) {
                tiles.add(response);
            }
        });
        signIn("admin");
        String token = sessionToken();
        assertThat(view().get("zoom")).isLessThan(DENSE_VECTOR_ZOOM);
        assertThat(drawModes().get(DENSE_LAYER)).isEqualTo("tiles");
        assertThat(drawnCounts().get(DENSE_LAYER))
                .as("no vector zones at this zoom")
                .isZero();

        // Every tile on the map was fetched with the token and answered as a PNG; none failed.
        Map<String, Object> status = tileStatus(DENSE_LAYER);
        @SuppressWarnings("unchecked")
        List<String> shown = (List<String>) status.get("shownKeys");
        assertThat(shown).isNotEmpty();
        assertThat(((Number) status.get("failed")).intValue()).isZero();
        Set<String> fetched = new HashSet<>();
        synchronized (tiles) {
            for (Response response : tiles) {
                assertThat(response.url()).endsWith(".png");
                if (("Bearer " + token).equals(response.request().headerValue("authorization"))) {
                    assertThat(response.status()).as(response.url()).isEqualTo(200);
                    assertThat(response.headerValue("content-type")).isEqualTo("image/png");
                    fetched.add(response.url()
                            .replaceFirst(".*/tiles/" + DENSE_LAYER + "/", "")
                            .replace(".png", ""));
                }
            }
        }
        assertThat(fetched).as("tiles fetched with the Authorization header").containsAll(shown);
        // The tiles are on screen, drawn from object URLs, and hold coloured zones.
        int painted = ((Number) page.evaluate(
                        "layer => { const map = document.querySelector('[data-testid=map]')"
                                + ".getBoundingClientRect();"
                                + " return [...document.querySelectorAll('.iocmap-png-tiles img.leaflet-tile-loaded')]"
                                + ".filter(img => img.src.startsWith('blob:') && img.naturalWidth === 256)"
                                + ".filter(img => { const r = img.getBoundingClientRect(); return r.right > map.left"
                                + " && r.left < map.right && r.bottom > map.top && r.top < map.bottom"
                                + " && getComputedStyle(img).visibility !== 'hidden'; })"
                                + ".filter(img => { const c = document.createElement('canvas'); c.width = c.height = 256;"
                                + " const g = c.getContext('2d'); g.drawImage(img, 0, 0);"
                                + " const d = g.getImageData(0, 0, 256, 256).data;"
                                + " for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) return true; } return false; })"
                                + ".length; }",
                        DENSE_LAYER))
                .intValue();
        assertThat(painted).as("visible tiles with zones drawn on them").isPositive();
        screenshot("dense-tiles-vi.png");

        // A click on a zone drawn in a tile asks the OGC API what is there and opens that feature's popup.
        @SuppressWarnings("unchecked")
        Map<String, Object> point =
                (Map<String, Object>) page.evaluate("id => window.iocmap.screenPointOf(id)", DENSE_LAYER);
        assertThat(point).as("a point inside a zone drawn in the tiles").isNotNull();
        Request pick = page.waitForRequest(
                r -> r.url().contains("/ogc/collections/" + DENSE_LAYER + "/items?")
                        && r.url().contains("bbox="),
                () -> page.mouse().click(x(point), y(point)));
        Locator popup = page.locator("[data-testid=popup][data-layer=" + DENSE_LAYER + "]");
        popup.waitFor();
        page.waitForFunction("() => getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1'");
        assertThat(popup.getAttribute("data-source")).isEqualTo("tiles");
        assertThat(popup.innerText()).startsWith(title(adminLayers.get(DENSE_LAYER), "vi"));
        String code = popup.locator("tr[data-attribute=code] td").innerText();
        List<String> there = new JsonObject(Http.get(pick.url(), adminToken).body())
                .getJsonArray("features").stream()
                        .map(f -> ((JsonObject) f).getJsonObject("properties").getString("code"))
                        .toList();
        assertThat(there).as("zones the server finds at the click").contains(code);
        screenshot("dense-tiles-popup-vi.png");
        page.getByTestId("lang-switch").click();
        assertThat(popup.innerText()).startsWith(title(adminLayers.get(DENSE_LAYER), "en"));
        page.getByTestId("lang-switch").click();

        // Zoomed in, the zones of the view are drawn as features, and the tiles go; zoomed out, they come back.
        setView(NHA_TRANG[0], NHA_TRANG[1], 15);
        int zones = settled().get(DENSE_LAYER);
        assertThat(zones).isPositive().isLessThan(totalFeatures(DENSE_LAYER));
        assertThat(drawModes().get(DENSE_LAYER)).isEqualTo("vector");
        assertThat(page.locator(".iocmap-png-tiles").count()).isZero();
        setView(NHA_TRANG[0], NHA_TRANG[1], 10);
        settled();
        assertThat(drawModes().get(DENSE_LAYER)).isEqualTo("tiles");
        assertThat(drawnCounts().get(DENSE_LAYER)).isZero();
        assertThat(((Number) tileStatus(DENSE_LAYER).get("shown")).intValue()).isPositive();
    }

    @Test
    void aTileTheServerCannotDrawLeavesAGapAndTheMapWorking() {
        signIn("admin");
        // Every land-use tile of zoom 10 fails; the other zooms do not.
        page.route(
                "**/tiles/" + DENSE_LAYER + "/10/**",
                route -> route.fulfill(new Route.FulfillOptions()
                        .setStatus(500)
                        .setContentType("application/problem+json")
                        .setBody("{\"status\":500,\"title\":\"Internal Server Error\"}")));
        setView(NHA_TRANG[0], NHA_TRANG[1], 10);
        settled();
        assertThat(drawModes().get(DENSE_LAYER)).isEqualTo("tiles");
        Map<String, Object> status = tileStatus(DENSE_LAYER);
        assertThat(((Number) status.get("failed")).intValue()).isPositive();
        assertThat(((Number) status.get("shown")).intValue()).isZero();
        Locator count = page.getByTestId("layer-count-" + DENSE_LAYER);
        assertThat(count.getAttribute("class")).contains("failed");
        assertThat(count.getAttribute("title")).contains("ô ảnh không tải được");
        assertThat(drawnCounts().get("citizen_reports")).isPositive(); // the rest of the map is drawn

        setView(NHA_TRANG[0], NHA_TRANG[1], 11);
        settled();
        assertThat(((Number) tileStatus(DENSE_LAYER).get("shown")).intValue()).isPositive();
        assertThat(count.getAttribute("class")).doesNotContain("failed");
        // The browser logs the 500 answers it was given; those are expected here.
        pageErrors.removeIf(e -> e.contains("status of 500"));
    }

    @Test
    void pngTilesAChangeMadeStaleAreFetchedAgainAndNoOthers() {
        List<String> tileEvents = Collections.synchronizedList(new ArrayList<>());
        page.onWebSocket(socket -> socket.onFrameReceived(frame -> {
            if (frame.text().contains("\"event\":\"tiles\"") && frame.text().contains("\"layer\":\"ports\"")) {
                tileEvents.add(frame.text());
            }
        }));
        List<String> portTiles = Collections.synchronizedList(new ArrayList<>());
        page.onRequest(request -> {
            if (request.url().contains("/tiles/ports/")) {
                portTiles.add(request.url().replaceFirst(".*/tiles/ports/", "").replace(".png", ""));
            }
        });
        signIn("admin");
        setView(109.2050, 12.2500, 13);
        settled();
        // Ports are few; the page is told to draw them as tiles, as it draws a dense layer.
        page.evaluate("() => window.iocmap.forceTiles('ports')");
        assertThat(drawModes().get("ports")).isEqualTo("tiles");
        page.waitForFunction("() => window.iocmap.liveStatus().ports === 'live'");
        @SuppressWarnings("unchecked")
        Set<String> shown = new HashSet<>((List<String>) tileStatus("ports").get("shownKeys"));
        assertThat(shown).isNotEmpty();
        int requestsBefore = portTiles.size();
        List<Long> written = new ArrayList<>();
        try {
            written.add(createPort(109.2060, 12.2510, "Cảng kiểm thử ô ảnh", "Tile test port"));
            page.waitForCondition(
                    () -> !tileEvents.isEmpty(), new Page.WaitForConditionOptions().setTimeout(LIVE_MILLIS));
            Set<String> stale = new HashSet<>();
            for (Object tile : new JsonObject(tileEvents.getFirst()).getJsonArray("tiles")) {
                JsonArray zxy = (JsonArray) tile;
                stale.add(zxy.getInteger(0) + "/" + zxy.getInteger(1) + "/" + zxy.getInteger(2));
            }
            Set<String> expected = new HashSet<>(stale);
            expected.retainAll(shown);
            assertThat(expected)
                    .as("stale tiles %s on the map %s", stale, shown)
                    .isNotEmpty();
            page.waitForFunction(
                    "n => window.iocmap.tileStatus().ports.refreshedKeys.length >= n"
                            + " && window.iocmap.tileStatus().ports.loaded === window.iocmap.tileStatus().ports.requested",
                    expected.size(),
                    new Page.WaitForFunctionOptions().setTimeout(LIVE_MILLIS));
            @SuppressWarnings("unchecked")
            List<String> refreshed = (List<String>) tileStatus("ports").get("refreshedKeys");
            assertThat(refreshed).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(portTiles.subList(requestsBefore, portTiles.size()))
                    .as("tiles fetched after the change")
                    .containsExactlyInAnyOrderElementsOf(expected);
        } finally {
            written.forEach(this::deletePort);
        }
    }

    @Test
    void aHeatMapOfAPointLayerFollowsTheViewTheTimeWindowAndTheLanguage() {
        List<Request> asked = Collections.synchronizedList(new ArrayList<>());
        page.onRequest(request -> {
            if (request.url().contains("/api/heatmap?")) {
                asked.add(request);
            }
        });
        signIn("admin");
        setView(NHA_TRANG[0], NHA_TRANG[1], 12);
        settled();
        Locator toggle = page.getByTestId("heat-toggle-citizen_reports");
        assertThat(toggle.getAttribute("aria-pressed")).isEqualTo("false");
        toggle.click();
        assertThat(page.getByTestId("heat-toggle-citizen_reports").getAttribute("aria-pressed"))
                .isEqualTo("true");
        Map<String, Object> heat = waitForHeat("citizen_reports", 1);
        Map<String, String> params = query(asked.getLast());
        assertThat(params).containsEntry("layer", "citizen_reports").containsEntry("zoom", "12");
        assertThat(params.get("grid")).isIn("h3", "square");
        assertThat(params).containsKey("from").doesNotContainKey("to"); // the last 30 days, up to now
        assertThat(Duration.between(Instant.parse(params.get("from")), Instant.now()))
                .isBetween(Duration.ofDays(29), Duration.ofDays(31));
        double[] bbox = Arrays.stream(params.get("bbox").split(","))
                .mapToDouble(Double::parseDouble)
                .toArray();
        assertThat(bbox[0]).isLessThan(NHA_TRANG[0]);
        assertThat(bbox[2]).isGreaterThan(NHA_TRANG[0]);
        assertThat(bbox[1]).isLessThan(NHA_TRANG[1]);
        assertThat(bbox[3]).isGreaterThan(NHA_TRANG[1]);
        checkHeatDrawsTheAnswer(asked.getLast(), heat);
        assertThat(page.getByTestId("heat-panel").textContent()).contains("Bản đồ nhiệt", "Phản ánh hiện trường");
        assertThat(page.getByTestId("heat-legend").innerText()).contains("Số đối tượng mỗi ô");
        screenshot("heat-vi.png");

        // The last 24 hours count no more than the last 30 days.
        int monthTotal = ((Number) heat.get("total")).intValue();
        page.getByTestId("heat-window-24h").click();
        heat = waitForHeat("citizen_reports", requests(heat) + 1);
        params = query(asked.getLast());
        assertThat(Duration.between(Instant.parse(params.get("from")), Instant.now()))
                .isBetween(Duration.ofHours(23), Duration.ofHours(25));
        assertThat(((Number) heat.get("total")).intValue()).isLessThanOrEqualTo(monthTotal);
        checkHeatDrawsTheAnswer(asked.getLast(), heat);

        // The slider moves the window's end back: the window keeps its length and gets an end.
        page.getByTestId("heat-end")
                .evaluate(
                        "s => { s.value = String(Number(s.max) - 24 * 30); s.dispatchEvent(new Event('input', {bubbles: true})); }");
        heat = waitForHeat("citizen_reports", requests(heat) + 1);
        params = query(asked.getLast());
        assertThat(Duration.between(Instant.parse(params.get("from")), Instant.parse(params.get("to"))))
                .isEqualTo(Duration.ofHours(24));
        assertThat(Instant.parse(params.get("to"))).isBefore(Instant.now().minus(Duration.ofDays(29)));
        assertThat(page.getByTestId("heat-range").innerText()).startsWith("Từ ").contains(" đến ");
        checkHeatDrawsTheAnswer(asked.getLast(), heat);

        page.getByTestId("heat-window-all").click();
        heat = waitForHeat("citizen_reports", requests(heat) + 1);
        params = query(asked.getLast());
        assertThat(params).doesNotContainKeys("from", "to");
        assertThat(((Number) heat.get("total")).intValue()).isGreaterThanOrEqualTo(monthTotal);

        // Moving the map asks again for the new view.
        setView(109.1400, 12.2500, 12);
        heat = waitForHeat("citizen_reports", requests(heat) + 1);
        params = query(asked.getLast());
        double[] moved = Arrays.stream(params.get("bbox").split(","))
                .mapToDouble(Double::parseDouble)
                .toArray();
        assertThat(moved[0]).isLessThan(109.14);
        assertThat(moved[2]).isGreaterThan(109.14).isLessThan(bbox[2]);
        checkHeatDrawsTheAnswer(asked.getLast(), heat);

        // Hexagons when the server draws them, squares on request.
        if (Boolean.TRUE.equals(heat.get("h3"))) {
            assertThat(heat.get("grid")).isEqualTo("h3");
            page.getByTestId("heat-grid-square").click();
            heat = waitForHeat("citizen_reports", requests(heat) + 1);
            assertThat(query(asked.getLast())).containsEntry("grid", "square");
            assertThat(heat.get("grid")).isEqualTo("square");
            checkHeatDrawsTheAnswer(asked.getLast(), heat);
        } else {
            assertThat(page.getByTestId("heat-grid-h3").isDisabled()).isTrue();
            assertThat(heat.get("grid")).isEqualTo("square");
        }

        page.getByTestId("lang-switch").click();
        assertThat(page.getByTestId("heat-panel").textContent()).contains("Heat map", "Citizen reports");
        assertThat(page.getByTestId("heat-legend").innerText()).contains("Features per cell");
        screenshot("heat-en.png");

        page.getByTestId("heat-close").click();
        assertThat(page.evaluate("() => window.iocmap.heatStatus().layer")).isNull();
        assertThat(page.locator(".leaflet-heat-pane path").count()).isZero();
        assertThat(page.getByTestId("heat-toggle-citizen_reports").getAttribute("aria-pressed"))
                .isEqualTo("false");
    }

    @Test
    void aHeatMapCountsFeaturesWrittenThroughTheApiWithoutAReload() {
        List<String> subscriptions = Collections.synchronizedList(new ArrayList<>());
        page.onWebSocket(socket -> socket.onFrameSent(frame -> subscriptions.add(frame.text())));
        signIn("admin");
        page.evaluate("() => { window.notReloaded = true; }");
        setView(109.2050, 12.2500, 12);
        settled();
        page.getByTestId("heat-toggle-ports").click();
        page.waitForFunction("() => window.iocmap.heatStatus().live === 'live'");
        Map<String, Object> heat = waitForHeat("ports", 1);
        int total = ((Number) heat.get("total")).intValue();
        JsonObject subscription = subscriptions.stream()
                .map(JsonObject::new)
                .filter(s -> "ports".equals(s.getString("layer")) && "heat".equals(s.getString("mode")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no heat subscription for ports in " + subscriptions));
        assertThat(subscription.getString("type")).isEqualTo("subscribe");

        List<Long> written = new ArrayList<>();
        try {
            written.add(createPort(109.2050, 12.2500, "Cảng nhiệt 1", "Heat port 1"));
            written.add(createPort(109.2100, 12.2450, "Cảng nhiệt 2", "Heat port 2"));
            written.add(createPort(109.2150, 12.2400, "Cảng nhiệt 3", "Heat port 3"));
            waitForHeatTotal(total + 3);
            assertThat(page.evaluate("() => window.notReloaded")).isEqualTo(true);
            screenshot("heat-live.png");
        } finally {
            written.forEach(this::deletePort);
        }
        waitForHeatTotal(total);
    }

    /** Checks that the page draws what the server answers to the heat-map request it made. */
    private void checkHeatDrawsTheAnswer(Request request, Map<String, Object> heat) {
        JsonObject answer = new JsonObject(Http.get(request.url(), adminToken).body());
        JsonArray cells = answer.getJsonArray("features");
        int total = cells.stream()
                .mapToInt(c -> ((JsonObject) c).getJsonObject("properties").getInteger("count"))
                .sum();
        assertThat(((Number) heat.get("cells")).intValue()).isEqualTo(cells.size());
        assertThat(((Number) heat.get("total")).intValue()).isEqualTo(total);
        assertThat(((Number) heat.get("max")).doubleValue()).isEqualTo(answer.getDouble("max"));
        assertThat(page.locator(".leaflet-heat-pane path").count()).isEqualTo(cells.size());
        if (!cells.isEmpty()) {
            assertThat(page.locator(".leaflet-heat-pane path[fill='" + HEAT_TOP + "']")
                            .count())
                    .as("cells in the ramp's top colour")
                    .isPositive();
            assertThat(page.getByTestId("heat-max").innerText().replaceAll("[.,\\s]", ""))
                    .isEqualTo(String.valueOf(Math.round(answer.getDouble("max"))));
        }
    }

    private static int requests(Map<String, Object> heat) {
        return ((Number) heat.get("requests")).intValue();
    }

    /** Waits until the heat map of layer is drawn from an answer to at least this many requests, and returns it. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> waitForHeat(String layer, int requests) {
        page.waitForFunction(
                "([layer, n]) => { const s = window.iocmap.heatStatus();"
                        + " return s.layer === layer && !s.loading && s.requests >= n && s.grid !== null; }",
                List.of(layer, requests));
        return (Map<String, Object>) page.evaluate("() => window.iocmap.heatStatus()");
    }

    private void waitForHeatTotal(int total) {
        try {
            page.waitForFunction(
                    "n => window.iocmap.heatStatus().total === n",
                    total,
                    new Page.WaitForFunctionOptions().setTimeout(HEAT_LIVE_MILLIS));
        } catch (PlaywrightException e) {
            throw new AssertionError(
                    "the heat map should count " + total + " features within " + HEAT_LIVE_MILLIS + " ms; it counts "
                            + page.evaluate("() => JSON.stringify(window.iocmap.heatStatus())"),
                    e);
        }
    }

    /** Returns the query parameters of a request, decoded. */
    private static Map<String, String> query(Request request) {
        Map<String, String> params = new LinkedHashMap<>();
        String raw = URI.create(request.url()).getRawQuery();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            params.put(
                    URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    /** Returns the number of features of a layer, as the OGC API counts them. */
    private static int totalFeatures(String layer) {
        return new JsonObject(Http.get(server.baseUrl() + "/ogc/collections/" + layer + "/items?limit=1", adminToken)
                        .body())
                .getInteger("numberMatched");
    }

    /** Returns the bearer token the page holds. */
    private String sessionToken() {
        return (String) page.evaluate("() => JSON.parse(sessionStorage.getItem('iocmap.session')).token");
    }

    /** Waits until dense layers are drawn for the current view; returns drawnCounts. */
    private Map<String, Integer> settled() {
        @SuppressWarnings("unchecked")
        Map<String, Object> counts = (Map<String, Object>) page.evaluate("() => window.iocmap.settled()");
        return counts.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> ((Number) e.getValue()).intValue()));
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> drawModes() {
        return (Map<String, String>) page.evaluate("() => window.iocmap.drawModes()");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> tileStatus(String layer) {
        return (Map<String, Object>) page.evaluate("id => window.iocmap.tileStatus()[id]", layer);
    }

    /** Signs in through the dialog, as {@link BrowserPageTest#signIn} does, and checks that the dialog closed. */
    @Override
    void signIn(String user) {
        super.signIn(user);
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
        return Http.request(method, server.baseUrl() + path, token, type, body);
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
}
