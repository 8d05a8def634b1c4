package org.iocmap.service.bench;

import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Asks the first questions of each workload of the service, PostGIS and Redis and compares the answers, so the
 * comparison is known to be between the same work: equal {@code numberMatched} for boxes and areas, the overlap of
 * the nearest-ten id sets.
 */
final class AnswerCheck {
    private static final int SAMPLE = 50;

    private final ServiceClient service;
    private final PostgisPeer postgis;
    private final RedisPeer redis;
    private final BenchQueries queries;
    private final PrintStream out;

    AnswerCheck(ServiceClient service, PostgisPeer postgis, RedisPeer redis, BenchQueries queries, PrintStream out) {
        this.service = service;
        this.postgis = postgis;
        this.redis = redis;
        this.queries = queries;
        this.out = out;
    }

    /** Runs the checks on {@code c} (a connection to the benchmark schema) and prints one line per finding. */
    void run(Connection c) throws Exception {
        try (RespClient resp = redis.connect()) {
            checkBoxes(c, resp);
            checkNearest(c, resp);
            checkAreas(c);
        }
    }

    private void checkBoxes(Connection c, RespClient resp) throws Exception {
        int agree = 0;
        int fullPages = 0;
        long matchedSum = 0;
        long redisSum = 0;
        for (int i = 0; i < SAMPLE; i++) {
            int slot = i;
            BenchQueries.Box box = queries.boxes[i];
            long matched =
                    new JsonObject(new String(service.boxItems(box), StandardCharsets.UTF_8)).getLong("numberMatched");
            long sqlCount = count(
                    c,
                    "SELECT COUNT(*) FROM generic_feature WHERE layer_id = ? AND geom && ST_MakeEnvelope(?, ?, ?, ?,"
                            + " 4326)",
                    ps -> postgis.bindBox(ps, slot));
            if (matched == sqlCount) {
                agree++;
            } else {
                out.printf(
                        Locale.ROOT,
                        "check: bbox    box %s: the service matched %d, SQL && counted %d (&& compares the index's"
                                + " float4 boxes, so it also takes points a few metres outside; the service rechecks)%n",
                        box.param(),
                        matched,
                        sqlCount);
            }
            matchedSum += matched;
            fullPages += matched >= BenchQueries.BOX_LIMIT ? 1 : 0;
            redisSum += redis.searchBox(resp, box).size();
        }
        out.printf(
                Locale.ROOT,
                "check: bbox    %d/%d numberMatched equal to the SQL count; mean matched %.0f, mean returned by Redis"
                        + " (COUNT %d) %.0f%n",
                agree,
                SAMPLE,
                (double) matchedSum / SAMPLE,
                BenchQueries.BOX_LIMIT,
                (double) redisSum / SAMPLE);
        out.printf(
                Locale.ROOT,
                "check: bbox    %d/%d boxes fill the page of %d; the points layer is answered from memory, so"
                        + " numberMatched costs no COUNT%n",
                fullPages,
                SAMPLE,
                BenchQueries.BOX_LIMIT);
    }

    private void checkNearest(Connection c, RespClient resp) throws Exception {
        double sqlOverlap = 0;
        double redisOverlap = 0;
        for (int i = 0; i < SAMPLE; i++) {
            int slot = i;
            Set<Long> ours = new HashSet<>();
            new JsonObject(new String(service.post("/api/query", queries.nearestBodies[i]), StandardCharsets.UTF_8))
                    .getJsonArray("results")
                    .getJsonObject(0)
                    .getJsonObject("features")
                    .getJsonArray("features")
                    .forEach(f -> ours.add(((JsonObject) f).getLong("id")));
            Set<Long> sqlIds = ids(c, PostgisPeer.KNN_SQL, ps -> postgis.bindNearest(ps, slot));
            Set<Long> redisIds = new HashSet<>();
            for (Object hit : redis.searchNearest(resp, queries.nearestTo[i])) {
                redisIds.add(Long.parseLong((String) ((List<?>) hit).get(0)));
            }
            sqlOverlap += overlap(ours, sqlIds);
            redisOverlap += overlap(ours, redisIds);
        }
        out.printf(
                Locale.ROOT,
                "check: knn     the service's 10 nearest share %.1f%% of ids with the SQL peer (planar <-> order)"
                        + " and %.1f%% with Redis (52-bit geohash positions)%n",
                100 * sqlOverlap / SAMPLE,
                100 * redisOverlap / SAMPLE);
    }

    private void checkAreas(Connection c) throws Exception {
        int agree = 0;
        long matchedSum = 0;
        for (int i = 0; i < SAMPLE; i++) {
            int slot = i;
            long matched = new JsonObject(
                            new String(service.post("/api/query", queries.areaBodies[i]), StandardCharsets.UTF_8))
                    .getJsonArray("results")
                    .getJsonObject(0)
                    .getLong("numberMatched");
            long sqlCount = count(
                    c,
                    "SELECT COUNT(*) FROM generic_feature WHERE layer_id = ? AND ST_Intersects(geom,"
                            + " ST_GeomFromWKB(?, 4326))",
                    ps -> postgis.bindArea(ps, slot));
            agree += matched == sqlCount ? 1 : 0;
            matchedSum += matched;
        }
        out.printf(
                Locale.ROOT,
                "check: polygon %d/%d numberMatched equal to the SQL count; mean matched %.1f%n",
                agree,
                SAMPLE,
                (double) matchedSum / SAMPLE);
    }

    private interface Bind {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private static long count(Connection c, String sql, Bind bind) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Set<Long> ids(Connection c, String sql, Bind bind) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind.bind(ps);
            Set<Long> ids = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        }
    }

    private static double overlap(Set<Long> a, Set<Long> b) {
        Set<Long> shared = new HashSet<>(a);
        shared.retainAll(b);
        return a.isEmpty() ? 0 : (double) shared.size() / a.size();
    }
}
