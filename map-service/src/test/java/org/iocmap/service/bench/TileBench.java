package org.iocmap.service.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.iocmap.service.Application;
import org.iocmap.service.config.ServiceConfig;
import org.iocmap.tiles.grid.TileCoord;
import org.iocmap.tiles.grid.WebMercator;
import org.iocmap.tiles.mvt.MvtFeatureIds;

/**
 * Benchmarks vector tiles: kept tiles, tiles made for every request from the million points held in memory, and the
 * densest land-use tiles (made by PostGIS), next to PostGIS {@code ST_AsMVT} asked directly for the same tiles, in
 * one run. Run it with {@code map-service/bin/iocmap bench tiles}; {@code docs/benchmarks.md} describes it.
 *
 * <p>Uses the query benchmark's data (loaded on first use) and starts the service twice in this JVM against it: once
 * with the tile cache, once with no cache at all, so that "uncached" means made for the request.
 */
public final class TileBench {
    private static final PrintStream OUT = System.out;
    /** Tiles of the points asked again and again once kept: 256 at zoom 11 (about 140 points each). */
    private static final int CACHED_TILES = 256;

    private static final int CACHED_ZOOM = 11;
    /** Tiles of the points made for every request: random zoom-12 tiles (about 35 points each). */
    private static final int UNCACHED_ZOOM = 12;
    /** The densest land-use tiles: zoom 12 inside the packed parcels (about 900 polygons each). */
    private static final int DENSE_ZOOM = 12;

    static final String PEER_SQL = "SELECT ST_AsMVT(t.*, ?, 4096, 'geom', 'id') FROM (SELECT id,"
            + " ST_AsMVTGeom(ST_Transform(geom, 3857), ST_TileEnvelope(?, ?, ?), 4096, 64, true) AS geom, props"
            + " FROM generic_feature WHERE layer_id = ?"
            + " AND geom && ST_Transform(ST_TileEnvelope(?, ?, ?, margin => 64.0 / 4096), 4326)) t"
            + " WHERE t.geom IS NOT NULL";

    private final BenchSettings settings;
    private final LoadRunner runner;
    private final BenchReport report = new BenchReport(OUT);
    private final PostgisLoader database;
    private final CpuMonitor cpu;
    private long errors;

    private TileBench(BenchSettings settings, CpuMonitor cpu, PostgisLoader database) {
        this.settings = settings;
        this.database = database;
        this.cpu = cpu;
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
        OUT.println("bench: " + QueryBench.machine());
        PostgisLoader database = new PostgisLoader(settings, dataset);
        try {
            database.createSchema();
            OUT.println("bench: " + database.describeServer());
        } catch (SQLException e) {
            System.err.println("bench: cannot use PostGIS at " + settings.dbUrl() + " as " + settings.dbUser() + ": "
                    + e.getMessage() + "; set IOCMAP_BENCH_DB_URL, IOCMAP_BENCH_DB_USER, IOCMAP_BENCH_DB_PASSWORD");
            System.exit(2);
        }
        Path cachedDir = Files.createTempDirectory("iocmap-bench-tiles-");
        Path uncachedDir = Files.createTempDirectory("iocmap-bench-tiles-");
        int exit;
        try (Application cached = Application.start(config(settings, cachedDir, true))) {
            database.ensureLayers(cached.catalog()).forEach(line -> OUT.println("bench: " + line));
            try (Application uncached = Application.start(config(settings, uncachedDir, false));
                    CpuMonitor cpu = new CpuMonitor(database.connect(settings.dbUrl()), -1)) {
                exit = new TileBench(settings, cpu, database).runAll(cached.port(), uncached.port());
            }
        } finally {
            QueryBench.deleteTree(cachedDir);
            QueryBench.deleteTree(uncachedDir);
        }
        OUT.printf(Locale.ROOT, "bench: finished in %.0f s%n", (System.nanoTime() - started) / 1e9);
        System.exit(exit);
    }

    private static ServiceConfig config(BenchSettings settings, Path dataDir, boolean cache) {
        return ServiceConfig.fromEnvironment(Map.of(
                "IOCMAP_HTTP_HOST", "127.0.0.1",
                "IOCMAP_HTTP_PORT", "0",
                "IOCMAP_DATA_DIR", dataDir.toString(),
                "IOCMAP_DB_URL", settings.schemaUrl(),
                "IOCMAP_DB_USER", settings.dbUser(),
                "IOCMAP_DB_PASSWORD", settings.dbPassword(),
                "IOCMAP_DB_MAXCONNECTIONS", Integer.toString(settings.dbMaxConnections()),
                "IOCMAP_TILES_CACHEMB", cache ? "512" : "0",
                "IOCMAP_TILES_DISKCACHEMB", "0"));
    }

