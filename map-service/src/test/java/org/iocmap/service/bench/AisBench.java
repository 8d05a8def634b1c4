package org.iocmap.service.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.iocmap.layers.ais.AisDecoded;
import org.iocmap.layers.ais.AisDecoder;
import org.iocmap.layers.ais.AisResult;
import org.iocmap.layers.ais.PositionReport;
import org.iocmap.service.geofence.DarkSettings;
import org.iocmap.service.geofence.EventType;
import org.iocmap.service.geofence.FenceRules;
import org.iocmap.service.geofence.Geofence;
import org.iocmap.service.geofence.GeofenceCatalog;
import org.iocmap.service.geofence.GeofenceEngine;
import org.iocmap.service.geofence.PositionFix;
import org.iocmap.service.geofence.VesselClass;
import org.locationtech.jts.io.WKBWriter;

/**
 * Benchmarks the fisheries path: AIS decoding next to gpsd's {@code gpsdecode}, decode → geofence → state for 100,000
 * vessels and 10,000 fences on two threads next to PostGIS {@code ST_Covers}, and, through the running service, the
 * time from sending a position to the alert it raises arriving on {@code /api/stream}. Run it with {@code
 * map-service/bin/iocmap bench ais}; {@code docs/benchmarks.md} describes it.
 */
public final class AisBench {
    private static final PrintStream OUT = System.out;
    static final Set<String> PARTS = Set.of("decode", "pipeline", "latency");

    private AisBench() {}

