package org.iocmap.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.iocmap.layers.ais.AisEncoder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Drives the fisheries tools of the map page in the Debian chromium: the vessel arrows coloured by state, the vessel
 * panel (search, details, track replay), fences drawn with the mouse, edited into a new version and deleted, and the
 * alert feed, which shows an alert raised by AIS positions posted to the server without a reload, zooms to its
 * evidence and acknowledges it. Uses the shared demo server and, as {@link BrowserPageTest} does for every page test,
 * fails on page errors and on requests that leave the loopback host.
 */
class FleetPageBrowserTest extends BrowserPageTest {
    private static final AtomicInteger NEXT_MMSI = new AtomicInteger(574_300_000 + (int) (System.nanoTime() % 50_000));
    /** How long a change on the server may take to show on the page. */
    private static final double LIVE_MILLIS = 8000;

    private static String fisheries;

    @BeforeAll
    static void signInAsFisheries() {
        fisheries = Http.token(server, "fisheries", "fisheries");
    }

    @Test
    void vesselsAreArrowsColouredByStateWithABilingualLegend() {
        signIn("fisheries");
        @SuppressWarnings("unchecked")
        Map<String, Object> states = (Map<String, Object>) page.evaluate("() => window.iocmap.vesselStates()");
        assertThat(states).as("vessel markers by state").isNotEmpty().doesNotContainKey("style");
        assertThat(states.keySet()).isSubsetOf("moving", "slow", "dark", "alert");

        JsonObject vessel = vessels("").getJsonObject(0);
        setView(vessel.getDouble("lon"), vessel.getDouble("lat"), 16);
        page.waitForSelector(".mk-arrow[data-state]");
        String state = (String) page.evaluate("() => document.querySelector('.mk-arrow[data-state]').dataset.state");
        assertThat(state).isIn("moving", "slow", "dark", "alert");
        String fill = (String)
                page.evaluate("() => document.querySelector('.mk-arrow[data-state] path').getAttribute('fill')");
        assertThat(fill)
                .isEqualTo(Map.of("moving", "#1565c0", "slow", "#f9a825", "dark", "#78909c", "alert", "#d32f2f")
                        .get(state));

        Locator legend = page.getByTestId("vessel-legend");
        assertThat(legend.locator("li").count()).isEqualTo(4);
        assertThat(legend.innerText()).contains("Đang chạy", "Mất tín hiệu");
        page.getByTestId("lang-switch").click();
        assertThat(legend.innerText()).contains("Under way", "Dark", "Unacknowledged alert");
        screenshot("fleet-vessels-en.png");
    }

    @Test
    void aVesselFoundBySearchShowsItsDetailsAndItsTrackReplaysWithTheSlider() {
        String mmsi = String.valueOf(NEXT_MMSI.incrementAndGet());
        Instant t0 = Instant.now().minusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        // A vessel of our own, with a known track: three fixes going east.
        ingest(AisEncoder.positionReport("test", t0, Integer.parseInt(mmsi), 109.40, 12.00, 8.0, 90.0, 90) + "\n"
                + AisEncoder.positionReport(
                        "test", t0.plusSeconds(600), Integer.parseInt(mmsi), 109.45, 12.00, 8.0, 90.0, 90)
                + "\n"
                + AisEncoder.positionReport(
                        "test", t0.plusSeconds(1200), Integer.parseInt(mmsi), 109.50, 12.00, 8.0, 90.0, 90));
        signIn("fisheries");
        page.getByTestId("vessels-tab-open").click();
        page.getByTestId("vessel-search").fill(mmsi.substring(0, 8));
        page.getByTestId("vessel-result-" + mmsi).click();
        assertThat(page.getByTestId("vessel-details").innerText()).contains(mmsi);
        page.waitForFunction("() => window.iocmap.replay().points === 3");
        assertThat(page.getByTestId("track-summary").innerText()).startsWith("3 vị trí");

        Map<String, Object> end = replay();
        assertThat(((Number) end.get("lon")).doubleValue())
                .isCloseTo(109.50, org.assertj.core.api.Assertions.within(1e-4));
        double xEnd = markerX();

        Locator slider = page.getByTestId("track-slider");
        slider.fill("0");
        Map<String, Object> start = replay();
        assertThat(((Number) start.get("lon")).doubleValue())
                .isCloseTo(109.40, org.assertj.core.api.Assertions.within(1e-4));
        assertThat(Instant.parse((String) start.get("time"))).isEqualTo(t0);
        assertThat(markerX()).as("the marker moved west on the screen").isLessThan(xEnd - 20);

        slider.fill("900"); // 15 minutes in: half way between the second and third fix
        Map<String, Object> middle = replay();
        assertThat(((Number) middle.get("lon")).doubleValue())
                .isCloseTo(109.475, org.assertj.core.api.Assertions.within(1e-3));
        assertThat(Instant.parse(page.getByTestId("track-time").getAttribute("data-time")))
                .isEqualTo(t0.plusSeconds(900));

        page.getByTestId("track-play").click(); // plays to the end
        page.waitForFunction(
                "() => { const r = window.iocmap.replay(); return !r.playing && Math.abs(r.lon - 109.5) < 1e-4; }");
        screenshot("fleet-track.png");
    }

