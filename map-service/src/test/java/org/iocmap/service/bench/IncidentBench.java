package org.iocmap.service.bench;

import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.iocmap.service.Application;
import org.iocmap.service.config.ServiceConfig;

/**
 * Benchmarks the operator's side of incidents on PostGIS: the incident queue over many open incidents (HTTP, as the
 * page asks it) against the same question put to PostGIS as one SQL statement, and the time from a fire alarm's
 * ingestion to its row on an open operator page in Chromium ({@link AlarmToPage}). Run with
 * {@code map-service/bin/iocmap bench incidents}; settings in {@code docs/benchmarks.md}.
 */
public final class IncidentBench {
    private static final PrintStream OUT = System.out;

    /** The service codes of the demo categories; the benchmark's reports are spread over them. */
    private static final List<String[]> CATEGORIES = List.of(
            new String[] {"trat-tu-do-thi", "Trật tự đô thị", "Lấn chiếm vỉa hè kinh doanh"},
            new String[] {"moi-truong", "Môi trường", "Rác thải tồn đọng lâu ngày"},
            new String[] {"ha-tang-giao-thong", "Hạ tầng giao thông", "Ổ gà lớn giữa đường"},
            new String[] {"an-toan-thuc-pham", "An toàn thực phẩm", "Quán ăn mất vệ sinh"},
            new String[] {"dien-chieu-sang", "Điện – chiếu sáng", "Đèn đường không sáng"},
            new String[] {"cap-thoat-nuoc", "Cấp thoát nước", "Vỡ ống nước sinh hoạt"},
            new String[] {"an-ninh-trat-tu", "An ninh trật tự", "Tụ tập gây mất trật tự"});

    /** Settings read from {@code IOCMAP_BENCH_INCIDENT_*}; defaults here and in docs/benchmarks.md. */
    record Settings(
            int openReports,
            int fireIncidents,
            int alarms,
            int serverWarmupSeconds,
            int concurrency,
            int warmupSeconds,
            int seconds,
            Set<String> parts) {
        static Settings fromEnvironment(Map<String, String> env) {
            Set<String> parts = new LinkedHashSet<>();
            for (String p : env.getOrDefault("IOCMAP_BENCH_INCIDENT_PARTS", "queue,alarm")
                    .split(",")) {
                if (!p.isBlank()) {
                    if (!Set.of("queue", "alarm").contains(p.trim())) {
                        throw new IllegalArgumentException(
                                "IOCMAP_BENCH_INCIDENT_PARTS must list some of queue,alarm, was '" + p + "'");
                    }
                    parts.add(p.trim());
                }
            }
            return new Settings(
                    Integer.parseInt(env.getOrDefault("IOCMAP_BENCH_INCIDENT_OPEN_REPORTS", "100000")),
                    Integer.parseInt(env.getOrDefault("IOCMAP_BENCH_INCIDENT_FIRES", "40")),
                    Integer.parseInt(env.getOrDefault("IOCMAP_BENCH_INCIDENT_ALARMS", "30")),
                    Integer.parseInt(env.getOrDefault("IOCMAP_BENCH_SERVER_WARMUP_SECONDS", "10")),
                    Integer.parseInt(env.getOrDefault("IOCMAP_BENCH_CONCURRENCY", "16")),
                    Integer.parseInt(env.getOrDefault("IOCMAP_BENCH_WARMUP_SECONDS", "3")),
                    Integer.parseInt(env.getOrDefault("IOCMAP_BENCH_SECONDS", "8")),
                    parts);
        }
    }