    /** Returns {@code count} random tiles at zoom {@code z} whose centres lie in the box, from the seed. */
    private List<TileCoord> tiles(int count, int z, double west, double south, double east, double north, long salt) {
        Random random = new Random(settings.seed() + salt);
        List<TileCoord> tiles = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            tiles.add(WebMercator.tileAt(
                    west + random.nextDouble() * (east - west), south + random.nextDouble() * (north - south), z));
        }
        return tiles;
    }

    private int runAll(int cachedPort, int uncachedPort) throws Exception {
        int c = settings.concurrency();
        double west = BenchDataset.POINTS_MIN_LON;
        double south = BenchDataset.POINTS_MIN_LAT;
        double span = BenchDataset.POINTS_SPAN_DEGREES;
        List<TileCoord> kept = tiles(CACHED_TILES, CACHED_ZOOM, west, south, west + span, south + span, 1).stream()
                .distinct()
                .toList();
        List<TileCoord> fresh = tiles(65_536, UNCACHED_ZOOM, west, south, west + span, south + span, 2);
        // Dense tiles: whole zoom-12 tiles inside the parcels' area.
        List<TileCoord> dense = WebMercator.tilesCovering(
                        BenchDataset.PARCELS_MIN_LON + 0.1,
                        BenchDataset.PARCELS_MIN_LAT + 0.1,
                        BenchDataset.PARCELS_MAX_LON - 0.1,
                        BenchDataset.PARCELS_MAX_LAT - 0.1,
                        DENSE_ZOOM)
                .stream()
                .filter(t -> {
                    var b = WebMercator.boundsLonLat(t);
                    return b.getMinX() >= BenchDataset.PARCELS_MIN_LON
                            && b.getMaxX() <= BenchDataset.PARCELS_MAX_LON
                            && b.getMinY() >= BenchDataset.PARCELS_MIN_LAT
                            && b.getMaxY() <= BenchDataset.PARCELS_MAX_LAT;
                })
                .toList();
        OUT.printf(
                Locale.ROOT,
                "bench: %d kept point tiles (z%d), %d fresh point tiles (z%d), %d dense land-use tiles (z%d)%n",
                kept.size(),
                CACHED_ZOOM,
                fresh.size(),
                UNCACHED_ZOOM,
                dense.size(),
                DENSE_ZOOM);
        check(uncachedPort, BenchDataset.POINTS_LAYER, fresh.subList(0, 50));
        check(uncachedPort, BenchDataset.POLYGONS_LAYER, dense.subList(0, Math.min(20, dense.size())));

        // Warm the paths up and keep the cached tiles.
        for (TileCoord t : kept) {
            try (HttpConnection h = new HttpConnection(cachedPort)) {
                h.get(path(BenchDataset.POINTS_LAYER, t));
            }
        }
        warm(uncachedPort, BenchDataset.POINTS_LAYER, fresh, c);
        warm(uncachedPort, BenchDataset.POLYGONS_LAYER, dense, 2);

        Measurement cachedHttp = measure("mvt_cached_points", c, http(cachedPort, BenchDataset.POINTS_LAYER, kept));
        Measurement freshHttp = measure("mvt_uncached_points", c, http(uncachedPort, BenchDataset.POINTS_LAYER, fresh));
        Measurement freshSql = measure("mvt_points_postgis_st_asmvt", c, sql(BenchDataset.POINTS_LAYER, fresh));
        Measurement denseHttp1 =
                measure("mvt_dense_landuse_c1", 1, http(uncachedPort, BenchDataset.POLYGONS_LAYER, dense));
        Measurement denseSql1 =
                measure("mvt_dense_landuse_postgis_st_asmvt_c1", 1, sql(BenchDataset.POLYGONS_LAYER, dense));
        Measurement denseHttp = measure("mvt_dense_landuse", c, http(uncachedPort, BenchDataset.POLYGONS_LAYER, dense));
        Measurement denseSql =
                measure("mvt_dense_landuse_postgis_st_asmvt", c, sql(BenchDataset.POLYGONS_LAYER, dense));

        report.compare(
                "mvt_cached_throughput", "req/s", cachedHttp.throughput(), "uncached_points", freshHttp.throughput());
        report.compare(
                "mvt_uncached_points_throughput",
                "req/s",
                freshHttp.throughput(),
                "postgis_st_asmvt",
                freshSql.throughput());
        report.compare(
                "mvt_uncached_points_p99", "ms", freshHttp.p99Millis(), "postgis_st_asmvt", freshSql.p99Millis());
        report.compare(
                "mvt_dense_landuse_c1_p50", "ms", denseHttp1.p50Millis(), "postgis_st_asmvt_c1", denseSql1.p50Millis());
        report.compare(
                "mvt_dense_landuse_c1_p99", "ms", denseHttp1.p99Millis(), "postgis_st_asmvt_c1", denseSql1.p99Millis());
        report.compare(
                "mvt_dense_landuse_throughput",
                "req/s",
                denseHttp.throughput(),
                "postgis_st_asmvt",
                denseSql.throughput());
        report.target("mvt_cached_throughput", 20_000, true, cachedHttp.throughput(), "req/s");
        report.target("mvt_uncached_points_throughput", 2_000, true, freshHttp.throughput(), "req/s");
        report.target("mvt_uncached_points_vs_st_asmvt", 1, true, freshHttp.throughput() / freshSql.throughput(), "x");
        report.target("mvt_dense_landuse_c1_p50", 10, false, denseHttp1.p50Millis(), "ms");
        report.target("mvt_dense_landuse_vs_st_asmvt", 1, true, denseHttp.throughput() / denseSql.throughput(), "x");
        report.finish();
        return errors == 0 ? 0 : 1;
    }

    /** Checks that the service's tiles hold the same features as PostGIS's for the same tiles. */
    private void check(int port, String layer, List<TileCoord> tiles) throws Exception {
        int same = 0;
        long features = 0;
        try (HttpConnection h = new HttpConnection(port);
                Connection c = database.connect(settings.schemaUrl());
                PreparedStatement ps = c.prepareStatement(PEER_SQL)) {
            for (TileCoord t : tiles) {
                long[] ours = MvtFeatureIds.read(h.get(path(layer, t)));
                long[] theirs = MvtFeatureIds.read(peerTile(ps, layer, t));
                java.util.Arrays.sort(ours);
                java.util.Arrays.sort(theirs);
                if (java.util.Arrays.equals(ours, theirs)) {
                    same++;
                }
                features += ours.length;
            }
        }
        OUT.printf(
                Locale.ROOT,
                "check: %-14s %d/%d tiles hold the same feature ids as ST_AsMVT's; %.0f features per tile%n",
                layer,
                same,
                tiles.size(),
                (double) features / tiles.size());
    }

    private void warm(int port, String layer, List<TileCoord> tiles, int threads) throws Exception {
        if (settings.serverWarmupSeconds() > 0) {
            LoadRunner warm =
                    new LoadRunner(threads, Duration.ZERO, Duration.ofSeconds(settings.serverWarmupSeconds()), cpu);
            Measurement m = warm.run("warm-up", threads, http(port, layer, tiles));
            errors += m.errors();
        }
    }

    private static String path(String layer, TileCoord t) {
        return "/tiles/" + layer + "/" + t.z() + "/" + t.x() + "/" + t.y() + ".mvt";
    }

    private static LoadRunner.ClientFactory http(int port, String layer, List<TileCoord> tiles) {
        return () -> {
            HttpConnection h = new HttpConnection(port);
            return new LoadRunner.Client() {
                @Override
                public int call(long index) throws Exception {
                    return MvtFeatureIds.read(h.get(path(layer, tiles.get((int) (index % tiles.size()))))).length;
                }

                @Override
                public void close() throws Exception {
                    h.close();
                }
            };
        };
    }

    private LoadRunner.ClientFactory sql(String layer, List<TileCoord> tiles) {
        return () -> {
            Connection c = database.connect(settings.schemaUrl());
            PreparedStatement ps = c.prepareStatement(PEER_SQL);
            return new LoadRunner.Client() {
                @Override
                public int call(long index) throws Exception {
                    return MvtFeatureIds.read(peerTile(ps, layer, tiles.get((int) (index % tiles.size())))).length;
                }

                @Override
                public void close() throws Exception {
                    c.close();
                }
            };
        };
    }

    private static byte[] peerTile(PreparedStatement ps, String layer, TileCoord t) throws SQLException {
        ps.setString(1, layer);
        ps.setInt(2, t.z());
        ps.setInt(3, t.x());
        ps.setInt(4, t.y());
        ps.setString(5, layer);
        ps.setInt(6, t.z());
        ps.setInt(7, t.x());
        ps.setInt(8, t.y());
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            byte[] tile = rs.getBytes(1);
            return tile == null ? new byte[0] : tile;
        }
    }

    private Measurement measure(String name, int threads, LoadRunner.ClientFactory factory)
            throws InterruptedException {
        Measurement m = runner.run(name, threads, factory);
        OUT.println("run:   " + m.describe(QueryBench.cores()));
        report.add(m);
        errors += m.errors();
        return m;
    }
}
