package org.iocmap.service.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.iocmap.service.Application;
import org.iocmap.service.config.ServiceConfig;

/**
 * Benchmarks the service's spatial queries on a million points and 100,000 polygons, and the same questions asked
 * directly of PostGIS (JDBC, prepared statements) and of Redis ({@code GEOSEARCH}, points only), in one run, printed
 * side by side. Run it with {@code map-service/bin/iocmap bench queries}; {@code docs/benchmarks.md} describes the
 * workloads, the output and the settings.
 *
 * <p>Starts the real service in this JVM on a loopback port against a schema of its own, loads the data once (later
 * runs reuse it), checks that the three answer alike, warms the server's paths up, then runs each workload with a
 * warm-up and a measured window. Exits 0 when every call succeeded, whether or not the targets are met (the
 * {@code TARGET} lines say that), 1 when calls failed, 2 when PostGIS or Redis cannot be reached.
 */
public final class QueryBench {
    private static final PrintStream OUT = System.out;

    private final BenchSettings settings;
    private final LoadRunner runner;
    private final CpuMonitor cpu;
    private final ServiceClient service;
    private final PostgisPeer postgis;
    private final RedisPeer redis;
    private final BenchReport report = new BenchReport(OUT);
    private long errors;

    private QueryBench(
            BenchSettings settings, CpuMonitor cpu, ServiceClient service, PostgisPeer postgis, RedisPeer redis) {
        this.settings = settings;
        this.cpu = cpu;
        this.service = service;
        this.postgis = postgis;
        this.redis = redis;
        this.runner = new LoadRunner(
                settings.concurrency(),
                Duration.ofSeconds(settings.warmupSeconds()),
                Duration.ofSeconds(settings.seconds()),
                cpu);
    }

    public static void main(String[] args) throws Exception {
        BenchSettings settings = BenchSettings.fromEnvironment(System.getenv());
        BenchDataset dataset = new BenchDataset(settings.seed(), settings.points(), settings.polygons());
        long started = System.nanoTime();
        OUT.println("bench: " + machine());
        OUT.printf(
                Locale.ROOT,
                "bench: database %s schema %s, redis %s:%d key %s, %d points, %d polygons, seed %d, %d clients,"
                        + " server warm-up %d s per path, then per workload warm-up %d s and %d s measured,"
                        + " service pool %d%n",
                settings.dbUrl(),
                settings.schema(),
                settings.redisHost(),
                settings.redisPort(),
                settings.redisKey(),
                settings.points(),
                settings.polygons(),
                settings.seed(),
                settings.concurrency(),
                settings.serverWarmupSeconds(),
                settings.warmupSeconds(),
                settings.seconds(),
                settings.dbMaxConnections());
        PostgisLoader database = new PostgisLoader(settings, dataset);
        try {
            database.createSchema();
            OUT.println("bench: " + database.describeServer());
        } catch (SQLException e) {
            System.err.println("bench: cannot use PostGIS at " + settings.dbUrl() + " as " + settings.dbUser() + ": "
                    + e.getMessage() + "; set IOCMAP_BENCH_DB_URL, IOCMAP_BENCH_DB_USER, IOCMAP_BENCH_DB_PASSWORD");
            System.exit(2);
        }
        try {
            OUT.println("bench: Redis " + RedisPeer.info(settings, "redis_version"));
        } catch (IOException e) {
            System.err.println("bench: cannot reach Redis at " + settings.redisHost() + ":" + settings.redisPort()
                    + ": " + e.getMessage() + "; set IOCMAP_BENCH_REDIS to host:port");
            System.exit(2);
        }
        Path dataDir = Files.createTempDirectory("iocmap-bench-");
        int exit;
        try (Application app = Application.start(ServiceConfig.fromEnvironment(Map.of(
                "IOCMAP_HTTP_HOST", "127.0.0.1",
                "IOCMAP_HTTP_PORT", "0",
                "IOCMAP_DATA_DIR", dataDir.toString(),
                "IOCMAP_DB_URL", settings.schemaUrl(),
                "IOCMAP_DB_USER", settings.dbUser(),
                "IOCMAP_DB_PASSWORD", settings.dbPassword(),
                "IOCMAP_DB_MAXCONNECTIONS", Integer.toString(settings.dbMaxConnections()))))) {
            database.ensureLayers(app.catalog()).forEach(line -> OUT.println("bench: " + line));
            OUT.println("bench: " + new RedisLoader(settings, dataset).ensurePoints());
            BenchQueries queries = new BenchQueries(dataset);
            ServiceClient service = new ServiceClient(app.port(), app.catalog(), queries);
            PostgisPeer postgis = new PostgisPeer(database, settings, queries);
            RedisPeer redis = new RedisPeer(settings, queries);
            try (Connection c = database.connect(settings.schemaUrl())) {
                new AnswerCheck(service, postgis, redis, queries, OUT).run(c);
            }
            try (CpuMonitor cpu = new CpuMonitor(database.connect(settings.dbUrl()), redis.pid())) {
                exit = new QueryBench(settings, cpu, service, postgis, redis).runAll();
            }
        } finally {
            deleteTree(dataDir);
        }
        OUT.printf(Locale.ROOT, "bench: finished in %.0f s%n", (System.nanoTime() - started) / 1e9);
        System.exit(exit);
    }