    /** One question of the queue: the API path and the same question for the SQL peer. */
    private record Question(String name, String path, String peerWhere) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("IOCMAP_BENCH_DB_SCHEMA", env.getOrDefault("IOCMAP_BENCH_INCIDENT_SCHEMA", "bench_incidents"));
        BenchSettings db;
        Settings settings;
        try {
            db = BenchSettings.fromEnvironment(env);
            settings = Settings.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        OUT.println("bench: " + QueryBench.machine());
        OUT.println("bench: " + settings);
        if (!db.freshSchema(OUT)) {
            System.exit(2);
            return;
        }
        BenchReport report = new BenchReport(OUT);
        java.nio.file.Path dataDir = Files.createTempDirectory("iocmap-bench-incidents-");
        long t0 = System.nanoTime();
        Application app = Application.start(ServiceConfig.fromEnvironment(Map.of(
                "IOCMAP_HTTP_HOST", "127.0.0.1",
                "IOCMAP_HTTP_PORT", "0",
                "IOCMAP_DATA_DIR", dataDir.toString(),
                "IOCMAP_DB_URL", db.schemaUrl(),
                "IOCMAP_DB_USER", db.dbUser(),
                "IOCMAP_DB_PASSWORD", db.dbPassword(),
                "IOCMAP_DB_MAXCONNECTIONS", "8",
                "IOCMAP_DEMO", "true",
                "IOCMAP_DEMO_FLEET", "false")));
        try {
            String base = "http://127.0.0.1:" + app.port();
            OUT.printf(
                    Locale.ROOT,
                    "bench: service started in demo mode on PostGIS schema %s in %.1f s%n",
                    db.schema(),
                    (System.nanoTime() - t0) / 1e9);
            String operator = token(base, "operator", "operator");
            if (settings.parts().contains("queue")) {
                queue(settings, db, report, app.port(), base, operator);
            }
            if (settings.parts().contains("alarm")) {
                AlarmToPage.run(base, token(base, "admin", "admin"), report, settings.alarms());
            }
        } finally {
            app.close();
        }
        report.finish();
    }

    // ---- the queue ---------------------------------------------------------------------------------------------