    @Test
    void aFenceDrawnWithTheMouseIsSavedEditedIntoVersionTwoAndDeleted() {
        signIn("fisheries");
        page.getByTestId("fences-tab-open").click();
        page.waitForFunction("() => window.iocmap.fences().fences.length > 0");
        setView(109.65, 11.85, 12);
        page.getByTestId("fence-draw-polygon").click();
        double[][] corners = {{109.62, 11.88}, {109.68, 11.88}, {109.68, 11.82}, {109.62, 11.82}};
        for (int i = 0; i < corners.length; i++) {
            placeCorner(corners[i], i + 1);
        }
        clickAt(corners[0]); // closes the area
        page.getByTestId("fence-form").waitFor();

        page.getByTestId("fence-save").click(); // no name yet: the form says so
        assertThat(page.getByTestId("fence-error").innerText()).contains("Hãy đặt tên");

        String name = "Vùng thử " + Long.toString(System.nanoTime(), 36);
        page.getByTestId("fence-name").fill(name);
        page.getByTestId("fence-kind").selectOption("PROTECTED_AREA");
        Response created = page.waitForResponse(
                r -> r.url().endsWith("/api/geofences")
                        && "POST".equals(r.request().method()),
                () -> page.getByTestId("fence-save").click());
        assertThat(created.status()).isEqualTo(201);
        JsonObject fence = new JsonObject(created.text());
        String id = fence.getString("id");
        JsonArray ring =
                fence.getJsonObject("geometry").getJsonArray("coordinates").getJsonArray(0);
        assertThat(ring).as("the corners clicked, closed").hasSize(5);
        assertThat(ring.getJsonArray(0).getDouble(0)).isCloseTo(109.62, org.assertj.core.api.Assertions.within(2e-3));
        assertThat(fence.getString("kind")).isEqualTo("PROTECTED_AREA");

        Locator item = page.getByTestId("fence-" + id);
        item.waitFor();
        assertThat(item.innerText()).contains(name, "Khu bảo tồn", "phiên bản 1");
        page.waitForFunction("id => window.iocmap.fences().fences.some(f => f.id === id && f.drawn)", id);
        assertThat(page.locator("path.fence-shape[data-fence='" + id + "']").count())
                .isEqualTo(1);

        page.getByTestId("fence-edit-" + id).click();
        // Once the map is still and a corner handle is drawn on each corner of the shape.
        page.waitForFunction("() => { const v = window.iocmap.fenceVertices();"
                + " const icons = [...document.querySelectorAll('.leaflet-editing-icon')].map(e => e.getBoundingClientRect());"
                + " return v.length === 4 && v.every(p => icons.some(r =>"
                + " Math.abs(r.left + r.width / 2 - p.x) < 2 && Math.abs(r.top + r.height / 2 - p.y) < 2)); }");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> vertices =
                (List<Map<String, Object>>) page.evaluate("() => window.iocmap.fenceVertices()");
        assertThat(vertices).hasSize(4);
        Map<String, Object> corner = vertices.get(3); // the south-west corner
        page.mouse().move(x(corner), y(corner));
        page.mouse().down();
        page.mouse().move(x(corner) - 30, y(corner) + 20, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(5));
        page.mouse().up();
        page.getByTestId("fence-name").fill(name + " (sửa)");
        Response versioned = page.waitForResponse(
                r -> r.url().endsWith("/api/geofences/" + id)
                        && "PUT".equals(r.request().method()),
                () -> page.getByTestId("fence-save").click());
        assertThat(versioned.status()).as(versioned.text()).isEqualTo(200);
        JsonObject second = new JsonObject(versioned.text());
        assertThat(second.getInteger("version")).isEqualTo(2);
        assertThat(second.getString("name")).isEqualTo(name + " (sửa)");
        double movedLon = second.getJsonObject("geometry")
                .getJsonArray("coordinates")
                .getJsonArray(0)
                .getJsonArray(3)
                .getDouble(0);
        assertThat(movedLon).as("the dragged corner moved west").isLessThan(109.615);
        page.waitForFunction(
                "id => document.querySelector(`[data-testid='fence-meta-${id}']`)?.textContent.includes('phiên bản 2')",
                id);

        page.getByTestId("fence-delete-" + id).click();
        assertThat(page.getByTestId("fence-" + id).innerText()).contains("Xóa vùng này?");
        Response removed = page.waitForResponse(
                r -> r.url().endsWith("/api/geofences/" + id)
                        && "DELETE".equals(r.request().method()),
                () -> page.getByTestId("fence-delete-confirm-" + id).click());
        assertThat(removed.status()).isEqualTo(204);
        page.getByTestId("fence-" + id)
                .waitFor(new Locator.WaitForOptions()
                        .setState(com.microsoft.playwright.options.WaitForSelectorState.DETACHED));
        assertThat(page.locator("path.fence-shape[data-fence='" + id + "']").count())
                .isZero();
    }