    /**
     * Holds the settings, read from {@code IOCMAP_BENCH_AIS_*} environment variables (the database ones are the
     * query benchmark's).
     */
    record Settings(
            int sentences,
            int vessels,
            int fences,
            int rounds,
            int runs,
            int rate,
            int floorRate,
            int seconds,
            int warmupSeconds,
            int latencyFences,
            int crossers,
            long seed,
            Set<String> parts) {
        static Settings fromEnvironment(Map<String, String> env) {
            List<String> errors = new ArrayList<>();
            Set<String> parts = new java.util.LinkedHashSet<>();
            for (String p : env.getOrDefault("IOCMAP_BENCH_AIS_PARTS", "decode,pipeline,latency")
                    .split(",", -1)) {
                if (!PARTS.contains(p.trim())) {
                    errors.add("IOCMAP_BENCH_AIS_PARTS must list some of decode,pipeline,latency, was '" + p + "'");
                }
                parts.add(p.trim());
            }
            Settings s = new Settings(
                    integer(env, "IOCMAP_BENCH_AIS_SENTENCES", 1_000_000, 10_000, 50_000_000, errors),
                    integer(env, "IOCMAP_BENCH_AIS_VESSELS", 100_000, 100, 1_000_000, errors),
                    integer(env, "IOCMAP_BENCH_AIS_FENCES", 10_000, 10, 200_000, errors),
                    integer(env, "IOCMAP_BENCH_AIS_ROUNDS", 10, 2, 1_000, errors),
                    integer(env, "IOCMAP_BENCH_AIS_RUNS", 3, 1, 100, errors),
                    integer(env, "IOCMAP_BENCH_AIS_RATE", 10_000, 10, 1_000_000, errors),
                    integer(env, "IOCMAP_BENCH_AIS_FLOOR_RATE", 100, 1, 100_000, errors),
                    integer(env, "IOCMAP_BENCH_AIS_SECONDS", 40, 5, 3_600, errors),
                    integer(env, "IOCMAP_BENCH_AIS_WARMUP_SECONDS", 12, 0, 600, errors),
                    integer(env, "IOCMAP_BENCH_AIS_LATENCY_FENCES", 1_000, 1, 200_000, errors),
                    integer(env, "IOCMAP_BENCH_AIS_CROSSERS", 600, 1, 100_000, errors),
                    integer(env, "IOCMAP_BENCH_SEED", 20_240_601, 0, Integer.MAX_VALUE, errors),
                    parts);
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

    public static void main(String[] args) throws Exception {
        Map<String, String> env = new HashMap<>(System.getenv());
        // The benchmark owns its schema, bench_ais by default; the query benchmark's schema is left alone.
        env.put("IOCMAP_BENCH_DB_SCHEMA", env.getOrDefault("IOCMAP_BENCH_AIS_SCHEMA", "bench_ais"));
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
        BenchReport report = new BenchReport(OUT);
        boolean postgres =
                settings.parts().contains("pipeline") || settings.parts().contains("latency");
        if (postgres && !db.freshSchema(OUT)) {
            System.exit(2);
            return;
        }
        if (settings.parts().contains("decode")) {
            decoding(settings, report);
        }
        if (settings.parts().contains("pipeline")) {
            pipeline(settings, db, report);
        }
        if (settings.parts().contains("latency")) {
            // First the floor: the path at a rate the store keeps up with easily. Then the target rate, last,
            // because a service that cannot keep up may not close cleanly. Flyway migrates only an empty schema
            // (and the pipeline's peer table lives there), so each starts on a fresh one.
            db.freshSchema(OUT);
            AisLatency.run(
                    settings,
                    db,
                    report,
                    settings.floorRate(),
                    settings.floorRate() * 10,
                    "ingest_to_alert_at_" + settings.floorRate() + "_per_second",
                    false);
            db.freshSchema(OUT);
            AisLatency.run(settings, db, report, settings.rate(), settings.vessels(), "ingest_to_alert", true);
        }
        OUT.println();
        report.printTargets();
    }

    // ---- 1. Decoding ------------------------------------------------------------------------------------------

    private static void decoding(Settings settings, BenchReport report) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        List<String> lines = AisTraffic.mixedSentences(settings.sentences(), settings.seed());
        Path file = Files.createTempFile("iocmap-bench-ais-", ".nmea");
        file.toFile().deleteOnExit();
        Files.write(file, lines, StandardCharsets.US_ASCII);
        String[] array = lines.toArray(String[]::new);
        OUT.printf(
                Locale.ROOT,
                "decode: %d sentences (%.1f MB) generated in %.1f s to %s%n",
                array.length,
                Files.size(file) / 1e6,
                (System.nanoTime() - t0) / 1e9,
                file);
        Instant[] clock = new Instant[array.length / 1000 + 1];
        for (int i = 0; i < clock.length; i++) {
            clock[i] = AisTraffic.START.plusMillis(i * 100L);
        }
        // Ours, from lines in memory: the decoder's own cost.
        double[] memory = new double[6];
        long decoded = 0;
        for (int run = 0; run < memory.length; run++) {
            AisDecoder decoder = new AisDecoder();
            long positions = 0;
            long start = System.nanoTime();
            for (int i = 0; i < array.length; i++) {
                for (AisResult result : decoder.feed(array[i], clock[i / 1000])) {
                    if (result instanceof AisDecoded d && d.message() instanceof PositionReport) {
                        positions++;
                    }
                }
            }
            long nanos = System.nanoTime() - start;
            memory[run] = array.length / (nanos / 1e9);
            decoded = decoder.decodedCount();
            OUT.printf(
                    Locale.ROOT,
                    "decode: %s %d in memory: %.0f ms, %.0f sentences/s, %d messages, %d positions, rejects %s%n",
                    run < 2 ? "warm-up" : "run",
                    run,
                    nanos / 1e6,
                    memory[run],
                    decoder.decodedCount(),
                    positions,
                    decoder.rejectCounts());
        }
        // Ours, reading the same file as gpsdecode does (from the page cache), line by line.
        double[] fromFile = new double[3];
        for (int run = 0; run < fromFile.length; run++) {
            AisDecoder decoder = new AisDecoder();
            long start = System.nanoTime();
            long count = 0;
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
                String line;
                while ((line = reader.readLine()) != null) {
                    decoder.feed(line, clock[(int) (count++ / 1000)]);
                }
            }
            fromFile[run] = count / ((System.nanoTime() - start) / 1e9);
            OUT.printf(Locale.ROOT, "decode: run %d from the file: %.0f sentences/s%n", run, fromFile[run]);
        }
        double[] json = gpsdecode(file, "-u", array.length, decoded);
        double[] csv = gpsdecode(file, "-c", array.length, decoded);
        double oursMemory = median(Arrays.copyOfRange(memory, 2, memory.length));
        double oursFile = median(fromFile);
        report.compare("ais_decode_per_second", "sentences/s", oursMemory, "gpsdecode_json", median(json));
        report.compare("ais_decode_per_second", "sentences/s", oursMemory, "gpsdecode_csv", median(csv));
        report.compare("ais_decode_from_file_per_second", "sentences/s", oursFile, "gpsdecode_json", median(json));
        report.target("ais_decode_per_second", 1_500_000, true, oursMemory, "sentences/s");
    }

