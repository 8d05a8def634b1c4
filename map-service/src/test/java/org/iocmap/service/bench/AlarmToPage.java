package org.iocmap.service.bench;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Measures how long a fire alarm takes from its ingestion ({@code POST /api/ingest/alarms}) to its row at the top of
 * an operator's queue in Chromium: the page signs in as {@code operator}, opens the incident tab and listens; the
 * page records when each new fire incident first appears ({@code window.iocmap.lastAlarmSeenAt()}), on the same
 * machine's clock as the sender. The peer is the floor under it: the same change reaching a bare Java WebSocket
 * client of {@code /api/stream} (layer {@code fire_alarms}) in the same run.
 */
final class AlarmToPage {
    private static final PrintStream OUT = System.out;
    private static final String CHROMIUM = System.getProperty("iocmap.bench.chromium", "/usr/bin/chromium");

    private AlarmToPage() {}

    static void run(String base, String admin, BenchReport report, int alarms) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<String> devices = quietDevices(http, base, admin, alarms);
        Map<String, Long> streamSeen = new ConcurrentHashMap<>();
        WebSocket socket = http.newWebSocketBuilder()
                .buildAsync(
                        URI.create(base.replaceFirst("^http", "ws") + "/api/stream"), new StreamListener(streamSeen))
                .get(10, TimeUnit.SECONDS);
        socket.sendText(
                        new JsonObject()
                                .put("type", "subscribe")
                                .put("token", IncidentBench.token(base, "operator", "operator"))
                                .put("layer", "fire_alarms")
                                .encode(),
                        true)
                .get(10, TimeUnit.SECONDS);
        long[] page = new long[devices.size()];
        long[] stream = new long[devices.size()];
        // The Debian chromium is used; Playwright must not try to download its own.
        try (Playwright playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
            Browser browser = playwright
                    .chromium()
                    .launch(new BrowserType.LaunchOptions()
                            .setHeadless(true)
                            .setExecutablePath(java.nio.file.Paths.get(CHROMIUM))
                            .setArgs(List.of(
                                    "--no-sandbox",
                                    "--disable-gpu",
                                    "--disable-background-networking",
                                    "--disable-component-update",
                                    "--disable-sync",
                                    "--no-first-run")));
            Page tab = browser.newContext(new Browser.NewContextOptions()
                            .setViewportSize(1366, 768)
                            .setLocale("vi-VN")
                            .setTimezoneId("Asia/Ho_Chi_Minh"))
                    .newPage();
            tab.onPageError(error -> OUT.println("alarm: page error: " + error));
            tab.onConsoleMessage(message -> {
                if ("error".equals(message.type())) {
                    OUT.println("alarm: page console: " + message.text());
                }
            });
            tab.navigate(base + "/");
            tab.getByTestId("login-username").fill("operator");
            tab.getByTestId("login-password").fill("operator");
            tab.getByTestId("login-submit").click();
            tab.evaluate("() => window.iocmap.ready");
            tab.getByTestId("incidents-tab-open").click();
            tab.waitForFunction("() => { const s = window.iocmap.incidentStatus();"
                    + " return s && s.state === 'done' && s.live === 'live'; }");
            Thread.sleep(1_000); // the stream subscription of the bare client is ready by now, too
            for (int i = 0; i < devices.size(); i++) {
                String device = devices.get(i);
                long sent = System.currentTimeMillis();
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/api/ingest/alarms"))
                                .header("Authorization", "Bearer " + admin)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject()
                                        .put("device", device)
                                        .put("type", "ALARM")
                                        .put("at", Instant.now().toString())
                                        .encode()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("the alarm was refused: " + response.body());
                }
                String incident = new JsonObject(response.body())
                        .getJsonArray("accepted")
                        .getJsonObject(0)
                        .getString("incident");
                tab.waitForFunction(
                        "code => window.iocmap.lastAlarmSeenAt()?.code === code",
                        incident,
                        new Page.WaitForFunctionOptions().setTimeout(10_000));
                @SuppressWarnings("unchecked")
                Map<String, Object> seen = (Map<String, Object>) tab.evaluate("() => window.iocmap.lastAlarmSeenAt()");
                page[i] = ((Number) seen.get("at")).longValue() - sent;
                long waitUntil = System.currentTimeMillis() + 5_000;
                while (!streamSeen.containsKey(device) && System.currentTimeMillis() < waitUntil) {
                    Thread.sleep(5);
                }
                Long streamed = streamSeen.remove(device);
                stream[i] = streamed == null ? 5_000 : streamed - sent;
                Thread.sleep(700); // one alarm at a time, as they come in a control room
            }
            browser.close();
        } finally {
            socket.abort();
        }
        Arrays.sort(page);
        Arrays.sort(stream);
        OUT.printf(
                Locale.ROOT,
                "alarm: %d alarms; to the page (ms) %s; to a bare stream client (ms) %s%n",
                devices.size(),
                Arrays.toString(page),
                Arrays.toString(stream));
        double pageP50 = percentile(page, 0.5);
        double pageP99 = percentile(page, 0.99);
        report.compare("alarm_to_page.p50", "ms", pageP50, "stream_to_java_client", percentile(stream, 0.5));
        report.compare("alarm_to_page.p99", "ms", pageP99, "stream_to_java_client", percentile(stream, 0.99));
        report.target("alarm_to_page_p99", 1_000, false, pageP99, "ms");
    }

    private static double percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** Returns devices without an open fire incident, so each ALARM opens a new one. */
    private static List<String> quietDevices(HttpClient http, String base, String token, int count) throws Exception {
        Set<String> busy = new HashSet<>();
        JsonArray open =
                get(http, base + "/api/fire-incidents?limit=1000", token).getJsonArray("incidents");
        open.forEach(i -> busy.add(((JsonObject) i).getString("device")));
        List<String> quiet = new ArrayList<>();
        for (Object d : get(http, base + "/api/alarm-devices?status=normal&limit=1000", token)
                .getJsonArray("devices")) {
            String code = ((JsonObject) d).getString("code");
            if (!busy.contains(code) && quiet.size() < count) {
                quiet.add(code);
            }
        }
        return quiet;
    }

    private static JsonObject get(HttpClient http, String url, String token) throws Exception {
        return new JsonObject(http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
    }

    /** Notes when a change of each device first reaches this client (by the device's code). */
    private static final class StreamListener implements WebSocket.Listener {
        private final Map<String, Long> seen;
        private final StringBuilder partial = new StringBuilder();

        StreamListener(Map<String, Long> seen) {
            this.seen = seen;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                long now = System.currentTimeMillis();
                JsonObject message = new JsonObject(partial.toString());
                partial.setLength(0);
                JsonObject feature = message.getJsonObject("feature");
                if (feature != null && feature.getJsonObject("properties") != null) {
                    String code = feature.getJsonObject("properties").getString("code");
                    if (code != null) {
                        seen.putIfAbsent(code, now);
                    }
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
