package org.iocmap.service.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.iocmap.layers.ais.AisEncoder;
import org.iocmap.service.Application;
import org.iocmap.service.config.ServiceConfig;
import org.iocmap.service.geofence.Geofence;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * Measures, through the running service on PostGIS, the time from sending an AIS position over the TCP listener to
 * the alert it raises arriving on {@code /api/stream?layer=vessel_alerts} (WebSocket): background traffic of the
 * configured vessels at the configured rate, and vessels scheduled to sail into a fence, each of whose crossing
 * position is timed.
 */
final class AisLatency {
    private static final PrintStream OUT = System.out;
    private static final String ADMIN_PASSWORD = "bench-admin-password";
    private static final int CROSSER_MMSI = 575_000_000;
    private static final long TICK_NANOS = 10_000_000;
    /** Metres a crosser sails between reports: 10 s at about 9.7 knots. */
    private static final double STEP_METRES = 50;

    private AisLatency() {}

    /** A vessel that reports twice outside a fence and then inside it: the third report raises the alert. */
    private record Crosser(int mmsi, String fenceId, double[] lon, double[] lat, int startSecond) {}

    /**
     * Runs one latency measurement on a service started afresh: {@code rate} positions a second from {@code vessels}
     * vessels, plus the crossers. Prints {@code BENCH <name>_p50} and {@code _p99}; a target when {@code target}.
     */
    static void run(
            AisBench.Settings settings,
            BenchSettings db,
            BenchReport report,
            int rate,
            int vessels,
            String name,
            boolean target)
            throws Exception {
        OUT.printf(Locale.ROOT, "latency: %s: %d positions a second from %d vessels%n", name, rate, vessels);
        List<Geofence> fences = AisTraffic.fences(settings.latencyFences(), settings.seed() + 11);
        List<Crosser> crossers = crossers(fences, settings);
        java.nio.file.Path dataDir = Files.createTempDirectory("iocmap-bench-ais-");
        long t0 = System.nanoTime();
        Application app = Application.start(ServiceConfig.fromEnvironment(Map.of(
                "IOCMAP_HTTP_HOST",
                "127.0.0.1",
                "IOCMAP_HTTP_PORT",
                "0",
                "IOCMAP_DATA_DIR",
                dataDir.toString(),
                "IOCMAP_DB_URL",
                db.schemaUrl(),
                "IOCMAP_DB_USER",
                db.dbUser(),
                "IOCMAP_DB_PASSWORD",
                db.dbPassword(),
                "IOCMAP_ADMIN_PASSWORD",
                ADMIN_PASSWORD,
                "IOCMAP_AIS_TCP_PORT",
                "0")));
        try {
            String base = "http://127.0.0.1:" + app.port();
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .executor(Executors.newVirtualThreadPerTaskExecutor())
                    .build();
            String token = new JsonObject(post(
                            http,
                            base + "/api/auth/token",
                            null,
                            new JsonObject().put("username", "admin").put("password", ADMIN_PASSWORD)))
                    .getString("token");
            OUT.printf(
                    Locale.ROOT,
                    "latency: service started on PostGIS schema %s in %.1f s; AIS TCP port %d%n",
                    db.schema(),
                    (System.nanoTime() - t0) / 1e9,
                    app.aisTcpPort());
            createFences(http, base, token, fences);

            Listener listener = new Listener(crossers.size());
            WebSocket socket = http.newWebSocketBuilder()
                    .buildAsync(URI.create(base.replaceFirst("^http", "ws") + "/api/stream"), listener)
                    .get(10, TimeUnit.SECONDS);
            socket.sendText(
                            new JsonObject()
                                    .put("type", "subscribe")
                                    .put("token", token)
                                    .put("layer", "vessel_alerts")
                                    .encode(),
                            true)
                    .get(10, TimeUnit.SECONDS);
            listener.ready.get(15, TimeUnit.SECONDS);

            long[] triggerSentNanos = new long[crossers.size()];
            long[] triggerSentMillis = new long[crossers.size()];
            Arrays.fill(triggerSentNanos, -1);
            listener.triggerSentNanos = triggerSentNanos;
            listener.triggerSentMillis = triggerSentMillis;
            long sent = send(settings, rate, vessels, app.aisTcpPort(), crossers, triggerSentNanos, triggerSentMillis);
            int triggered =
                    (int) Arrays.stream(triggerSentNanos).filter(n -> n >= 0).count();
            long waitUntil = System.nanoTime() + 15_000_000_000L;
            while (listener.matched.get() < triggered && System.nanoTime() < waitUntil) {
                Thread.sleep(100);
            }
            socket.abort();
            String stats = get(http, base + "/api/ingest/stats", token);
            JsonObject tcp = new JsonObject(stats).getJsonObject("sources").getJsonObject("tcp");
            OUT.printf(
                    Locale.ROOT,
                    "latency: sent %d lines; the TCP listener stored %d (%d rejected); the monitor raised %d alerts%n",
                    sent,
                    tcp.getLong("stored"),
                    tcp.getLong("rejected", 0L),
                    app.geofences().monitor().alertsRaised());
            double[] total = listener.values(listener.total);
            double[] raise = listener.values(listener.toRaised);
            double[] stream = listener.values(listener.toStream);
            OUT.printf(
                    Locale.ROOT,
                    "latency: %d crossings sent, %d of their ENTER alerts arrived on the stream (%d missing), %d other"
                            + " alerts arrived (vessels entering fences on their own, mostly at their first report)%n",
                    triggered,
                    total.length,
                    triggered - total.length,
                    listener.others.get());
            OUT.printf(
                    Locale.ROOT,
                    "latency: send -> alert on the stream   p50 %.1f ms  p99 %.1f ms  max %.1f ms%n",
                    pct(total, 50),
                    pct(total, 99),
                    pct(total, 100));
            OUT.printf(
                    Locale.ROOT,
                    "latency: send -> alert raised (raised_at, wall clock, ms precision)   p50 %.1f ms  p99 %.1f ms%n",
                    pct(raise, 50),
                    pct(raise, 99));
            OUT.printf(
                    Locale.ROOT,
                    "latency: alert raised -> on the stream   p50 %.1f ms  p99 %.1f ms%n",
                    pct(stream, 50),
                    pct(stream, 99));
            double p50 = pct(total, 50);
            double p99 = total.length == 0 ? Double.POSITIVE_INFINITY : pct(total, 99);
            if (triggered > total.length) {
                p99 = Double.POSITIVE_INFINITY; // an alert that never came is later than any
                OUT.println("latency: some alerts never arrived; p99 counts as infinite");
            }
            report.compare(name + "_p50", "ms", p50, "target", 100);
            report.compare(name + "_p99", "ms", p99, "target", 100);
            if (target) {
                report.target(name + "_p99", 100, false, p99, "ms");
            }
            http.close();
        } finally {
            try {
                app.close();
            } catch (RuntimeException e) {
                // A service whose store fell behind may not save its state in time; the report is complete anyway.
                OUT.println("latency: the service did not close cleanly: " + e.getMessage());
            }
        }
    }

