package org.iocmap.service.bench;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.iocmap.layers.model.Title;
import org.iocmap.service.Application;
import org.iocmap.service.config.ServiceConfig;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.io.WKBWriter;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Benchmarks heat maps: {@code GET /api/heatmap} over a layer of {@code IOCMAP_BENCH_HEAT_POINTS} (default ten
 * million) timed points for windows of 1 to 30 days, next to the same aggregation asked of PostGIS directly
 * ({@code ST_SnapToGrid(ST_Transform(geom, 3857), cell)} … {@code GROUP BY}), one client each, the same windows in
 * the same order. Run it with {@code map-service/bin/iocmap bench heat}; {@code docs/benchmarks.md} describes it.
 */
public final class HeatBench {
    private static final PrintStream OUT = System.out;
    static final String LAYER = "bench_events";
    private static final long ID_BASE = 50_000_000_000L;
    private static final Instant YEAR = Instant.parse("2026-01-01T00:00:00Z");
    /** Zoom 8 of the page: cells of 32 pixels, level 11, about 19.6 km at the equator. */
    private static final int ZOOM = 8;

    private static final int LEVEL = ZOOM + 3;
    private static final double WEST = 102;
    private static final double SOUTH = 8;
    private static final double SPAN = 15;
    private static final String PEER_SQL = "SELECT count(*) FROM (SELECT ST_SnapToGrid(ST_Transform(geom, 3857), ?)"
            + " AS cell, count(*) AS n, sum((props ->> 'severity')::int) AS s FROM generic_feature"
            + " WHERE layer_id = ? AND feature_time >= ? AND feature_time <= ?"
            + " AND geom && ST_MakeEnvelope(?, ?, ?, ?, 4326) GROUP BY 1) cells";

    private HeatBench() {}

