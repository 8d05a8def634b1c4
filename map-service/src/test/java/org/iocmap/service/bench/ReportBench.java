package org.iocmap.service.bench;

import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.iocmap.service.Application;
import org.iocmap.service.config.ServiceConfig;

/**
 * Benchmarks citizen report submissions: Open311 {@code POST /open311/v2/requests.json} (form-urlencoded; one in three
 * with an {@code Idempotency-Key}, one in a hundred a retry of an earlier key, one in twenty placed within 30 m of an
 * earlier report of its category, so duplicates are found) from {@code IOCMAP_BENCH_CONCURRENCY} clients for {@code
 * IOCMAP_BENCH_REPORTS_SECONDS}, against the service on PostGIS; and, in the same run, the peer: the same rows inserted
 * straight into PostGIS through JDBC by as many threads, one transaction per row, into a copy of the table with the same
 * indexes (what a bare INSERT costs). Run it with {@code map-service/bin/iocmap bench reports}; {@code
 * docs/benchmarks.md} describes it.
 */
public final class ReportBench {
    private static final PrintStream OUT = System.out;
    private static final int SLOTS = 65_536;
    private static final String[] CATEGORIES = {
        "trat-tu-do-thi",
        "moi-truong",
        "ha-tang-giao-thong",
        "an-toan-thuc-pham",
        "dien-chieu-sang",
        "cap-thoat-nuoc",
        "an-ninh-trat-tu"
    };
    private static final String[] NAMES_VI = {
        "Trật tự đô thị",
        "Môi trường",
        "Hạ tầng giao thông",
        "An toàn thực phẩm",
        "Điện – chiếu sáng",
        "Cấp thoát nước",
        "An ninh trật tự"
    };
    private static final int[] DEADLINE_HOURS = {168, 240, 168, 120, 72, 120, 72};
    private static final String[] STREETS = {"Trần Phú", "Lê Thánh Tôn", "Thái Nguyên", "Yersin", "Hùng Vương"};
    private static final String PEER_INSERT = "INSERT INTO report_peer (id, code, category, service_code, title,"
            + " description, status, channel, reporter_name, reporter_phone, reporter_email, device_id, account_id,"
            + " agency, address, created_at, updated_at, deadline_at, media_url, client_key, geom) VALUES"
            + " (?, ?, ?, ?, ?, ?, 'NEW', 'open311', ?, ?, NULL, ?, NULL, ?, ?, ?, ?, ?, NULL, ?,"
            + " ST_SetSRID(ST_MakePoint(?, ?), 4326))";

    private ReportBench() {}

    /** Holds the settings of this benchmark, from {@code IOCMAP_BENCH_REPORTS_*} (the database ones are shared). */
    record Settings(String schema, int seconds, int warmupSeconds) {
        static Settings fromEnvironment(Map<String, String> env) {
            List<String> errors = new ArrayList<>();
            String schema = env.getOrDefault("IOCMAP_BENCH_REPORTS_SCHEMA", "bench_reports");
            if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
                errors.add("IOCMAP_BENCH_REPORTS_SCHEMA must be a lower-case SQL name, was '" + schema + "'");
            }
            Settings s = new Settings(
                    schema,
                    integer(env, "IOCMAP_BENCH_REPORTS_SECONDS", 20, 1, 3_600, errors),
                    integer(env, "IOCMAP_BENCH_REPORTS_WARMUP_SECONDS", 15, 0, 600, errors));
            if (!errors.isEmpty()) {
                throw new IllegalArgumentException("invalid benchmark settings: " + String.join("; ", errors));
            }
            return s;
        }