    /**
     * Runs {@code gpsdecode <flag> < file > /dev/null} three times after one warm-up and returns the rates in
     * sentences per second of wall time (process start included: a few milliseconds).
     */
    private static double[] gpsdecode(Path file, String flag, int sentences, long ourMessages)
            throws IOException, InterruptedException {
        double[] rates = new double[3];
        for (int run = -1; run < rates.length; run++) {
            ProcessBuilder pb = new ProcessBuilder("gpsdecode", flag)
                    .redirectInput(file.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectOutput(run < 0 ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.DISCARD);
            long start = System.nanoTime();
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                OUT.println("decode: gpsdecode is not on the PATH (apt-get install gpsd-clients): " + e.getMessage());
                return new double[] {Double.NaN};
            }
            long outputLines = 0;
            if (run < 0) { // the warm-up counts what gpsdecode printed, to check it decoded what we did
                try (BufferedReader r = p.inputReader(StandardCharsets.US_ASCII)) {
                    while (r.readLine() != null) {
                        outputLines++;
                    }
                }
            }
            int exit = p.waitFor();
            long nanos = System.nanoTime() - start;
            if (run < 0) {
                OUT.printf(
                        Locale.ROOT,
                        "check: gpsdecode %s printed %d messages for %d sentences (ours: %d messages), exit %d%n",
                        flag,
                        outputLines,
                        sentences,
                        ourMessages,
                        exit);
            } else {
                rates[run] = sentences / (nanos / 1e9);
                OUT.printf(
                        Locale.ROOT,
                        "decode: gpsdecode %s < file > /dev/null run %d: %.0f ms, %.0f sentences/s%n",
                        flag,
                        run,
                        nanos / 1e6,
                        rates[run]);
            }
        }
        return rates;
    }

    // ---- 2. Pipeline ------------------------------------------------------------------------------------------

    /** The input of one pipeline thread: its vessels' sentences in time order and where each round starts. */
    private record Partition(String[] lines, int[] roundStart, Instant[] roundEnd) {}