    public static void main(String[] args) throws Exception {
        BenchSettings settings = BenchSettings.fromEnvironment(System.getenv());
        int points = Integer.parseInt(System.getenv().getOrDefault("IOCMAP_BENCH_HEAT_POINTS", "10000000"));
        int rounds = Integer.parseInt(System.getenv().getOrDefault("IOCMAP_BENCH_HEAT_QUERIES", "40"));
        long started = System.nanoTime();
        OUT.println("bench: " + QueryBench.machine());
        PostgisLoader database = new PostgisLoader(settings, new BenchDataset(settings.seed(), 0, 0));
        database.createSchema();
        Path dataDir = Files.createTempDirectory("iocmap-bench-heat-");
        try (Application app = Application.start(ServiceConfig.fromEnvironment(Map.of(
                "IOCMAP_HTTP_HOST", "127.0.0.1",
                "IOCMAP_HTTP_PORT", "0",
                "IOCMAP_DATA_DIR", dataDir.toString(),
                "IOCMAP_DB_URL", settings.schemaUrl(),
                "IOCMAP_DB_USER", settings.dbUser(),
                "IOCMAP_DB_PASSWORD", settings.dbPassword())))) {
            if (app.catalog().find(LAYER).isEmpty()) {
                app.catalog()
                        .createGenericLayer(
                                LAYER,
                                Title.of("Sự kiện (đo hiệu năng)", "Events (benchmark)"),
                                "Point",
                                true,
                                Set.of(),
                                List.of(Map.of(
                                        "name", "severity", "type", "integer", "vi", "Mức độ", "en", "Severity")),
                                999);
            }
            try (Connection c = database.connect(settings.schemaUrl())) {
                load(c, points, settings.seed());
            }
            String base = "/api/heatmap?layer=" + LAYER + "&bbox=" + WEST + "," + SOUTH + "," + (WEST + SPAN) + ","
                    + (SOUTH + SPAN) + "&zoom=" + ZOOM + "&weight=severity";
            long loadStarted = System.nanoTime();
            // The first question loads the layer into memory and reads the weights once: minutes for ten million.
            try (HttpConnection h = new HttpConnection(app.port(), 600_000)) {
                h.get(base);
                OUT.printf(
                        Locale.ROOT,
                        "bench: %s loaded into memory and first heat map in %.1f s%n",
                        LAYER,
                        (System.nanoTime() - loadStarted) / 1e9);
                Random r = new Random(settings.seed() + 3);
                Instant[][] windows = new Instant[rounds][];
                for (int i = 0; i < rounds; i++) {
                    int days = 1 + r.nextInt(30);
                    Instant from = YEAR.plusSeconds(r.nextLong(0, (365L - days) * 86_400));
                    windows[i] = new Instant[] {from, from.plusSeconds(days * 86_400L)};
                }
                for (int i = 0; i < 5; i++) { // warm-up
                    h.get(base + "&from=" + windows[i][0] + "&to=" + windows[i][1]);
                }
                double[] ours = new double[rounds];
                long cells = 0;
                for (int i = 0; i < rounds; i++) {
                    long t0 = System.nanoTime();
                    byte[] answer = h.get(base + "&from=" + windows[i][0] + "&to=" + windows[i][1]);
                    ours[i] = (System.nanoTime() - t0) / 1e6;
                    cells += count(answer, "\"Feature\"");
                }
                // The same windows in H3 hexagons: the first question computes every point's resolution-15 cell.
                long h3Started = System.nanoTime();
                h.get(base + "&grid=h3&from=" + windows[0][0] + "&to=" + windows[0][1]);
                OUT.printf(
                        Locale.ROOT,
                        "bench: H3 cells of %d points computed and first hexagon heat map in %.1f s%n",
                        points,
                        (System.nanoTime() - h3Started) / 1e9);
                for (int i = 0; i < 5; i++) { // warm-up
                    h.get(base + "&grid=h3&from=" + windows[i][0] + "&to=" + windows[i][1]);
                }
                double[] hexagons = new double[rounds];
                long hexagonCells = 0;
                for (int i = 0; i < rounds; i++) {
                    long t0 = System.nanoTime();
                    byte[] answer = h.get(base + "&grid=h3&from=" + windows[i][0] + "&to=" + windows[i][1]);
                    hexagons[i] = (System.nanoTime() - t0) / 1e6;
                    hexagonCells += count(answer, "\"Feature\"");
                }
                OUT.printf(Locale.ROOT, "check: %.0f hexagons per answer%n", (double) hexagonCells / rounds);
                double[] peer = new double[rounds];
                long peerCells = 0;
                double cell = 2 * Math.PI * 6378137.0 / (1L << LEVEL);
                try (Connection c = database.connect(settings.schemaUrl());
                        PreparedStatement ps = c.prepareStatement(PEER_SQL)) {
                    for (int i = 0; i < rounds; i++) {
                        ps.setDouble(1, cell);
                        ps.setString(2, LAYER);
                        ps.setObject(3, OffsetDateTime.ofInstant(windows[i][0], ZoneOffset.UTC));
                        ps.setObject(4, OffsetDateTime.ofInstant(windows[i][1], ZoneOffset.UTC));
                        ps.setDouble(5, WEST);
                        ps.setDouble(6, SOUTH);
                        ps.setDouble(7, WEST + SPAN);
                        ps.setDouble(8, SOUTH + SPAN);
                        long t0 = System.nanoTime();
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            peerCells += rs.getLong(1);
                        }
                        peer[i] = (System.nanoTime() - t0) / 1e6;
                    }
                }
                OUT.printf(
                        Locale.ROOT,
                        "check: %d windows of 1-30 days at level %d: %.0f cells per answer from the service, %.0f from"
                                + " PostGIS (its grid is Web Mercator metres from the origin, ours the tile grid)%n",
                        rounds,
                        LEVEL,
                        (double) cells / rounds,
                        (double) peerCells / rounds);
                BenchReport report = new BenchReport(OUT);
                report.compare("heat_p50", "ms", percentile(ours, 0.5), "postgis_snaptogrid", percentile(peer, 0.5));
                report.compare("heat_p99", "ms", percentile(ours, 0.99), "postgis_snaptogrid", percentile(peer, 0.99));
                report.compare(
                        "heat_h3_p50", "ms", percentile(hexagons, 0.5), "postgis_snaptogrid", percentile(peer, 0.5));
                report.compare(
                        "heat_h3_p99", "ms", percentile(hexagons, 0.99), "postgis_snaptogrid", percentile(peer, 0.99));
                report.target(
                        "heat_max_ms", 300, false, Arrays.stream(ours).max().orElseThrow(), "ms");
                report.target(
                        "heat_h3_max_ms",
                        300,
                        false,
                        Arrays.stream(hexagons).max().orElseThrow(),
                        "ms");
                report.target("heat_speedup_vs_postgis", 10, true, percentile(peer, 0.5) / percentile(ours, 0.5), "x");
                report.printTargets();
            }
        } finally {
            QueryBench.deleteTree(dataDir);
        }
        OUT.printf(Locale.ROOT, "bench: finished in %.0f s%n", (System.nanoTime() - started) / 1e9);
        System.exit(0);
    }

    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static int count(byte[] body, String what) {
        String text = new String(body, StandardCharsets.UTF_8);
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    /** Loads the events unless the layer already holds exactly {@code points} of them. */
    private static void load(Connection c, int points, long seed) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM generic_feature WHERE layer_id = ?")) {
            ps.setString(1, LAYER);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getLong(1) == points) {
                    OUT.println("bench: " + LAYER + ": reused " + points + " events");
                    return;
                }
            }
        }
        long t0 = System.nanoTime();
        try (Statement s = c.createStatement()) {
            s.execute("DELETE FROM generic_feature WHERE layer_id = '" + LAYER + "'");
        }
        Random r = new Random(seed + 11);
        double[][] hot = new double[20][];
        for (int i = 0; i < hot.length; i++) {
            hot[i] = new double[] {WEST + r.nextDouble() * SPAN, SOUTH + r.nextDouble() * SPAN};
        }
        WKBWriter wkb = new WKBWriter(2, org.locationtech.jts.io.ByteOrderValues.LITTLE_ENDIAN, true);
        PGConnection pg = c.unwrap(PGConnection.class);
        try (Writer out = new BufferedWriter(
                new OutputStreamWriter(
                        new PGCopyOutputStream(
                                pg,
                                "COPY generic_feature (id, layer_id, props, feature_time, geom) FROM STDIN"
                                        + " WITH (FORMAT text)",
                                1 << 20),
                        StandardCharsets.UTF_8),
                1 << 20)) {
            StringBuilder line = new StringBuilder(160);
            for (int i = 0; i < points; i++) {
                double lon;
                double lat;
                if (r.nextInt(10) < 3) { // three in ten around a hot spot
                    double[] h = hot[r.nextInt(hot.length)];
                    lon = Math.max(WEST, Math.min(WEST + SPAN, h[0] + r.nextGaussian() * 0.2));
                    lat = Math.max(SOUTH, Math.min(SOUTH + SPAN, h[1] + r.nextGaussian() * 0.2));
                } else {
                    lon = WEST + r.nextDouble() * SPAN;
                    lat = SOUTH + r.nextDouble() * SPAN;
                }
                Instant at = YEAR.plusSeconds(r.nextLong(0, 365L * 86_400));
                var point = BenchDataset.WGS84.createPoint(new Coordinate(lon, lat));
                point.setSRID(4326);
                line.setLength(0);
                line.append(ID_BASE + i)
                        .append('\t')
                        .append(LAYER)
                        .append("\t{\"severity\": ")
                        .append(1 + r.nextInt(5))
                        .append("}\t")
                        .append(at)
                        .append('\t')
                        .append(WKBWriter.toHex(wkb.write(point)))
                        .append('\n');
                out.append(line);
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("ANALYZE generic_feature");
        }
        OUT.printf(
                Locale.ROOT, "bench: %s: loaded %d events in %.0f s%n", LAYER, points, (System.nanoTime() - t0) / 1e9);
    }
}