        private static int integer(Map<String, String> env, String name, int def, int min, int max, List<String> e) {
            String raw = env.get(name);
            if (raw == null) {
                return def;
            }
            try {
                int v = Integer.parseInt(raw.trim());
                if (v >= min && v <= max) {
                    return v;
                }
            } catch (NumberFormatException ignored) {
                // reported below with the range
            }
            e.add(name + " must be an integer from " + min + " to " + max + ", was '" + raw + "'");
            return def;
        }
    }

    /** The generated submissions: one per slot, the same for the service and the peer. */
    record Traffic(
            int[] category,
            double[] lon,
            double[] lat,
            String[] description,
            String[] address,
            String[] name,
            String[] phone,
            byte[][] form,
            int[] retryOf) {

        /** Generates {@value #SLOTS} submissions around Nha Trang from the seed. */
        static Traffic generate(long seed) {
            Random r = new Random(seed);
            int[] category = new int[SLOTS];
            double[] lon = new double[SLOTS];
            double[] lat = new double[SLOTS];
            String[] description = new String[SLOTS];
            String[] address = new String[SLOTS];
            String[] name = new String[SLOTS];
            String[] phone = new String[SLOTS];
            byte[][] form = new byte[SLOTS][];
            int[] retryOf = new int[SLOTS];
            for (int i = 0; i < SLOTS; i++) {
                retryOf[i] = -1;
                if (i % 20 == 5 && i >= 5) { // near an earlier report of the same category: a duplicate
                    category[i] = category[i - 5];
                    double metres = 5 + r.nextDouble() * 25;
                    double angle = r.nextDouble() * 2 * Math.PI;
                    lon[i] = lon[i - 5] + metres * Math.cos(angle) / (111_320 * Math.cos(Math.toRadians(12.25)));
                    lat[i] = lat[i - 5] + metres * Math.sin(angle) / 110_600;
                } else {
                    category[i] = r.nextInt(CATEGORIES.length);
                    lon[i] = 109.15 + r.nextDouble() * 0.07;
                    lat[i] = 12.20 + r.nextDouble() * 0.10;
                }
                String street = STREETS[r.nextInt(STREETS.length)];
                description[i] = NAMES_VI[category[i]] + ": sự việc trên đường " + street + ", cần kiểm tra xử lý. "
                        + "Người dân phản ánh nhiều lần (mã thử " + i + ").";
                address[i] = (1 + r.nextInt(300)) + " " + street + ", phường Lộc Thọ, Nha Trang";
                name[i] = "Người dân " + i;
                phone[i] = String.format(Locale.ROOT, "09%08d", r.nextInt(100_000_000));
                if (i % 100 == 99) {
                    retryOf[i] = i - 3; // i - 3 ≡ 96 (mod 100) is a multiple of 3: it has a key
                }
                form[i] = (field("service_code", CATEGORIES[category[i]])
                                + "&" + field("lat", Double.toString(lat[i]))
                                + "&" + field("long", Double.toString(lon[i]))
                                + "&" + field("address_string", address[i])
                                + "&" + field("description", description[i])
                                + "&" + field("first_name", name[i])
                                + "&" + field("phone", phone[i])
                                + "&" + field("device_id", "bench-" + (i % 997)))
                        .getBytes(StandardCharsets.UTF_8);
            }
            return new Traffic(category, lon, lat, description, address, name, phone, form, retryOf);
        }

        private static String field(String key, String value) {
            return key + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
        }

        /** Returns the client key of submission {@code index}, null for none: one in three has one. */
        static String key(String run, long index, int[] retryOf) {
            int slot = (int) (index % SLOTS);
            if (retryOf[slot] >= 0) {
                return run + "-" + (index - (slot - retryOf[slot]));
            }
            return index % 3 == 0 ? run + "-" + index : null;
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = new HashMap<>(System.getenv());
        Settings settings;
        BenchSettings db;
        try {
            settings = Settings.fromEnvironment(env);
            env.put("IOCMAP_BENCH_DB_SCHEMA", settings.schema());
            db = BenchSettings.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        OUT.println("bench: " + QueryBench.machine());
        OUT.printf(
                Locale.ROOT,
                "bench: reports: database %s schema %s, %d clients, warm-up %d s, measured %d s, service pool %d%n",
                db.dbUrl(),
                db.schema(),
                db.concurrency(),
                settings.warmupSeconds(),
                settings.seconds(),
                db.dbMaxConnections());
        if (!db.freshSchema(OUT)) {
            System.exit(2);
            return;
        }
        Traffic traffic = Traffic.generate(db.seed());
        String run = Long.toString(System.currentTimeMillis(), 36);
        Path dataDir = Files.createTempDirectory("iocmap-bench-reports-");
        int exit = 0;
        try (Application app = Application.start(ServiceConfig.fromEnvironment(Map.of(
                        "IOCMAP_HTTP_HOST", "127.0.0.1",
                        "IOCMAP_HTTP_PORT", "0",
                        "IOCMAP_DATA_DIR", dataDir.toString(),
                        "IOCMAP_DB_URL", db.schemaUrl(),
                        "IOCMAP_DB_USER", db.dbUser(),
                        "IOCMAP_DB_PASSWORD", db.dbPassword(),
                        "IOCMAP_DB_MAXCONNECTIONS", Integer.toString(db.dbMaxConnections()))));
                Connection admin = DriverManager.getConnection(db.schemaUrl(), db.dbUser(), db.dbPassword());
                CpuMonitor cpu =
                        new CpuMonitor(DriverManager.getConnection(db.dbUrl(), db.dbUser(), db.dbPassword()), -1)) {
            try (Statement s = admin.createStatement()) {
                // The peer's table: the service's table with the same columns, constraints and indexes.
                s.execute("CREATE TABLE report_peer (LIKE citizen_report INCLUDING ALL)");
            }
            LoadRunner runner = new LoadRunner(
                    db.concurrency(),
                    Duration.ofSeconds(settings.warmupSeconds()),
                    Duration.ofSeconds(settings.seconds()),
                    cpu);
            BenchReport report = new BenchReport(OUT);
            long[] statuses = new long[2]; // 201 created, 200 retried
            int port = app.port();
            Measurement ours = runner.run("reports_submit_http", () -> {
                HttpConnection connection = new HttpConnection(port);
                return new LoadRunner.Client() {
                    @Override
                    public int call(long index) throws Exception {
                        int slot = (int) (index % SLOTS);
                        String key = Traffic.key(run, index, traffic.retryOf());
                        int status = connection.postForm(
                                "/open311/v2/requests.json",
                                traffic.form()[slot],
                                key == null ? "" : "Idempotency-Key: " + key + "\r\n");
                        synchronized (statuses) {
                            statuses[status == 201 ? 0 : 1]++;
                        }
                        return 1;
                    }

                    @Override
                    public void close() throws Exception {
                        connection.close();
                    }
                };
            });
            OUT.println("bench: " + ours.describe(Runtime.getRuntime().availableProcessors()));
            AtomicLong peerIds = new AtomicLong(10_000_000_000L);
            Measurement peer = runner.run("reports_insert_postgis", () -> peerClient(db, traffic, run, peerIds));
            OUT.println("bench: " + peer.describe(Runtime.getRuntime().availableProcessors()));
            exit = check(admin, statuses, ours, peer);
            report.add(ours);
            report.add(peer);
            report.compare("reports.submit", "req/s", ours.throughput(), "postgis_insert", peer.throughput());
            report.compare("reports.submit.p99", "ms", ours.p99Millis(), "postgis_insert", peer.p99Millis());
            report.target("reports.submit", 1_000, true, ours.throughput(), "req/s");
            report.finish();
        } finally {
            QueryBench.deleteTree(dataDir);
        }
        System.exit(exit);
    }

    /** Returns a peer client: its own connection, one prepared INSERT, one transaction per row. */
    private static LoadRunner.Client peerClient(BenchSettings db, Traffic traffic, String run, AtomicLong ids)
            throws SQLException {
        Connection c = DriverManager.getConnection(db.schemaUrl(), db.dbUser(), db.dbPassword());
        c.setAutoCommit(false);
        PreparedStatement ps = c.prepareStatement(PEER_INSERT);
        return new LoadRunner.Client() {
            @Override
            public int call(long index) throws Exception {
                int slot = (int) (index % SLOTS);
                int cat = traffic.category()[slot];
                long id = ids.getAndIncrement();
                OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                int i = 1;
                ps.setLong(i++, id);
                ps.setString(i++, "PEER-" + id);
                ps.setString(i++, NAMES_VI[cat]);
                ps.setString(i++, CATEGORIES[cat]);
                ps.setString(i++, traffic.description()[slot].substring(0, traffic.description()[slot].indexOf('.')));
                ps.setString(i++, traffic.description()[slot]);
                ps.setString(i++, traffic.name()[slot]);
                ps.setString(i++, traffic.phone()[slot]);
                ps.setString(i++, "bench-" + (slot % 997));
                ps.setString(i++, cat == 0 ? "UBND phường" : NAMES_VI[cat]);
                ps.setString(i++, traffic.address()[slot]);
                ps.setObject(i++, now);
                ps.setObject(i++, now);
                ps.setObject(i++, now.plusHours(DEADLINE_HOURS[cat]));
                // The peer's keys are its own (a retry would fail its unique index, not find a row): no retries here.
                ps.setString(i++, index % 3 == 0 ? "peer-" + run + "-" + id : null);
                ps.setDouble(i++, traffic.lon()[slot]);
                ps.setDouble(i, traffic.lat()[slot]);
                ps.executeUpdate();
                c.commit();
                return 1;
            }

            @Override
            public void close() throws SQLException {
                ps.close();
                c.close();
            }
        };
    }

    /**
     * Checks what the service stored against what it answered: one row per 201, none per 200 (a retry), duplicates
     * found. Returns the exit status: 0 when every call succeeded.
     */
    private static int check(Connection c, long[] statuses, Measurement ours, Measurement peer) throws SQLException {
        long rows;
        long withDuplicates;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(client_key) FROM citizen_report")) {
            rs.next();
            rows = rs.getLong(1);
            OUT.printf(Locale.ROOT, "check: %d reports stored (%d with a client key)%n", rows, rs.getLong(2));
        }
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM report_history WHERE action = 'SUBMIT'")) {
            rs.next();
            OUT.printf(Locale.ROOT, "check: %d SUBMIT history entries%n", rs.getLong(1));
        }
        try (Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT COUNT(*) FROM feature_change WHERE layer_id = 'citizen_reports'")) {
            rs.next();
            OUT.printf(Locale.ROOT, "check: %d change-log rows of citizen_reports%n", rs.getLong(1));
        }
        try (Statement s = c.createStatement();
                // One index probe per report: the box (0.0006° is more than 50 m at 12° N) finds the candidates.
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM citizen_report a CROSS JOIN LATERAL (SELECT 1"
                        + " FROM citizen_report b WHERE b.geom && ST_Expand(a.geom, 0.0006)"
                        + " AND b.service_code = a.service_code AND b.id < a.id"
                        + " AND ST_DWithin(a.geom::geography, b.geom::geography, 50) LIMIT 1) earlier")) {
            rs.next();
            withDuplicates = rs.getLong(1);
        }
        OUT.printf(
                Locale.ROOT,
                "check: answers 201 created %d, 200 retried %d (all calls, warm-up included); %d reports have an"
                        + " earlier one of their category within 50 m%n",
                statuses[0],
                statuses[1],
                withDuplicates);
        boolean consistent = rows == statuses[0];
        if (!consistent) {
            OUT.printf(Locale.ROOT, "check: FAILED: %d rows but %d answers 201%n", rows, statuses[0]);
        }
        long errors = ours.errors() + peer.errors();
        if (errors > 0) {
            OUT.println("check: FAILED: " + errors + " calls failed; first: "
                    + (ours.firstError() != null ? ours.firstError() : peer.firstError()));
        }
        return consistent && errors == 0 ? 0 : 1;
    }
}