    private int runAll() throws InterruptedException {
        int c = settings.concurrency();
        Set<String> groups = settings.workloads();
        // Compile the server's paths before anything is measured: each workload's own warm-up is too short for the
        // JIT on a busy 2-core machine, and its compile threads would otherwise eat into the first measurements.
        if (settings.serverWarmupSeconds() > 0) {
            LoadRunner warm = new LoadRunner(c, Duration.ZERO, Duration.ofSeconds(settings.serverWarmupSeconds()), cpu);
            List<LoadRunner.ClientFactory> paths = new ArrayList<>();
            paths.add(service::floorHttp);
            if (groups.contains("bbox")) {
                paths.add(service::bboxHttp);
            }
            if (groups.contains("knn")) {
                paths.add(service::knnHttp);
            }
            if (groups.contains("polygon")) {
                paths.add(service::areaHttp);
            }
            for (LoadRunner.ClientFactory path : paths) {
                Measurement m = warm.run("warm-up", c, path);
                errors += m.errors();
                OUT.println("warm:  " + m.describe(cores()));
            }
        }
        // The floor of the HTTP path on this machine: a static answer, no store call.
        Measurement floor = measure("http_floor_conformance", c, service::floorHttp);
        if (groups.contains("bbox")) {
            runBoxes(c, floor);
        }
        if (groups.contains("knn")) {
            runNearest(c);
        }
        if (groups.contains("polygon")) {
            runAreas(c);
        }
        report.finish();
        return errors == 0 ? 0 : 1;
    }

    /** Boxes of ~50–200 points, a page of 100. */
    private void runBoxes(int c, Measurement floor) throws InterruptedException {
        // In-process calls go straight to the connection pool: as many callers as connections, as the service's
        // worker pool (sized like the connection pool) allows, so they measure the layer and not the pool's queue.
        int pool = settings.dbMaxConnections();
        Measurement http = measure("bbox_http", c, service::bboxHttp);
        Measurement inProcess = measure("bbox_layer_query", pool, service::bboxInProcess);
        Measurement sql = measure("bbox_postgis_sql", c, postgis::bbox);
        Measurement geosearch = measure("bbox_redis_geosearch", c, redis::bbox);
        Measurement count = measure("bbox_service_count_sql", c, postgis::serviceCount);
        Measurement page = measure("bbox_service_page_sql", c, postgis::servicePage);
        for (String metric : List.of("throughput", "p50", "p99")) {
            report.compare("bbox_http_" + metric, unit(metric), value(http, metric), "postgis_sql", value(sql, metric));
            report.compare(
                    "bbox_http_" + metric,
                    unit(metric),
                    value(http, metric),
                    "redis_geosearch",
                    value(geosearch, metric));
        }
        report.compare(
                "bbox_http_throughput", "req/s", http.throughput(), "http_floor_conformance", floor.throughput());
        report.compare("bbox_http_p50", "ms", http.p50Millis(), "layer_query_in_process", inProcess.p50Millis());
        report.compare("bbox_layer_query_p50", "ms", inProcess.p50Millis(), "postgis_sql", sql.p50Millis());
        report.compare("bbox_service_page_sql_p50", "ms", page.p50Millis(), "postgis_sql", sql.p50Millis());
        report.compare(
                "bbox_service_count_sql_pg_cpu",
                "ms/call",
                count.perCall(count.cpu().postgresMillis()),
                "service_page_sql",
                page.perCall(page.cpu().postgresMillis()));
        report.target("bbox_http_throughput", 5_000, true, http.throughput(), "req/s");
        report.target("bbox_http_p99", 20, false, http.p99Millis(), "ms");
    }

