package org.iocmap.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.iocmap.service.http.GeoJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * Drives the operator's incident desk of the map page in the Debian chromium: the queue of fire incidents and citizen
 * reports with its pins (an overdue report's pin counts the time since its deadline), a fire alarm posted to the server
 * that appears at the top of the queue within two seconds with the alarm sound, is acknowledged with one click (its
 * history says by whom), dispatched to the nearest station and resolved; a new report assigned and started, its history
 * and a comment; the English labels; and an operator limited to the Nha Trang area who sees the incidents inside it
 * only. Uses the shared demo server and, as {@link BrowserPageTest} does for every page test, fails on page errors and
 * on requests that leave the loopback host. Tests act on incidents of their own choosing (a device without an open
 * incident, a NEW report), so they may share the demo data with the other tests.
 */
class IncidentPageBrowserTest extends BrowserPageTest {
    /** How long a new alarm may take from its post to its row at the top of the queue. */
    private static final long ALARM_MILLIS = 2000;

    private static String admin;
    private static String operator;

    @BeforeAll
    static void signInThroughTheApi() {
        admin = Http.token(server, "admin", "admin");
        operator = Http.token(server, "operator", "operator");
    }

    @Test
    void theQueueListsIncidentsMostUrgentFirstWithPinsAndOverdueCountdowns() {
        signIn("operator");
        openQueue();
        List<Map<String, Object>> shown = shown();
        assertThat(shown).isNotEmpty();
        List<Integer> urgencies =
                shown.stream().map(i -> ((Number) i.get("urgency")).intValue()).toList();
        assertThat(urgencies).as("most urgent first").isSorted();
        assertThat(page.locator("#incident-panel [data-testid^='incident-'][data-code]")
                        .count())
                .isEqualTo(shown.size());
        assertThat(page.locator(".incident-pin").count()).isEqualTo(shown.size());
        JsonObject counts = new JsonObject(status()).getJsonObject("counts");
        assertThat(page.getByTestId("incident-count-fire").getAttribute("data-count"))
                .isEqualTo(String.valueOf(counts.getInteger("fire")));
        assertThat(page.getByTestId("incident-count-overdue").getAttribute("data-count"))
                .isEqualTo(String.valueOf(counts.getInteger("overdue")));

        // Overdue reports: a marked pin that carries the time since the deadline.
        assertThat(page.locator(".incident-pin.overdue").count())
                .as("overdue pins")
                .isPositive();
        Map<String, Object> overdue = shown.stream()
                .filter(i -> Boolean.TRUE.equals(i.get("overdue")))
                .findFirst()
                .orElseThrow();
        String overdueCode = (String) overdue.get("code");
        assertThat(page.getByTestId("incident-countdown-" + overdueCode).innerText())
                .matches("quá hạn \\d+ (ngày|giờ|phút|giây).*");

        // A row selects its pin and brings it into view; a pin selects its row.
        page.getByTestId("incident-open-" + overdueCode).click();
        Locator selectedPin = page.locator(".incident-pin.selected.overdue[data-code='" + overdueCode + "']");
        selectedPin.waitFor();
        Locator countdown = selectedPin.locator(".incident-pin-countdown");
        assertThat(countdown.isVisible()).isTrue();
        assertThat(countdown.innerText()).matches("quá hạn \\d+ (ngày|giờ|phút|giây).*");
        // The map pans to the pin, which is drawn where the incident is.
        page.waitForFunction(
                "([lon, lat]) => { const v = window.iocmap.view();"
                        + " return Math.abs(v.lon - lon) < 1e-4 && Math.abs(v.lat - lat) < 1e-4; }",
                List.of(overdue.get("lon"), overdue.get("lat")));
        waitForPinAt(overdueCode, lonLat(overdue));
        page.getByTestId("incident-detail-" + overdueCode).waitFor();
        assertThat(page.locator(".incident-pin.overdue .incident-pin-countdown:visible")
                        .count())
                .as("overdue countdowns shown at this zoom")
                .isPositive();
        screenshot("incidents-queue.png");

        Map<String, Object> other = shown.stream()
                .filter(i -> !overdueCode.equals(i.get("code")))
                .findFirst()
                .orElseThrow();
        setView(((Number) other.get("lon")).doubleValue(), ((Number) other.get("lat")).doubleValue(), 18);
        Map<String, Object> point = screenPointAt(lonLat(other));
        waitForPinAt((String) other.get("code"), lonLat(other));
        // Another incident may share the very place: the row selected is that of the pin on top there.
        String onTop = (String) page.evaluate(
                "([x, y]) => document.elementFromPoint(x, y)?.closest('.incident-pin')?.dataset.code ?? null",
                List.of(x(point), y(point)));
        assertThat(onTop).as("a pin is drawn at the incident").isNotNull();
        page.mouse().click(x(point), y(point));
        page.waitForFunction("code => window.iocmap.incidentStatus().selected === code", onTop);
        assertThat(page.getByTestId("incident-" + onTop).getAttribute("class")).contains("selected");
    }

    @Test
    void aNewFireAlarmComesFirstWithinTwoSecondsWithTheSoundAndIsAcknowledgedInOneClickDispatchedAndResolved() {
        signIn("operator");
        openQueue();
        int playedBefore = soundPlayed();
        String device = quietDevice();

        long posted = System.currentTimeMillis();
        HttpResponse<String> alarm = Http.request(
                "POST",
                server.baseUrl() + "/api/ingest/alarms",
                admin,
                "application/json",
                new JsonObject()
                        .put("device", device)
                        .put("type", "ALARM")
                        .put("at", Instant.now().toString())
                        .encode());
        assertThat(alarm.statusCode()).as(alarm.body()).isEqualTo(200);
        assertThat(new JsonObject(alarm.body())
                        .getJsonArray("accepted")
                        .getJsonObject(0)
                        .getBoolean("incidentOpened"))
                .as("the ALARM opened a fire incident")
                .isTrue();
        page.waitForFunction(
                "since => { const seen = window.iocmap.lastAlarmSeenAt(); const first = window.iocmap.incidents()[0];"
                        + " return seen && seen.at >= since && first && first.code === seen.code; }",
                (double) posted,
                new com.microsoft.playwright.Page.WaitForFunctionOptions().setTimeout(ALARM_MILLIS + 3000));
        @SuppressWarnings("unchecked")
        Map<String, Object> seen = (Map<String, Object>) page.evaluate("() => window.iocmap.lastAlarmSeenAt()");
        long latency = ((Number) seen.get("at")).longValue() - posted;
        assertThat(latency).as("milliseconds from the post to the row").isLessThanOrEqualTo(ALARM_MILLIS);
        String code = (String) seen.get("code");
        Map<String, Object> top = shown().get(0);
        assertThat(top.get("kind")).isEqualTo("fire");
        assertThat(((Number) top.get("urgency")).intValue()).isZero();
        assertThat(soundPlayed()).as("the alarm sound played").isGreaterThan(playedBefore);
        Locator row = page.getByTestId("incident-" + code);
        assertThat(row.getAttribute("class")).contains("fresh", "unacknowledged");
        assertThat(page.getByTestId("incident-banner").isVisible()).isTrue();
        assertThat(page.locator(".incident-pin.unacknowledged[data-code='" + code + "']")
                        .count())
                .isEqualTo(1);
        screenshot("incidents-new-alarm.png");

        String before = row.getAttribute("data-status");
        Response ack = page.waitForResponse(
                r -> r.url().endsWith("/api/fire-incidents/" + code + "/acknowledge"),
                () -> page.getByTestId("incident-action-acknowledge-" + code).click());
        assertThat(ack.status()).as(ack.text()).isEqualTo(200);
        page.waitForFunction(
                "([code, before]) => { const r = document.querySelector(`[data-testid='incident-${code}']`);"
                        + " return r && r.dataset.status !== before && !r.classList.contains('unacknowledged'); }",
                List.of(code, before));
        assertThat(page.getByTestId("incident-status-" + code).innerText()).isEqualTo("Đã xác nhận");
        assertThat(page.locator(".incident-pin.unacknowledged[data-code='" + code + "']")
                        .count())
                .isZero();

        page.getByTestId("incident-open-" + code).click();
        Locator history = page.getByTestId("incident-history-" + code);
        history.waitFor();
        Locator acknowledged = history.locator("li[data-action='ACKNOWLEDGE']");
        acknowledged.waitFor();
        assertThat(acknowledged.innerText()).contains("Xác nhận", "operator");
        assertThat(page.getByTestId("incident-stations-" + code).locator("li").count())
                .isPositive();
        acknowledged.scrollIntoViewIfNeeded();
        screenshot("incidents-acknowledged.png");

        // Dispatch: the nearest station is chosen already.
        JsonObject detail = get("/api/fire-incidents/" + code, operator);
        String nearest = detail.getJsonArray("stations").getJsonObject(0).getString("code");
        page.getByTestId("incident-action-dispatch-" + code).click();
        Locator station = page.getByTestId("incident-dispatch-station-" + code);
        page.waitForFunction(
                "code => document.querySelector(`[data-testid='incident-dispatch-station-${code}']`)?.dataset.filled === 'true'",
                code);
        assertThat(station.inputValue()).isEqualTo(nearest);
        Response dispatched = page.waitForResponse(
                r -> r.url().endsWith("/api/fire-incidents/" + code + "/dispatch"),
                () -> page.getByTestId("incident-submit-dispatch-" + code).click());
        assertThat(dispatched.status()).as(dispatched.text()).isEqualTo(200);
        waitForStatus(code, "DISPATCHED");
        assertThat(get("/api/fire-incidents/" + code, operator).getString("dispatchedStation"))
                .isEqualTo(nearest);

        // Resolve: the open queue lets it go.
        page.getByTestId("incident-action-resolve-" + code).click();
        page.getByTestId("incident-resolve-note-" + code).fill("Đã dập tắt, không thiệt hại");
        Response resolved = page.waitForResponse(
                r -> r.url().endsWith("/api/fire-incidents/" + code + "/resolve"),
                () -> page.getByTestId("incident-submit-resolve-" + code).click());
        assertThat(resolved.status()).as(resolved.text()).isEqualTo(200);
        row.waitFor(
                new Locator.WaitForOptions().setState(com.microsoft.playwright.options.WaitForSelectorState.DETACHED));
        assertThat(get("/api/fire-incidents/" + code, operator).getString("status"))
                .isEqualTo("RESOLVED");
    }

    @Test
    void aNewReportIsAssignedToTheAgencyOfItsCategoryAndStarted() {
        signIn("operator");
        openQueue();
        String code = shown().stream()
                .filter(i -> "report".equals(i.get("kind")) && "NEW".equals(i.get("status")))
                .map(i -> (String) i.get("code"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no NEW report in the queue"));

        page.getByTestId("incident-action-assign-" + code).click();
        Locator agency = page.getByTestId("incident-assign-agency-" + code);
        assertThat(agency.inputValue()).as("agency prefilled from the category").isNotBlank();
        page.getByTestId("incident-assign-unit-" + code).fill("Tổ công tác số 2");
        Response assigned = page.waitForResponse(
                r -> r.url().endsWith("/api/reports/" + code + "/assign"),
                () -> page.getByTestId("incident-submit-assign-" + code).click());
        assertThat(assigned.status()).as(assigned.text()).isEqualTo(200);
        waitForStatus(code, "ASSIGNED");
        assertThat(page.getByTestId("incident-status-" + code).innerText()).isEqualTo("Đã giao xử lý");

        Response started = page.waitForResponse(
                r -> r.url().endsWith("/api/reports/" + code + "/start"),
                () -> page.getByTestId("incident-action-start-" + code).click());
        assertThat(started.status()).as(started.text()).isEqualTo(200);
        waitForStatus(code, "IN_PROGRESS");
        assertThat(page.getByTestId("incident-status-" + code).innerText()).isEqualTo("Đang xử lý");

        JsonObject stored = get("/api/reports/" + code, operator);
        assertThat(stored.getString("status")).isEqualTo("IN_PROGRESS");
        assertThat(stored.getString("unit")).isEqualTo("Tổ công tác số 2");

        // The detail: who assigned it to whom and who started it, then a comment.
        page.getByTestId("incident-open-" + code).click();
        Locator history = page.getByTestId("incident-history-" + code);
        history.locator("li[data-action='START']").waitFor();
        assertThat(history.locator("li[data-action='ASSIGN']").innerText())
                .contains("Giao xử lý", "operator", "Tổ công tác số 2", "Mới → Đã giao xử lý");
        assertThat(history.locator("li[data-action='START']").innerText())
                .contains("operator", "Đã giao xử lý → Đang xử lý");
        String comment = "Đã cử tổ công tác " + Long.toString(System.nanoTime(), 36);
        page.getByTestId("incident-comment-" + code).fill(comment);
        page.getByTestId("incident-comment-send-" + code).click();
        page.getByTestId("incident-comments-" + code)
                .locator("li")
                .filter(new Locator.FilterOptions().setHasText(comment))
                .waitFor();
        assertThat(page.getByTestId("incident-comments-" + code).innerText()).contains("operator");
        screenshot("incidents-report.png");

        page.getByTestId("lang-switch").click();
        assertThat(page.getByTestId("incidents-tab-open").innerText()).containsIgnoringCase("Incidents");
        assertThat(page.getByTestId("incident-status-" + code).innerText()).isEqualTo("In progress");
        assertThat(page.getByTestId("incident-panel").innerText()).contains("Fire alarms", "Reports");
        screenshot("incidents-en.png");
    }

    @Test
    void anOperatorLimitedToNhaTrangSeesTheIncidentsInsideItOnly() {
        signIn("nhatrang");
        openQueue();
        String nhatrang = Http.token(server, "nhatrang", "nhatrang");
        JsonObject answer = incidents(nhatrang, "status=open&limit=200");
        List<String> expected = new ArrayList<>();
        answer.getJsonArray("incidents").forEach(i -> expected.add(((JsonObject) i).getString("code")));
        List<String> codes = shown().stream().map(i -> (String) i.get("code")).toList();
        assertThat(codes).as("the rows are what the API gives this operator").isEqualTo(expected);

        Geometry area =
                GeoJson.toGeometry(new JsonObject(Http.get(server.baseUrl() + "/api/areas/demo-nha-trang", nhatrang)
                                .body())
                        .getJsonObject("geometry"));
        GeometryFactory factory = new GeometryFactory();
        Set<String> outside = new HashSet<>();
        for (Map<String, Object> incident : shown()) {
            double lon = ((Number) incident.get("lon")).doubleValue();
            double lat = ((Number) incident.get("lat")).doubleValue();
            if (!area.covers(factory.createPoint(new Coordinate(lon, lat)))) {
                outside.add((String) incident.get("code"));
            }
        }
        assertThat(outside).as("incidents shown outside the area").isEmpty();
        assertThat(incidents(operator, "status=open&limit=1").getInteger("numberMatched"))
                .as("an unlimited operator sees more")
                .isGreaterThan(answer.getInteger("numberMatched"));
        assertThat(page.getByTestId("incident-area").innerText()).contains("Nha Trang");
        screenshot("incidents-nhatrang.png");
    }

    // ---- helpers ----

    private void openQueue() {
        page.getByTestId("incidents-tab-open").click();
        page.getByTestId("incident-panel").waitFor();
        page.waitForFunction("() => { const s = window.iocmap.incidentStatus();"
                + " return s && s.state === 'done' && s.live === 'live'; }");
    }

    private void waitForStatus(String code, String status) {
        page.waitForFunction(
                "([code, status]) => document.querySelector(`[data-testid='incident-${code}']`)?.dataset.status === status",
                List.of(code, status));
    }

    private static double[] lonLat(Map<String, Object> incident) {
        return new double[] {((Number) incident.get("lon")).doubleValue(), ((Number) incident.get("lat")).doubleValue()
        };
    }

    /**
     * Waits until the pin of an incident is drawn centred where the map shows [lon, lat]: the map animates its moves,
     * and a pin read during a zoom is not where it comes to rest.
     */
    private void waitForPinAt(String code, double[] lonLat) {
        page.waitForFunction(
                "([code, lon, lat]) => { const pin = document.querySelector(`.incident-pin[data-code='${code}']`);"
                        + " if (!pin || document.querySelector('.leaflet-zoom-anim')) return false;"
                        + " const p = window.iocmap.screenPointAt(lon, lat); const r = pin.getBoundingClientRect();"
                        + " return Math.abs(r.left + r.width / 2 - p.x) < 2 && Math.abs(r.top + r.height / 2 - p.y) < 2; }",
                List.of(code, lonLat[0], lonLat[1]));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> shown() {
        return (List<Map<String, Object>>) page.evaluate("() => window.iocmap.incidents()");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> status() {
        return (Map<String, Object>) page.evaluate("() => window.iocmap.incidentStatus()");
    }

    @SuppressWarnings("unchecked")
    private int soundPlayed() {
        Map<String, Object> sound = (Map<String, Object>) status().get("sound");
        return ((Number) sound.get("played")).intValue();
    }

    private static JsonObject incidents(String token, String query) {
        HttpResponse<String> response = Http.get(server.baseUrl() + "/api/incidents?" + query, token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    /** Returns the code of a demo fire-alarm device without an open fire incident: its ALARM opens a new one. */
    private static String quietDevice() {
        Set<String> busy = new HashSet<>();
        JsonArray open = get("/api/fire-incidents?limit=1000", admin).getJsonArray("incidents");
        open.forEach(i -> busy.add(((JsonObject) i).getString("device")));
        JsonArray devices = get("/api/alarm-devices?limit=1000", admin).getJsonArray("devices");
        return devices.stream()
                .map(d -> ((JsonObject) d).getString("code"))
                .filter(code -> !busy.contains(code))
                .findFirst()
                .orElseThrow(() -> new AssertionError("every demo device has an open fire incident"));
    }

    private static JsonObject get(String path, String token) {
        HttpResponse<String> response = Http.get(server.baseUrl() + path, token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }
}
