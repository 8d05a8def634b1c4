package org.iocmap.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
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
 * kind of layer is drawn, toggles a layer, clicks features, switches the language. Fails if the page asks anything of a
 * host other than the loopback server (the page must work with no internet) or throws. Screenshots of what it saw go to
 * {@code target/screenshots/}. Needs chromium ({@code .ci/run} installs it); {@code -Diocmap.test.chromium=/path} picks another.
 */
class MapPageBrowserTest {
    /** One layer of each domain kind in the demo data. */
    private static final List<String> KIND_LAYERS =
            List.of("cameras", "citizen_reports", "fire_alarms", "vessels", "env_stations", "land_use_plans");

    private static final Path CHROMIUM = Paths.get(System.getProperty("iocmap.test.chromium", "/usr/bin/chromium"));
    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    private static TestServer server;
    private static Playwright playwright;
    private static Browser browser;
    private static Map<String, JsonObject> adminLayers;

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
        String token = Http.token(server, "admin", "admin");
        JsonArray layers =
                new JsonObject(Http.get(server.baseUrl() + "/api/layers", token).body()).getJsonArray("layers");
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