    private static double pct(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** Creates the fences through {@code POST /api/geofences}, four at a time: areas report ENTER, lines CROSS. */
    private static void createFences(HttpClient http, String base, String token, List<Geofence> fences)
            throws Exception {
        long t0 = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = next.getAndIncrement(); i < fences.size(); i = next.getAndIncrement()) {
                    Geofence f = fences.get(i);
                    Geometry g = f.latest().geometry();
                    JsonObject body = new JsonObject()
                            .put("id", f.id())
                            .put("name", f.latest().name())
                            .put("kind", f.latest().kind().name())
                            .put("geometry", geoJson(g))
                            .put("effectiveFrom", "2020-01-01T00:00:00Z")
                            .put(
                                    "rules",
                                    new JsonObject()
                                            .put(
                                                    "events",
                                                    new JsonArray()
                                                            .add(f.latest().isArea() ? "ENTER" : "CROSS")));
                    try {
                        post(http, base + "/api/geofences", token, body);
                    } catch (Exception e) {
                        errors.add(f.id() + ": " + e.getMessage());
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException("cannot create fences: " + errors.peek());
        }
        OUT.printf(
                Locale.ROOT,
                "latency: %d fences created through POST /api/geofences in %.1f s%n",
                fences.size(),
                (System.nanoTime() - t0) / 1e9);
    }

    private static JsonObject geoJson(Geometry g) {
        JsonArray coordinates = new JsonArray();
        for (Coordinate c : g.getCoordinates()) {
            coordinates.add(new JsonArray().add(c.x).add(c.y));
        }
        return g instanceof org.locationtech.jts.geom.Polygon
                ? new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(coordinates))
                : new JsonObject().put("type", "LineString").put("coordinates", coordinates);
    }