    private static void queue(
            Settings settings, BenchSettings db, BenchReport report, int port, String base, String operator)
            throws Exception {
        long t0 = System.nanoTime();
        Instant now = Instant.now();
        try (Connection c = DriverManager.getConnection(db.schemaUrl(), db.dbUser(), db.dbPassword())) {
            insertReports(c, settings.openReports(), now);
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE citizen_report");
            }
        }
        String admin = token(base, "admin", "admin");
        int fires = openFires(base, admin, settings.fireIncidents());
        try (Connection c = DriverManager.getConnection(db.schemaUrl(), db.dbUser(), db.dbPassword());
                Statement s = c.createStatement()) {
            s.execute("ANALYZE fire_incident");
            ResultSet rs = s.executeQuery("SELECT (SELECT COUNT(*) FROM citizen_report WHERE status IN ('NEW',"
                    + " 'ASSIGNED', 'IN_PROGRESS')), (SELECT COUNT(*) FROM fire_incident WHERE status <> 'RESOLVED')");
            rs.next();
            OUT.printf(
                    Locale.ROOT,
                    "queue: %d open reports and %d open fire incidents (%d alarms sent) in %.1f s%n",
                    rs.getLong(1),
                    rs.getLong(2),
                    fires,
                    (System.nanoTime() - t0) / 1e9);
        }
        String area = areaWkt(base, operator);
        List<Question> questions = List.of(
                new Question("queue.all", "/api/incidents?limit=100", ""),
                new Question("queue.category", "/api/incidents?category=moi-truong&limit=100", "category"),
                new Question("queue.overdue", "/api/incidents?overdue=true&limit=100", "overdue"),
                new Question("queue.area", "/api/incidents?area=demo-nha-trang&limit=100", "area"),
                new Question("queue.viewport", "/api/incidents?bbox=109.15,12.20,109.22,12.27&limit=100", "bbox"),
                new Question(
                        "queue.text",
                        "/api/incidents?q=" + URLEncoder.encode("vỉa hè", StandardCharsets.UTF_8) + "&limit=100",
                        "text"));
        try (CpuMonitor cpu =
                new CpuMonitor(DriverManager.getConnection(db.dbUrl(), db.dbUser(), db.dbPassword()), -1)) {
            LoadRunner runner = new LoadRunner(
                    settings.concurrency(),
                    Duration.ofSeconds(settings.warmupSeconds()),
                    Duration.ofSeconds(settings.seconds()),
                    cpu);
            // Every path once through the JIT before anything is measured, as the query benchmark does.
            long warmUntil = System.nanoTime() + settings.serverWarmupSeconds() * 1_000_000_000L;
            try (HttpConnection warm = new HttpConnection(port)) {
                for (int i = 0; System.nanoTime() < warmUntil; i++) {
                    warm.get(questions.get(i % questions.size()).path(), operator);
                }
            }
            double worst = 0;
            for (Question q : questions) {
                Measurement ours = runner.run(q.name(), () -> new LoadRunner.Client() {
                    private final HttpConnection http = new HttpConnection(port);

                    @Override
                    public int call(long index) throws Exception {
                        return new JsonObject(new String(http.get(q.path(), operator), StandardCharsets.UTF_8))
                                .getJsonArray("incidents")
                                .size();
                    }

                    @Override
                    public void close() throws Exception {
                        http.close();
                    }
                });
                report.add(ours);
                String sql = peerSql(q.peerWhere());
                Measurement peer = runner.run(q.name() + ".postgis", () -> new LoadRunner.Client() {
                    private final Connection c =
                            DriverManager.getConnection(db.schemaUrl(), db.dbUser(), db.dbPassword());
                    private final PreparedStatement ps = c.prepareStatement(sql);

                    @Override
                    public int call(long index) throws Exception {
                        bindPeer(ps, q.peerWhere(), area, Instant.now());
                        int rows = 0;
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                rows++;
                            }
                        }
                        return rows;
                    }

                    @Override
                    public void close() throws Exception {
                        c.close();
                    }
                });
                report.add(peer);
                check(ours);
                check(peer);
                report.compare(q.name() + ".p99", "ms", ours.p99Millis(), "postgis_one_statement", peer.p99Millis());
                worst = Math.max(worst, ours.p99Millis());
            }
            report.target("queue_p99_over_" + settings.openReports() + "_open", 50, false, worst, "ms");
        }
    }

    private static void check(Measurement m) {
        if (m.firstError() != null) {
            throw new IllegalStateException(m.name() + " failed: " + m.firstError(), m.firstError());
        }
    }

    /**
     * Returns the peer's statement: the same page as the queue (urgency, then time, then id; 100 rows) with the total
     * count, as one SQL statement over both tables.
     */
    private static String peerSql(String where) {
        String reportFilter =
                switch (where) {
                    case "category" -> " AND service_code = 'moi-truong'";
                    case "overdue" -> " AND deadline_at < ?";
                    case "area" -> " AND ST_Intersects(geom, ST_GeomFromText(?, 4326))";
                    case "bbox" -> " AND geom && ST_MakeEnvelope(109.15, 12.20, 109.22, 12.27, 4326)";
                    case "text" ->
                        " AND (LOWER(code) LIKE '%vỉa hè%' OR LOWER(title) LIKE '%vỉa hè%' OR"
                                + " LOWER(address) LIKE '%vỉa hè%')";
                    default -> "";
                };
        String fireFilter =
                switch (where) {
                    case "category", "overdue" -> " AND FALSE";
                    case "area" -> " AND ST_Intersects(geom, ST_GeomFromText(?, 4326))";
                    case "bbox" -> " AND geom && ST_MakeEnvelope(109.15, 12.20, 109.22, 12.27, 4326)";
                    case "text" ->
                        " AND (LOWER(code) LIKE '%vỉa hè%' OR LOWER(building) LIKE '%vỉa hè%' OR"
                                + " LOWER(address) LIKE '%vỉa hè%')";
                    default -> "";
                };
        return "SELECT kind, id, code, title, status, urgency, t, ST_X(geom), ST_Y(geom), COUNT(*) OVER () FROM ("
                + " SELECT 'fire' AS kind, id, code, building AS title, status,"
                + " CASE status WHEN 'OPEN' THEN 0 ELSE 1 END AS urgency, opened_at AS t, geom FROM fire_incident"
                + " WHERE status IN ('OPEN', 'ACKNOWLEDGED', 'DISPATCHED')" + fireFilter
                + " UNION ALL SELECT 'report', id, code, title, status,"
                + " CASE WHEN deadline_at < now() THEN 2 ELSE 3 END, deadline_at, geom FROM citizen_report"
                + " WHERE status IN ('NEW', 'ASSIGNED', 'IN_PROGRESS')" + reportFilter
                + ") q ORDER BY urgency, t, id LIMIT 100";
    }

    private static void bindPeer(PreparedStatement ps, String where, String areaWkt, Instant now) throws SQLException {
        if (where.equals("area")) {
            ps.setString(1, areaWkt);
            ps.setString(2, areaWkt);
        } else if (where.equals("overdue")) {
            ps.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
        }
    }

    /**
     * Inserts open reports spread over Khánh Hòa, two in five in and around Nha Trang, over the seven categories, with
     * deadlines from ten days ago to ten days ahead (so about half are overdue).
     */
    private static void insertReports(Connection c, int count, Instant now) throws SQLException {
        Random random = new Random(20_261_122L);
        String[] statuses = {"NEW", "ASSIGNED", "IN_PROGRESS"};
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO citizen_report (id, code, category,"
                + " service_code, title, status, channel, address, district, created_at, deadline_at, updated_at,"
                + " geom) VALUES (nextval('id_seq'), ?, ?, ?, ?, ?, 'web', ?, ?, ?, ?, ?,"
                + " ST_SetSRID(ST_MakePoint(?, ?), 4326))")) {
            for (int i = 0; i < count; i++) {
                String[] category = CATEGORIES.get(random.nextInt(CATEGORIES.size()));
                boolean city = random.nextDouble() < 0.4;
                double lon = city ? 109.15 + random.nextDouble() * 0.08 : 108.7 + random.nextDouble() * 0.7;
                double lat = city ? 12.19 + random.nextDouble() * 0.12 : 11.85 + random.nextDouble() * 0.95;
                Instant deadline = now.plusSeconds((long) ((random.nextDouble() * 20 - 10) * 86_400));
                Instant created = deadline.minusSeconds(7 * 86_400);
                ps.setString(1, "BQ-" + i);
                ps.setString(2, category[1]);
                ps.setString(3, category[0]);
                ps.setString(4, category[2] + " số " + i);
                ps.setString(5, statuses[random.nextInt(3)]);
                ps.setString(6, (i % 300) + " đường Trần Phú");
                ps.setString(7, city ? "Thành phố Nha Trang" : "Huyện Diên Khánh");
                ps.setObject(8, OffsetDateTime.ofInstant(created, ZoneOffset.UTC));
                ps.setObject(9, OffsetDateTime.ofInstant(deadline, ZoneOffset.UTC));
                ps.setObject(10, OffsetDateTime.ofInstant(created, ZoneOffset.UTC));
                ps.setDouble(11, lon);
                ps.setDouble(12, lat);
                ps.addBatch();
                if (i % 5_000 == 4_999) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        c.commit();
        c.setAutoCommit(true);
    }

    /** Sends an ALARM for each of the first {@code count} demo devices; returns how many were accepted. */
    private static int openFires(String base, String token, int count) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        JsonObject devices = new JsonObject(http.send(
                        HttpRequest.newBuilder(URI.create(base + "/api/alarm-devices?limit=" + count))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
        io.vertx.core.json.JsonArray events = new io.vertx.core.json.JsonArray();
        List<String> codes = new ArrayList<>();
        for (Object d : devices.getJsonArray("devices")) {
            codes.add(((JsonObject) d).getString("code"));
        }
        for (String code : codes.subList(0, Math.min(count, codes.size()))) {
            events.add(new JsonObject().put("device", code).put("type", "ALARM"));
        }
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/ingest/alarms"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(events.encode()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("alarms were refused: " + response.statusCode() + " " + response.body());
        }
        return events.size();
    }

    private static String areaWkt(String base, String token) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + "/api/areas/demo-nha-trang"))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return org.iocmap.service.http.GeoJson.toGeometry(new JsonObject(response.body()).getJsonObject("geometry"))
                .toText();
    }

    static String token(String base, String username, String password) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + "/api/auth/token"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject()
                                        .put("username", username)
                                        .put("password", password)
                                        .encode()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("sign-in as " + username + " failed: " + response.body());
        }
        return new JsonObject(response.body()).getString("token");
    }
}