    private static void pipeline(Settings settings, BenchSettings db, BenchReport report) throws Exception {
        long t0 = System.nanoTime();
        List<Geofence> fences = AisTraffic.fences(settings.fences(), settings.seed() + 1);
        int threads = 2;
        List<List<String>> byThread = new ArrayList<>();
        List<List<Integer>> starts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            byThread.add(new ArrayList<>());
            starts.add(new ArrayList<>());
        }
        int vessels = settings.vessels();
        AisTraffic.Fleet fleet = new AisTraffic.Fleet(vessels, AisTraffic.MMSI_BASE, settings.seed() + 2);
        int[] offset = new int[vessels];
        java.util.SplittableRandom r = new java.util.SplittableRandom(settings.seed() + 3);
        for (int v = 0; v < vessels; v++) {
            offset[v] = r.nextInt(60);
        }
        // The peer's input: the same positions, as the decoder gives them (1/10,000 minute).
        int total = vessels * settings.rounds();
        int[] peerMmsi = new int[total];
        double[] peerLon = new double[total];
        double[] peerLat = new double[total];
        int n = 0;
        Instant[] roundEnd = new Instant[settings.rounds()];
        for (int round = 0; round < settings.rounds(); round++) {
            for (int t = 0; t < threads; t++) {
                starts.get(t).add(byThread.get(t).size());
            }
            for (int v = 0; v < vessels; v++) {
                if (round > 0) {
                    fleet.move(v, 60);
                }
                Instant time = AisTraffic.START.plusSeconds(round * 60L + offset[v]);
                byThread.get(fleet.mmsi[v] % threads).add(fleet.report(v, "vn-danang", time));
                peerMmsi[n] = fleet.mmsi[v];
                peerLon[n] = AisTraffic.quantise(fleet.lon[v]);
                peerLat[n] = AisTraffic.quantise(fleet.lat[v]);
                n++;
            }
            roundEnd[round] = AisTraffic.START.plusSeconds((round + 1) * 60L);
        }
        Partition[] partitions = new Partition[threads];
        for (int t = 0; t < threads; t++) {
            partitions[t] = new Partition(
                    byThread.get(t).toArray(String[]::new),
                    starts.get(t).stream().mapToInt(Integer::intValue).toArray(),
                    roundEnd);
        }
        byThread.clear();
        long vertices = fences.stream()
                .mapToLong(f -> f.latest().geometry().getNumPoints())
                .sum();
        OUT.printf(
                Locale.ROOT,
                "pipeline: %d vessels x %d reports a minute apart = %d sentences, %d fences (%d lines), %.0f vertices"
                        + " a fence on average; generated in %.1f s%n",
                vessels,
                settings.rounds(),
                total,
                fences.size(),
                fences.stream().filter(f -> !f.latest().isArea()).count(),
                (double) vertices / fences.size(),
                (System.nanoTime() - t0) / 1e9);
        double ours = engineRuns(
                "every event (the API's default rules)",
                new GeofenceCatalog(fences),
                partitions,
                total,
                true,
                settings);
        List<Geofence> plain = AisTraffic.fences(
                settings.fences(),
                settings.seed() + 1,
                FenceRules.of(EventType.ENTER, EventType.EXIT),
                FenceRules.of(EventType.CROSS));
        double enterExit = engineRuns(
                "ENTER and EXIT on areas, CROSS on lines",
                new GeofenceCatalog(plain),
                partitions,
                total,
                false,
                settings);
        double batch = postgisPeer(db, fences, peerMmsi, peerLon, peerLat, true);
        double single = postgisPeer(db, fences, peerMmsi, peerLon, peerLat, false);
        report.compare("pipeline_positions_per_second", "positions/s", ours, "postgis_st_covers_batch", batch);
        report.compare("pipeline_positions_per_second", "positions/s", ours, "postgis_st_covers_per_position", single);
        report.compare(
                "pipeline_enter_exit_positions_per_second", "positions/s", enterExit, "postgis_st_covers_batch", batch);
        report.target("pipeline_positions_per_second", 100_000, true, ours, "positions/s");
        report.target("pipeline_enter_exit_positions_per_second", 100_000, true, enterExit, "positions/s");
    }

    /**
     * Runs decode → engine → state over every partition at once, one thread each, {@code runs} times (after one
     * warm-up when asked), and returns the median rate in positions per second.
     */
    private static double engineRuns(
            String label, GeofenceCatalog catalog, Partition[] partitions, int total, boolean warmUp, Settings settings)
            throws InterruptedException {
        int threads = partitions.length;
        int first = warmUp ? -1 : 0;
        double[] rates = new double[settings.runs()];
        for (int run = first; run < rates.length; run++) {
            AtomicLong events = new AtomicLong();
            AtomicLong fixes = new AtomicLong();
            Map<String, Long> byType = new java.util.concurrent.ConcurrentHashMap<>();
            Thread[] workers = new Thread[threads];
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                Partition part = partitions[t];
                workers[t] = Thread.ofPlatform()
                        .name("bench-pipeline-" + t)
                        .start(() -> runPartition(catalog, part, events, fixes, byType));
            }
            for (Thread w : workers) {
                w.join();
            }
            long nanos = System.nanoTime() - start;
            double rate = total / (nanos / 1e9);
            if (run >= 0) {
                rates[run] = rate;
            }
            OUT.printf(
                    Locale.ROOT,
                    "pipeline: %s, %s: %.0f ms, %.0f positions/s, %d fixes accepted, %d events %s; load %s%n",
                    label,
                    run < 0 ? "warm-up" : "run " + run,
                    nanos / 1e6,
                    rate,
                    fixes.get(),
                    events.get(),
                    new java.util.TreeMap<>(byType),
                    loadAverage());
        }
        return median(rates);
    }

    /** Returns the first field of /proc/loadavg: how busy the machine was over the last minute. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static void runPartition(
            GeofenceCatalog catalog, Partition part, AtomicLong events, AtomicLong fixes, Map<String, Long> byType) {
        AisDecoder decoder = new AisDecoder();
        GeofenceEngine engine = new GeofenceEngine(
                catalog, mmsi -> mmsi % 5 == 0 ? VesselClass.CARGO : VesselClass.FISHING, DarkSettings.defaults());
        long count = 0;
        Map<String, Long> types = new HashMap<>();
        String[] lines = part.lines();
        int[] starts = part.roundStart();
        for (int round = 0; round < starts.length; round++) {
            int end = round + 1 < starts.length ? starts[round + 1] : lines.length;
            Instant received = part.roundEnd()[round];
            for (int i = starts[round]; i < end; i++) {
                for (AisResult result : decoder.feed(lines[i], received)) {
                    if (result instanceof AisDecoded d && d.message() instanceof PositionReport report) {
                        var fix = PositionFix.fromAis(report, d.time());
                        if (fix.isPresent()) {
                            var found = engine.accept(fix.get());
                            count += found.size();
                            for (var e : found) {
                                types.merge(e.type().name(), 1L, Long::sum);
                            }
                        }
                    }
                }
            }
            // The clock moves on once a simulated minute, as the monitor's does: dark vessels are noticed here.
            count += engine.advanceTo(part.roundEnd()[round]).size();
        }
        events.addAndGet(count);
        fixes.addAndGet(engine.stats().accepted());
        types.forEach((k, v) -> byType.merge(k, v, Long::sum));
    }

    /**
     * The peer: the same fences in a PostGIS table with a GiST index, and for each position the fences that cover it
     * ({@code ST_Covers(fence, point)}), on two connections from two threads, vessels split by MMSI as in ours; a
     * change in a vessel's set of fences counts as an event, in Java. {@code batch}: 1,000 positions a query, joined
     * from arrays ({@code unnest}); otherwise one prepared query per position. Runs after a warm-up of 20 queries a
     * thread for at most 20 s, in positions per second.
     */
    private static double postgisPeer(
            BenchSettings db, List<Geofence> fences, int[] mmsi, double[] lon, double[] lat, boolean batch)
            throws Exception {
        try (Connection c = java.sql.DriverManager.getConnection(db.schemaUrl(), db.dbUser(), db.dbPassword())) {
            if (!hasTable(c)) {
                long t0 = System.nanoTime();
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE ais_fence (id integer PRIMARY KEY, fence_id text NOT NULL,"
                            + " geom geometry(Geometry, 4326) NOT NULL)");
                }
                c.setAutoCommit(false);
                WKBWriter wkb = new WKBWriter();
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO ais_fence (id, fence_id, geom) VALUES (?, ?, ST_GeomFromWKB(?, 4326))")) {
                    for (int i = 0; i < fences.size(); i++) {
                        ps.setInt(1, i);
                        ps.setString(2, fences.get(i).id());
                        ps.setBytes(3, wkb.write(fences.get(i).latest().geometry()));
                        ps.addBatch();
                        if (i % 1000 == 999) {
                            ps.executeBatch();
                        }
                    }
                    ps.executeBatch();
                }
                c.commit();
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE INDEX ais_fence_geom ON ais_fence USING gist (geom)");
                    s.execute("ANALYZE ais_fence");
                }
                OUT.printf(
                        Locale.ROOT,
                        "pipeline: peer table ais_fence loaded with %d fences and indexed in %.1f s%n",
                        fences.size(),
                        (System.nanoTime() - t0) / 1e9);
            }
        }
        int threads = 2;
        long deadline = System.nanoTime() + 20_000_000_000L;
        AtomicLong done = new AtomicLong();
        AtomicLong events = new AtomicLong();
        AtomicLong hits = new AtomicLong();
        long[] elapsed = new long[threads];
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int part = t;
            workers[t] = Thread.ofPlatform().name("bench-peer-" + t).start(() -> {
                try (Connection c =
                        java.sql.DriverManager.getConnection(db.schemaUrl(), db.dbUser(), db.dbPassword())) {
                    int[] mine = java.util.stream.IntStream.range(0, mmsi.length)
                            .filter(i -> mmsi[i] % threads == part)
                            .toArray();
                    Map<Integer, Set<Integer>> inside = new HashMap<>();
                    int size = batch ? 1_000 : 1;
                    int warmup = 20 * size;
                    long start = 0;
                    int measured = 0;
                    try (PreparedStatement ps = c.prepareStatement(
                            batch
                                    ? "SELECT p.i, f.id FROM unnest(?::int[], ?::float8[], ?::float8[]) AS p(i, lon, lat)"
                                            + " JOIN ais_fence f ON ST_Covers(f.geom,"
                                            + " ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326))"
                                    : "SELECT f.id FROM ais_fence f"
                                            + " WHERE ST_Covers(f.geom, ST_SetSRID(ST_MakePoint(?, ?), 4326))")) {
                        for (int from = 0; from < mine.length; from += size) {
                            if (from == warmup) {
                                start = System.nanoTime();
                            }
                            if (from > warmup && System.nanoTime() > deadline) {
                                break;
                            }
                            int to = Math.min(mine.length, from + size);
                            Map<Integer, Set<Integer>> now = new HashMap<>();
                            if (batch) {
                                Integer[] ids = new Integer[to - from];
                                Double[] xs = new Double[to - from];
                                Double[] ys = new Double[to - from];
                                for (int k = from; k < to; k++) {
                                    ids[k - from] = mine[k];
                                    xs[k - from] = lon[mine[k]];
                                    ys[k - from] = lat[mine[k]];
                                }
                                Array a = c.createArrayOf("int4", ids);
                                Array b = c.createArrayOf("float8", xs);
                                Array d = c.createArrayOf("float8", ys);
                                ps.setArray(1, a);
                                ps.setArray(2, b);
                                ps.setArray(3, d);
                                try (ResultSet rs = ps.executeQuery()) {
                                    while (rs.next()) {
                                        now.computeIfAbsent(rs.getInt(1), k -> new HashSet<>())
                                                .add(rs.getInt(2));
                                    }
                                }
                            } else {
                                ps.setDouble(1, lon[mine[from]]);
                                ps.setDouble(2, lat[mine[from]]);
                                try (ResultSet rs = ps.executeQuery()) {
                                    while (rs.next()) {
                                        now.computeIfAbsent(mine[from], k -> new HashSet<>())
                                                .add(rs.getInt(1));
                                    }
                                }
                            }
                            for (int k = from; k < to; k++) {
                                Set<Integer> after = now.getOrDefault(mine[k], Set.of());
                                if (from >= warmup) {
                                    hits.addAndGet(after.size());
                                }
                                Set<Integer> before = inside.put(mmsi[mine[k]], after);
                                if (before != null && !before.equals(after)) {
                                    events.incrementAndGet();
                                }
                            }
                            if (from >= warmup) {
                                measured += to - from;
                            }
                        }
                    }
                    elapsed[part] = System.nanoTime() - start;
                    done.addAndGet(measured);
                } catch (SQLException e) {
                    throw new IllegalStateException("the PostGIS peer failed", e);
                }
            });
        }
        for (Thread w : workers) {
            w.join();
        }
        double seconds = Math.max(elapsed[0], elapsed[1]) / 1e9;
        double rate = done.get() / seconds;
        OUT.printf(
                Locale.ROOT,
                "pipeline: peer PostGIS ST_Covers %s: %d positions in %.1f s on 2 connections, %.0f positions/s,"
                        + " %.2f fences a position, %d set changes%n",
                batch ? "1,000 positions a query (unnest join)" : "one query a position",
                done.get(),
                seconds,
                rate,
                (double) hits.get() / Math.max(1, done.get()),
                events.get());
        return rate;
    }

    private static boolean hasTable(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT to_regclass('ais_fence') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