    /**
     * Places the crossers: each on a ray from a polygon fence's centre at a random bearing, sailing inwards, with
     * reports 75 m and 25 m outside the boundary and then 25 m inside (checked with JTS on the coordinates as sent);
     * they start at random seconds after the warm-up, so that the crossings spread over the measured window.
     */
    private static List<Crosser> crossers(List<Geofence> fences, AisBench.Settings settings) {
        SplittableRandom r = new SplittableRandom(settings.seed() + 12);
        List<Geofence> areas = fences.stream().filter(f -> f.latest().isArea()).toList();
        List<Crosser> list = new ArrayList<>();
        int firstStart = settings.warmupSeconds();
        int lastStart = settings.seconds() - 22;
        if (lastStart <= firstStart) {
            throw new IllegalArgumentException("IOCMAP_BENCH_AIS_SECONDS must exceed the warm-up by at least 23 s");
        }
        for (int k = 0; list.size() < settings.crossers() && k < settings.crossers() * 2; k++) {
            Geometry area = areas.get(k % areas.size()).latest().geometry();
            PreparedGeometry prepared = PreparedGeometryFactory.prepare(area);
            Point centre = area.getCentroid();
            double bearing = r.nextDouble(2 * Math.PI);
            double cosLat = Math.cos(Math.toRadians(centre.getY()));
            double lo = 0;
            double hi = 20_000;
            for (int i = 0; i < 40; i++) {
                double mid = (lo + hi) / 2;
                if (prepared.covers(at(centre, bearing, mid, cosLat))) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            double[] lon = new double[3];
            double[] lat = new double[3];
            boolean ok = true;
            for (int j = 0; j < 3; j++) {
                double metres = lo + STEP_METRES * 1.5 - STEP_METRES * j;
                Point p = at(centre, bearing, metres, cosLat);
                lon[j] = AisTraffic.quantise(p.getX());
                lat[j] = AisTraffic.quantise(p.getY());
                boolean inside = prepared.covers(AisTraffic.WGS84.createPoint(new Coordinate(lon[j], lat[j])));
                ok &= inside == (j == 2);
            }
            if (ok) {
                list.add(new Crosser(
                        CROSSER_MMSI + list.size(),
                        areas.get(k % areas.size()).id(),
                        lon,
                        lat,
                        r.nextInt(firstStart, lastStart + 1)));
            }
        }
        return list;
    }

    private static Point at(Point centre, double bearing, double metres, double cosLat) {
        double dy = metres * Math.cos(bearing) / 111_320;
        double dx = metres * Math.sin(bearing) / 111_320 / cosLat;
        return AisTraffic.WGS84.createPoint(new Coordinate(centre.getX() + dx, centre.getY() + dy));
    }

    /**
     * Sends the background traffic (every vessel once per {@code vessels / rate} seconds) and the crossers' reports over
     * one TCP connection, in ticks of 10 ms, for the configured seconds. Returns the lines sent.
     */
    private static long send(
            AisBench.Settings settings,
            int rate,
            int vessels,
            int port,
            List<Crosser> crossers,
            long[] triggerSentNanos,
            long[] triggerSentMillis)
            throws Exception {
        AisTraffic.Fleet fleet = new AisTraffic.Fleet(vessels, AisTraffic.MMSI_BASE, settings.seed() + 13);
        double interval = (double) vessels / rate;
        // The crossers' reports by the tick they are due in: start, start + 10 s, start + 20 s.
        int ticks = (int) (settings.seconds() * 1_000_000_000L / TICK_NANOS);
        List<List<int[]>> due = new ArrayList<>(ticks);
        for (int i = 0; i < ticks; i++) {
            due.add(null);
        }
        for (int k = 0; k < crossers.size(); k++) {
            for (int j = 0; j < 3; j++) {
                int tick = (int) ((crossers.get(k).startSecond() + 10L * j) * 1_000_000_000L / TICK_NANOS);
                if (tick < ticks) {
                    if (due.get(tick) == null) {
                        due.set(tick, new ArrayList<>());
                    }
                    due.get(tick).add(new int[] {k, j});
                }
            }
        }
        long sent = 0;
        int vessel = 0;
        double perTick = rate * (TICK_NANOS / 1e9);
        double owed = 0;
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setTcpNoDelay(true);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            long start = System.nanoTime();
            long lastReport = start;
            StringBuilder text = new StringBuilder(1 << 16);
            for (int tick = 0; tick < ticks; tick++) {
                long wait = start + tick * TICK_NANOS - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                Instant now = Instant.now();
                text.setLength(0);
                owed += perTick;
                while (owed >= 1) {
                    owed--;
                    if (vessel == vessels) {
                        vessel = 0;
                    }
                    if (sent >= vessels) {
                        fleet.move(vessel, interval);
                    }
                    text.append(fleet.report(vessel, "vn-danang", now)).append('\n');
                    vessel++;
                    sent++;
                }
                List<int[]> crossing = due.get(tick);
                if (crossing != null) {
                    for (int[] kj : crossing) {
                        Crosser c = crossers.get(kj[0]);
                        text.append(AisEncoder.positionReport(
                                        "vn-nhatrang", now, c.mmsi(), c.lon()[kj[1]], c.lat()[kj[1]], 9.7, 0.0, 0))
                                .append('\n');
                        sent++;
                    }
                }
                out.write(text.toString().getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (crossing != null) {
                    long nanos = System.nanoTime();
                    long millis = System.currentTimeMillis();
                    for (int[] kj : crossing) {
                        if (kj[1] == 2) {
                            triggerSentNanos[kj[0]] = nanos;
                            triggerSentMillis[kj[0]] = millis;
                        }
                    }
                }
                if (System.nanoTime() - lastReport >= 10_000_000_000L) {
                    lastReport = System.nanoTime();
                    OUT.printf(
                            Locale.ROOT,
                            "latency: %.0f s sent %d lines (%.0f a second)%n",
                            (lastReport - start) / 1e9,
                            sent,
                            sent / ((lastReport - start) / 1e9));
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            OUT.printf(Locale.ROOT, "latency: sent %d lines in %.1f s, %.0f a second%n", sent, seconds, sent / seconds);
        }
        return sent;
    }

    private static String post(HttpClient http, String url, String token, JsonObject body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(
                    "POST " + url + " answered " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static String get(HttpClient http, String url, String token) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    /** Reads the stream: notes when each crosser's ENTER alert arrives. */
    private static final class Listener implements WebSocket.Listener {
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        final AtomicInteger matched = new AtomicInteger();
        final AtomicLong others = new AtomicLong();
        final ConcurrentLinkedQueue<Double> total = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Double> toRaised = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Double> toStream = new ConcurrentLinkedQueue<>();
        private final boolean[] seen;
        private final StringBuilder text = new StringBuilder();
        volatile long[] triggerSentNanos;
        volatile long[] triggerSentMillis;

        Listener(int crossers) {
            seen = new boolean[crossers];
        }

        double[] values(ConcurrentLinkedQueue<Double> queue) {
            return queue.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                long nanos = System.nanoTime();
                long millis = System.currentTimeMillis();
                JsonObject message = new JsonObject(text.toString());
                text.setLength(0);
                String event = message.getString("event");
                if ("ready".equals(event)) {
                    ready.complete(null);
                } else if ("added".equals(event)) {
                    arrived(message.getJsonObject("feature"), nanos, millis);
                }
            }
            webSocket.request(1);
            return null;
        }

        private void arrived(JsonObject feature, long nanos, long millis) {
            JsonObject p = feature == null ? null : feature.getJsonObject("properties");
            long[] sentNanos = triggerSentNanos;
            if (p == null || sentNanos == null) {
                others.incrementAndGet();
                return;
            }
            int k = (int) (Long.parseLong(String.valueOf(p.getValue("mmsi"))) - CROSSER_MMSI);
            if (k < 0 || k >= seen.length || !"ENTER".equals(p.getString("event")) || sentNanos[k] < 0 || seen[k]) {
                others.incrementAndGet();
                return;
            }
            seen[k] = true;
            total.add((nanos - sentNanos[k]) / 1e6);
            String raisedAt = p.getString("raised_at");
            if (raisedAt != null) {
                long raised = Instant.parse(raisedAt).toEpochMilli();
                toRaised.add((double) (raised - triggerSentMillis[k]));
                toStream.add((double) (millis - raised));
            }
            matched.incrementAndGet();
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            ready.completeExceptionally(error);
        }
    }
}
