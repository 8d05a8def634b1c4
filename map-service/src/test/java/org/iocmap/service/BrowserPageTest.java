package org.iocmap.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the tests that drive the map page in the Debian chromium share: the browser, launched once a class against the
 * shared demo server; a fresh page a test, opened in Vietnamese at the start view, that records requests to hosts
 * other than the loopback server and errors in the page; the check after each test that there were none; and the
 * steps an operator takes on any page (signing in through the dialog, setting the view, clicking the map) and
 * screenshots, which go to {@code target/screenshots/}. Needs chromium ({@code .ci/run} installs it);
 * {@code -Diocmap.test.chromium=/path} picks another.
 *
 * <p>A subclass that prepares more before its tests names its own {@code @BeforeAll} method differently from
 * {@link #launch()}, so that both run, this one first.
 */
abstract class BrowserPageTest {
    private static final Path CHROMIUM = Paths.get(System.getProperty("iocmap.test.chromium", "/usr/bin/chromium"));
    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    static TestServer server;
    private static Playwright playwright;
    private static Browser browser;

    private BrowserContext context;
    Page page;
    private final List<String> externalRequests = Collections.synchronizedList(new ArrayList<>());
    /** Errors the page threw or logged; a test that provokes one on purpose removes it before the check. */
    final List<String> pageErrors = Collections.synchronizedList(new ArrayList<>());

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

    /** Signs in through the dialog the page opens, and waits until the layers of this user are drawn. */
    void signIn(String user) {
        page.getByTestId("login-username").fill(user);
        page.getByTestId("login-password").fill(user);
        page.getByTestId("login-submit").click();
        page.evaluate("() => window.iocmap.ready");
        assertThat(page.getByTestId("signout").isVisible()).isTrue();
    }

    void setView(double lon, double lat, int zoom) {
        page.evaluate("([lon, lat, zoom]) => window.iocmap.setView(lon, lat, zoom)", List.of(lon, lat, zoom));
    }

    /** Returns where on the screen [lon, lat] is drawn, as {@code x} and {@code y}. */
    @SuppressWarnings("unchecked")
    Map<String, Object> screenPointAt(double[] lonLat) {
        return (Map<String, Object>)
                page.evaluate("([lon, lat]) => window.iocmap.screenPointAt(lon, lat)", List.of(lonLat[0], lonLat[1]));
    }

    /** Clicks the map with the mouse where [lon, lat] is drawn. */
    void clickAt(double[] lonLat) {
        Map<String, Object> point = screenPointAt(lonLat);
        page.mouse().click(x(point), y(point));
    }

    static double x(Map<String, Object> point) {
        return ((Number) point.get("x")).doubleValue();
    }

    static double y(Map<String, Object> point) {
        return ((Number) point.get("y")).doubleValue();
    }

    /** Saves a screenshot of the page as {@code target/screenshots/name}. */
    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name)));
    }
}