    @Test
    void aNewAlertAppearsLiveZoomsToItsEvidenceAndIsAcknowledged() {
        String fenceId = "browser-closed-" + Long.toString(System.nanoTime(), 36);
        JsonArray ring = new JsonArray()
                .add(new JsonArray().add(110.0).add(10.0))
                .add(new JsonArray().add(110.2).add(10.0))
                .add(new JsonArray().add(110.2).add(10.2))
                .add(new JsonArray().add(110.0).add(10.2))
                .add(new JsonArray().add(110.0).add(10.0));
        HttpResponse<String> created = Http.request(
                "POST",
                server.baseUrl() + "/api/geofences",
                fisheries,
                "application/json",
                new JsonObject()
                        .put("id", fenceId)
                        .put("name", "Vùng cấm thử trình duyệt")
                        .put("kind", "NO_FISHING_ZONE")
                        .put(
                                "geometry",
                                new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(ring)))
                        .put("effectiveFrom", "2026-01-01T00:00:00Z")
                        .encode());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        signIn("fisheries");
        page.getByTestId("alert-feed").waitFor();
        page.waitForFunction("() => window.iocmap.alerts().live === 'live'");
        @SuppressWarnings("unchecked")
        Map<String, Object> before = (Map<String, Object>) page.evaluate("() => window.iocmap.alerts()");
        int unacknowledged = ((Number) before.get("unacknowledged")).intValue();

        int mmsi = NEXT_MMSI.incrementAndGet();
        Instant t0 = Instant.now().minusSeconds(600);
        ingest(AisEncoder.positionReport("test", t0, mmsi, 109.90, 10.10, 10.0, 90.0, 90) + "\n"
                + AisEncoder.positionReport("test", t0.plusSeconds(300), mmsi, 110.05, 10.10, 10.0, 90.0, 90));
        // The vessel may cross other tests' fences on the shared server too: this test's alert names its fence.
        Locator alert = page.locator("[data-testid^='alert-'][data-alert-id]")
                .filter(new Locator.FilterOptions().setHasText("MMSI " + mmsi))
                .filter(new Locator.FilterOptions().setHasText("Vùng cấm thử trình duyệt"));
        alert.waitFor(new Locator.WaitForOptions().setTimeout(LIVE_MILLIS));
        String alertId = alert.getAttribute("data-alert-id");
        assertThat(alert.innerText()).contains("Đi vào vùng", "Vùng cấm thử trình duyệt", "Mới");
        assertThat(alert.getAttribute("data-status")).isEqualTo("NEW");
        @SuppressWarnings("unchecked")
        Map<String, Object> after = (Map<String, Object>) page.evaluate("() => window.iocmap.alerts()");
        assertThat(((Number) after.get("unacknowledged")).intValue()).isGreaterThan(unacknowledged);
        assertThat(page.getByTestId("alert-badge").innerText()).isEqualTo(String.valueOf(after.get("unacknowledged")));
        @SuppressWarnings("unchecked")
        Map<String, Object> sound = (Map<String, Object>) after.get("sound");
        assertThat(((Number) sound.get("played")).intValue() + ((Number) sound.get("blocked")).intValue())
                .as("a sound was asked for (played, or blocked by the browser without an error)")
                .isPositive();