    /** The 10 nearest points. */
    private void runNearest(int c) throws InterruptedException {
        int pool = settings.dbMaxConnections();
        Measurement http = measure("knn_http", c, service::knnHttp);
        Measurement inProcess = measure("knn_layer_nearest", pool, service::knnInProcess);
        Measurement sql = measure("knn_postgis_sql", c, postgis::nearest);
        Measurement geosearch = measure("knn_redis_geosearch", c, redis::nearest);
        Measurement http1 = measure("knn_http_c1", 1, service::knnHttp);
        Measurement sql1 = measure("knn_postgis_sql_c1", 1, postgis::nearest);
        for (String metric : List.of("throughput", "p50", "p99")) {
            report.compare("knn_http_" + metric, unit(metric), value(http, metric), "postgis_sql", value(sql, metric));
            report.compare(
                    "knn_http_" + metric,
                    unit(metric),
                    value(http, metric),
                    "redis_geosearch",
                    value(geosearch, metric));
        }
        report.compare("knn_http_p50", "ms", http.p50Millis(), "layer_nearest_in_process", inProcess.p50Millis());
        report.compare("knn_layer_nearest_p50", "ms", inProcess.p50Millis(), "postgis_sql", sql.p50Millis());
        report.compare(
                "knn_layer_nearest_pg_cpu",
                "ms/call",
                inProcess.perCall(inProcess.cpu().postgresMillis()),
                "postgis_sql",
                sql.perCall(sql.cpu().postgresMillis()));
        report.compare("knn_http_c1_p50", "ms", http1.p50Millis(), "postgis_sql_c1", sql1.p50Millis());
        report.compare("knn_http_c1_p99", "ms", http1.p99Millis(), "postgis_sql_c1", sql1.p99Millis());
        report.target("knn_http_p99", 5, false, http.p99Millis(), "ms");
        report.target("knn_http_c1_p99", 5, false, http1.p99Millis(), "ms");
    }

    /** Parcels meeting a ~1 km area. */
    private void runAreas(int c) throws InterruptedException {
        int pool = settings.dbMaxConnections();
        Measurement http = measure("polygon_http", c, service::areaHttp);
        Measurement inProcess = measure("polygon_layer_query", pool, service::areaInProcess);
        Measurement sql = measure("polygon_postgis_sql", c, postgis::area);
        Measurement http1 = measure("polygon_http_c1", 1, service::areaHttp);
        Measurement sql1 = measure("polygon_postgis_sql_c1", 1, postgis::area);
        for (String metric : List.of("throughput", "p50", "p99")) {
            report.compare(
                    "polygon_http_" + metric, unit(metric), value(http, metric), "postgis_sql", value(sql, metric));
        }
        report.compare("polygon_http_p50", "ms", http.p50Millis(), "layer_query_in_process", inProcess.p50Millis());
        report.compare("polygon_layer_query_p50", "ms", inProcess.p50Millis(), "postgis_sql", sql.p50Millis());
        report.compare("polygon_http_c1_p50", "ms", http1.p50Millis(), "postgis_sql_c1", sql1.p50Millis());
        report.compare("polygon_http_c1_p99", "ms", http1.p99Millis(), "postgis_sql_c1", sql1.p99Millis());
        report.target("polygon_http_p99", 20, false, http.p99Millis(), "ms");
        report.target("polygon_http_c1_p99", 20, false, http1.p99Millis(), "ms");
    }

    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    private Measurement measure(String name, int threads, LoadRunner.ClientFactory factory)
            throws InterruptedException {
        Measurement m = runner.run(name, threads, factory);
        OUT.println("run:   " + m.describe(cores()));
        report.add(m);
        errors += m.errors();
        return m;
    }

    private static String unit(String metric) {
        return metric.equals("throughput") ? "req/s" : "ms";
    }

    private static double value(Measurement m, String metric) {
        return switch (metric) {
            case "throughput" -> m.throughput();
            case "p50" -> m.p50Millis();
            default -> m.p99Millis();
        };
    }

    /** Describes the machine: cores, CPU model, heap, OS and JDK. */
    static String machine() {
        String cpu = "unknown CPU";
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            cpu = lines.filter(l -> l.startsWith("model name"))
                    .findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .orElse(cpu);
        } catch (IOException | RuntimeException e) {
            // not Linux: the processor count below is still right
        }
        return String.format(
                Locale.ROOT,
                "%d cores (%s), %.1f GB heap max, %s %s, Java %s",
                cores(),
                cpu,
                Runtime.getRuntime().maxMemory() / 1e9,
                System.getProperty("os.name"),
                System.getProperty("os.version"),
                System.getProperty("java.version"));
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(paths.toList());
            all.sort(Comparator.reverseOrder());
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        }
    }
}
