package org.iocmap.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.iocmap.layers.changes.Change;
import org.iocmap.layers.changes.ChangeLog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Station readings reach the map and the charts: readings posted to {@code /api/ingest/readings} are stored once (bad
 * ones rejected with their index and reason), the station's latest value follows them, a reading beyond a Vietnamese
 * threshold opens one alert on layer {@code station_alerts} that the first reading back within it closes, and a
 * station's chart gets raw points for a short window and at most {@code points} buckets, peaks kept, for a long one.
 */
class ReadingsApiTest {
    private static TestServer server;
    private static String operator;
    private static final String RUN =
            Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36).toUpperCase(Locale.ROOT);

    @BeforeAll
    static void start() {
        server = TestServer.shared();
        operator = Http.token(server, "operator", "operator");
    }

    @Test
    void aMixedBatchStoresTheGoodReadingsOnceAndUpdatesTheStation() {
        String station = station("KK1", "air");
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);
        JsonArray batch = new JsonArray()
                .add(reading(station, "PM2_5", 18.4, at).put("unit", "µg/m3"))
                .add(reading("NO-SUCH-" + RUN, "PM2_5", 10, at))
                .add(reading(station, "CO2", 400, at))
                .add(new JsonObject()
                        .put("station", station)
                        .put("parameter", "PM2_5")
                        .put("value", "high")
                        .put("at", at.toString()))
                .add(reading(station, "PM2_5", -3, at.minusSeconds(60)))
                .add(new JsonObject()
                        .put("station", station)
                        .put("parameter", "PM2_5")
                        .put("value", 12)
                        .put("at", "yesterday"))
                .add(reading(station, "LAeq", 60, at))
                .add(reading(station, "PM2_5", 12, at.minusSeconds(3600)).put("unit", "mg/L"))
                .add(42)
                .add(reading(station, "VN_AQI", 61, at));
        long logBefore = new ChangeLog(server.app().store()).lastId();

        JsonObject first = ingest(new JsonObject().put("readings", batch).encode());
        assertThat(first.getInteger("readings")).isEqualTo(10);
        assertThat(indices(first.getJsonArray("accepted"))).containsExactly(0, 9);
        assertThat(reasons(first.getJsonArray("rejected")))
                .containsExactly(
                        "1 UNKNOWN_STATION",
                        "2 UNKNOWN_PARAMETER",
                        "3 NOT_A_NUMBER",
                        "4 IMPOSSIBLE_VALUE",
                        "5 BAD_TIME",
                        "6 UNKNOWN_PARAMETER",
                        "7 BAD_UNIT",
                        "8 BAD_READING");
        assertThat(first.getJsonObject("rejectedByReason").getInteger("UNKNOWN_PARAMETER"))
                .isEqualTo(2);
        JsonObject pm = first.getJsonArray("accepted").getJsonObject(0);
        assertThat(pm.getString("parameter")).isEqualTo("PM2.5");
        assertThat(pm.getString("unit")).isEqualTo("µg/m3");
        assertThat(pm.getValue("alertOpened")).isNull();

        // The same batch again, as a sender that lost the answer would send it: nothing is stored twice.
        JsonObject retry = ingest(batch.encode());
        assertThat(retry.getJsonArray("accepted")).isEmpty();
        assertThat(reasons(retry.getJsonArray("rejected"))).contains("0 DUPLICATE", "9 DUPLICATE");
        assertThat(count("SELECT COUNT(*) FROM env_reading r JOIN env_station s ON s.id = r.station_id"
                        + " WHERE s.code = '" + station + "'"))
                .isEqualTo(2);

        JsonObject stored = feature("env_stations", stationId(station));
        assertThat(stored.getString("last_parameter")).isEqualTo("PM2.5");
        assertThat(stored.getDouble("last_value")).isEqualTo(18.4);
        assertThat(stored.getInteger("last_aqi"))
                .as("the VN_AQI reading as sent")
                .isEqualTo(61);
        assertThat(Instant.parse(stored.getString("last_reading_at"))).isEqualTo(at);
        long id = stationId(station);
        List<Change> logged = new ChangeLog(server.app().store()).readAfter(logBefore, 10_000);
        assertThat(logged)
                .as("the live map hears of the station")
                .anyMatch(c -> c.layerId().equals("env_stations") && c.featureId() == id);

        // A late reading is stored but does not replace the newer latest value.
        JsonObject late =
                ingest(reading(station, "PM2.5", 30, at.minusSeconds(7200)).encode());
        assertThat(late.getInteger("acceptedCount")).isEqualTo(1);
        assertThat(feature("env_stations", id).getDouble("last_value")).isEqualTo(18.4);
        // A body that is not JSON at all is a 400 naming the body.
        HttpResponse<String> notJson =
                Http.request("POST", server.baseUrl() + "/api/ingest/readings", operator, "application/json", "{x");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("body");
        // Planners read the charts but do not feed readings.
        String planner = Http.token(server, "planner", "planner");
        HttpResponse<String> forbidden = Http.request(
                "POST",
                server.baseUrl() + "/api/ingest/readings",
                planner,
                "application/json",
                reading(station, "PM2.5", 10, at).encode());
        assertThat(forbidden.statusCode()).isEqualTo(403);
    }

    @Test
    void anExceedanceOpensOneAlertUntilTheValueReturnsBelow() {
        String station = station("KK2", "air");
        Instant t = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(10));
        assertThat(ingest(reading(station, "PM2.5", 20, t).encode())
                        .getJsonArray("accepted")
                        .getJsonObject(0)
                        .getValue("alertOpened"))
                .isNull();
        long logBefore = new ChangeLog(server.app().store()).lastId();

        // 64 µg/m³ is in the band "kém" (poor) of VN_AQI: an alert opens, stored before the answer.
        JsonObject poor = ingest(reading(station, "PM2.5", 64, t.plus(Duration.ofHours(1)))
                        .encode())
                .getJsonArray("accepted")
                .getJsonObject(0);
        Long alert = poor.getLong("alertOpened");
        assertThat(alert).isNotNull();
        JsonObject opened = feature("station_alerts", alert);
        assertThat(opened.getString("status")).isEqualTo("open");
        assertThat(opened.getString("station")).isEqualTo(station);
        assertThat(opened.getString("parameter")).isEqualTo("PM2.5");
        assertThat(opened.getString("level")).isEqualTo("poor");
        assertThat(opened.getDouble("threshold")).isEqualTo(50.0);
        assertThat(opened.getDouble("value")).isEqualTo(64.0);
        assertThat(new ChangeLog(server.app().store()).readAfter(logBefore, 10_000))
                .as("the alert reaches /api/stream")
                .anyMatch(c -> c.layerId().equals("station_alerts") && c.featureId() == alert);

        // It goes on, worse, and a late reading arrives: no second alert.
        JsonObject worse = ingest(new JsonArray()
                .add(reading(station, "PM2.5", 95, t.plus(Duration.ofHours(2))))
                .add(reading(station, "PM2.5", 70, t.plus(Duration.ofHours(3))))
                .add(reading(station, "PM2.5", 10, t.minus(Duration.ofHours(1))))
                .encode());
        assertThat(worse.getInteger("acceptedCount")).isEqualTo(3);
        assertThat(worse.getJsonArray("accepted").stream().map(a -> ((JsonObject) a).getValue("alertOpened")))
                .containsOnlyNulls();
        assertThat(worse.getJsonArray("accepted").stream().map(a -> ((JsonObject) a).getValue("alertClosed")))
                .as("a late reading within the threshold does not close it")
                .containsOnlyNulls();
        assertThat(count("SELECT COUNT(*) FROM station_alert_open WHERE station_id = " + stationId(station)))
                .isEqualTo(1);
        assertThat(feature("env_stations", stationId(station)).getInteger("last_aqi"))
                .as("VN_AQI from the NowCast of the last hours: band kém")
                .isBetween(101, 150);

        // Back in the band "trung bình": the alert closes; the next breach opens a new one.
        JsonObject back = ingest(reading(station, "PM2.5", 32, t.plus(Duration.ofHours(4)))
                        .encode())
                .getJsonArray("accepted")
                .getJsonObject(0);
        assertThat(back.getLong("alertClosed")).isEqualTo(alert);
        JsonObject closed = feature("station_alerts", alert);
        assertThat(closed.getString("status")).isEqualTo("closed");
        assertThat(closed.getDouble("closing_value")).isEqualTo(32.0);
        assertThat(Instant.parse(closed.getString("closed_at"))).isEqualTo(t.plus(Duration.ofHours(4)));
        Long again = ingest(reading(station, "PM2.5", 51, t.plus(Duration.ofHours(5)))
                        .encode())
                .getJsonArray("accepted")
                .getJsonObject(0)
                .getLong("alertOpened");
        assertThat(again).isNotNull().isNotEqualTo(alert);
    }

    @Test
    void aLongWindowIsDownsampledKeepingItsPeaksWithTheThresholdLines() {
        String station = station("NM1", "water");
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofDays(2));
        JsonArray batch = new JsonArray();
        int n = 2_000;
        for (int i = 0; i < n; i++) {
            double value = 6.5 + Math.sin(i / 30.0);
            if (i == 777) {
                value = 19.5;
            } else if (i == 1333) {
                value = 0.5;
            }
            batch.add(reading(station, "DO", Math.rint(value * 100) / 100, start.plusSeconds(60L * i)));
        }
        assertThat(ingest(batch.encode()).getInteger("acceptedCount")).isEqualTo(n);
        String base = "/api/stations/" + station + "/readings?parameter=DO&from=" + start + "&to="
                + start.plusSeconds(60L * n);

        JsonObject sampled = get(base + "&points=100");
        assertThat(sampled.getBoolean("downsampled")).isTrue();
        assertThat(sampled.getInteger("count")).isEqualTo(n);
        JsonArray buckets = sampled.getJsonArray("buckets");
        assertThat(buckets.size()).isBetween(90, 100);
        assertThat(buckets.stream()
                        .mapToInt(b -> ((JsonObject) b).getInteger("count"))
                        .sum())
                .isEqualTo(n);
        assertThat(buckets.stream()
                        .mapToDouble(b -> ((JsonObject) b).getDouble("max"))
                        .max()
                        .orElseThrow())
                .isEqualTo(19.5);
        assertThat(buckets.stream()
                        .mapToDouble(b -> ((JsonObject) b).getDouble("min"))
                        .min()
                        .orElseThrow())
                .isEqualTo(0.5);
        JsonObject peak = buckets.stream()
                .map(b -> (JsonObject) b)
                .filter(b -> b.getDouble("max") == 19.5)
                .findFirst()
                .orElseThrow();
        assertThat(Instant.parse(peak.getString("maxAt"))).isEqualTo(start.plusSeconds(60L * 777));
        assertThat(peak.getDouble("mean")).isBetween(peak.getDouble("min"), 19.5);
        assertThat(sampled.getJsonArray("thresholds").getJsonObject(0).getDouble("value"))
                .isEqualTo(5.0);
        assertThat(sampled.getJsonArray("thresholds").getJsonObject(0).getString("direction"))
                .isEqualTo("below");
        assertThat(sampled.getString("unit")).isEqualTo("mg/L");

        JsonObject raw = get(base + "&points=5000");
        assertThat(raw.getBoolean("downsampled")).isFalse();
        assertThat(raw.getJsonArray("points")).hasSize(n);
        JsonObject shortWindow =
                get("/api/stations/" + station + "/readings?from=" + start + "&to=" + start.plusSeconds(60L * 9));
        assertThat(shortWindow.getString("parameter"))
                .as("the main parameter of a water station")
                .isEqualTo("DO");
        assertThat(shortWindow.getJsonArray("points")).hasSize(10);

        assertProblem(base + "&points=1", 400, "points");
        assertProblem("/api/stations/" + station + "/readings?parameter=LAeq", 400, "parameter");
        assertProblem(
                "/api/stations/" + station + "/readings?from=" + start + "&to=" + start.minusSeconds(1), 400, "from");
        assertProblem("/api/stations/NO-SUCH-" + RUN + "/readings", 404, "NO-SUCH-" + RUN);
    }

    private static void assertProblem(String path, int status, String mention) {
        HttpResponse<String> response = Http.get(server.baseUrl() + path, operator);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains(mention);
    }

    /** Registers a station of {@code type} for this run and returns its code. */
    private static String station(String name, String type) {
        String code = "T-" + name + "-" + RUN;
        server.app().store().inTransaction(session -> {
            session.doWork(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO env_station (id, code, name, station_type,"
                        + " district, geom) VALUES (NEXT VALUE FOR id_seq, ?, ?, ?, 'Nha Trang',"
                        + " ST_GeomFromText('POINT(109.19 12.25)', 4326))")) {
                    ps.setString(1, code);
                    ps.setString(2, "Trạm thử " + code);
                    ps.setString(3, type);
                    ps.executeUpdate();
                }
            });
            return null;
        });
        return code;
    }

    private static long stationId(String code) {
        return count("SELECT id FROM env_station WHERE code = '" + code + "'");
    }

    private static long count(String sql) {
        return server.app()
                .store()
                .inTransaction(session -> session.doReturningWork(c -> {
                    try (PreparedStatement ps = c.prepareStatement(sql);
                            ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }));
    }

    private static JsonObject reading(String station, String parameter, double value, Instant at) {
        return new JsonObject()
                .put("station", station)
                .put("parameter", parameter)
                .put("value", value)
                .put("at", at.toString());
    }

    private static JsonObject ingest(String body) {
        HttpResponse<String> response =
                Http.request("POST", server.baseUrl() + "/api/ingest/readings", operator, "application/json", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    /** Returns the properties of a feature as the OGC API serves it. */
    private static JsonObject feature(String layer, long id) {
        return get("/ogc/collections/" + layer + "/items/" + id).getJsonObject("properties");
    }

    private static JsonObject get(String path) {
        HttpResponse<String> response = Http.get(server.baseUrl() + path, operator);
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    private static List<Integer> indices(JsonArray items) {
        return items.stream().map(i -> ((JsonObject) i).getInteger("index")).toList();
    }

    private static List<String> reasons(JsonArray items) {
        return items.stream()
                .map(i -> ((JsonObject) i).getInteger("index") + " " + ((JsonObject) i).getString("reason"))
                .toList();
    }
}