        page.getByTestId("alert-open-" + alertId).click();
        page.waitForFunction(
                "id => { const e = window.iocmap.alerts().evidence; return e && e.alertId === id && e.fenceId; }",
                alertId);
        @SuppressWarnings("unchecked")
        Map<String, Object> evidence = (Map<String, Object>)
                ((Map<String, Object>) page.evaluate("() => window.iocmap.alerts()")).get("evidence");
        assertThat(evidence.get("fenceId")).isEqualTo(fenceId);
        assertThat(((Number) evidence.get("trackPoints")).intValue()).isEqualTo(2);
        @SuppressWarnings("unchecked")
        Map<String, Object> point = (Map<String, Object>) evidence.get("point");
        assertThat(((Number) point.get("lon")).doubleValue())
                .isCloseTo(110.0, org.assertj.core.api.Assertions.within(1e-3));
        Map<String, Object> view = view();
        assertThat(((Number) view.get("zoom")).doubleValue()).isGreaterThanOrEqualTo(10);
        assertThat(((Number) view.get("lon")).doubleValue()).isBetween(109.9, 110.06);
        assertThat(((Number) view.get("lat")).doubleValue()).isBetween(10.0, 10.2);
        assertThat(page.locator("path.evidence-fence").count()).isPositive();
        assertThat(page.locator("path.evidence-point").count()).isEqualTo(1);
        screenshot("fleet-evidence.png");

        page.getByTestId("alert-ack-" + alertId).click();
        page.getByTestId("alert-note-" + alertId).fill("đã liên lạc với tàu");
        Response ack = page.waitForResponse(
                r -> r.url().endsWith("/api/alerts/" + alertId + "/acknowledge"),
                () -> page.getByTestId("alert-ack-submit-" + alertId).click());
        assertThat(ack.status()).isEqualTo(200);
        page.waitForFunction(
                "id => document.querySelector(`[data-testid='alert-${id}']`)?.dataset.status === 'ACKNOWLEDGED'",
                alertId);
        assertThat(page.getByTestId("alert-status-" + alertId).innerText()).isEqualTo("Đã xác nhận");
        JsonObject stored = new JsonObject(
                        Http.get(server.baseUrl() + "/api/alerts?mmsi=" + mmsi + "&fence=" + fenceId, fisheries)
                                .body())
                .getJsonArray("features")
                .getJsonObject(0)
                .getJsonObject("properties");
        assertThat(stored.getString("status")).isEqualTo("ACKNOWLEDGED");
        assertThat(stored.getString("note")).isEqualTo("đã liên lạc với tàu");

        page.getByTestId("lang-switch").click();
        assertThat(page.getByTestId("alert-" + alertId).innerText()).contains("Entered", "Acknowledged");
    }

    // ---- helpers ----

    private static void ingest(String lines) {
        Http.ingestAis(server, fisheries, lines);
    }

    private static JsonArray vessels(String query) {
        HttpResponse<String> response = Http.get(server.baseUrl() + "/api/vessels?limit=20&q=" + query, fisheries);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body()).getJsonArray("vessels");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> replay() {
        return (Map<String, Object>) page.evaluate("() => window.iocmap.replay()");
    }

    /**
     * Returns the replay marker's x on the screen once the map stands still: the track's fitBounds animates, and a
     * reading taken during it says nothing about where the marker is drawn.
     */
    private double markerX() {
        double last = Double.NaN;
        for (int i = 0; i < 40; i++) {
            double x = markerXNow();
            if (Math.abs(x - last) < 0.5) {
                return x;
            }
            last = x;
            page.waitForTimeout(150);
        }
        throw new AssertionError("the replay marker kept moving on the screen for 6 s; last x " + last);
    }

    /**
     * Clicks a corner of the fence being drawn and waits until leaflet-draw has it, as a user would: it takes no new
     * corner for 50 ms after one, and a click that lands on a passing vessel of the simulated fleet goes to the vessel.
     * Such a click is made again, as a user would after seeing no corner appear.
     */
    private void placeCorner(double[] corner, int corners) {
        String placed =
                "n => document.querySelectorAll('.leaflet-editing-icon').length === n && !window.iocmap.fenceDrawBusy()";
        for (int attempt = 1; ; attempt++) {
            clickAt(corner);
            try {
                page.waitForFunction(
                        placed, corners, new com.microsoft.playwright.Page.WaitForFunctionOptions().setTimeout(3_000));
                return;
            } catch (com.microsoft.playwright.TimeoutError e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private double markerXNow() {
        return ((Number) page.evaluate(
                        "() => { const r = document.querySelector('.replay-marker').getBoundingClientRect();"
                                + " return r.left + r.width / 2; }"))
                .doubleValue();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> view() {
        return (Map<String, Object>) page.evaluate("() => window.iocmap.view()");
    }
}
