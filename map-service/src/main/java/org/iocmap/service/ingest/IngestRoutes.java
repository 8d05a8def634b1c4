package org.iocmap.service.ingest;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.iocmap.layers.ais.AisDecoded;
import org.iocmap.layers.ais.AisDecoder;
import org.iocmap.layers.ais.AisReject;
import org.iocmap.layers.ais.AisResult;
import org.iocmap.layers.kinds.VesselPositions;
import org.iocmap.service.auth.AuthHandler;
import org.iocmap.service.auth.Roles;
import org.iocmap.service.auth.Viewer;
import org.iocmap.service.http.Blocking;
import org.iocmap.service.http.ForbiddenException;

/**
 * Mounts {@code POST /api/ingest/ais}: a body of NMEA 0183 lines, one sentence a line, optionally with NMEA 4.10 tag
 * blocks. Every line is decoded ({@link AisDecoder}); the good ones are stored in one transaction before the answer
 * (positions, vessel state, static data), and the answer reports each bad line by number with its reason. A bad line
 * never stops the others. Multi-part messages must have all their parts in the same request. For the roles
 * {@code fisheries} and {@code admin}.
 *
 * <p>Also mounts {@code GET /api/ingest/stats}: what every source (this route, the TCP and UDP listeners, the feed
 * client; see {@link AisListeners}) took in since the start, for the same roles.
 */
public final class IngestRoutes {
    /** At most this many rejected lines are listed one by one; the counts cover all of them. */
    static final int LISTED_REJECTS = 100;

    private final VesselPositions vessels;
    private final Blocking blocking;
    private final IngestStats.Source stats;
    private final IngestStats allStats;
    private final Clock clock;

    private IngestRoutes(VesselPositions vessels, Blocking blocking, IngestStats stats, Clock clock) {
        this.vessels = vessels;
        this.blocking = blocking;
        this.stats = stats.source(IngestStats.HTTP);
        this.allStats = stats;
        this.clock = clock;
    }

    /** Mounts the routes on {@code router}; the AIS route counts into {@code stats}. */
    public static void mount(Router router, VesselPositions vessels, Blocking blocking, IngestStats stats) {
        IngestRoutes routes = new IngestRoutes(vessels, blocking, stats, Clock.systemUTC());
        router.post("/api/ingest/ais").handler(routes::ais);
        router.get("/api/ingest/stats").handler(routes::stats);
    }

    private static void requireFisheries(RoutingContext ctx, String what) {
        Viewer viewer = AuthHandler.requireSignedIn(ctx);
        if (!viewer.isAdmin() && !viewer.roles().contains(Roles.FISHERIES)) {
            throw new ForbiddenException("only the fisheries and admin roles may " + what + "; your roles are "
                    + viewer.roles().stream().sorted().toList());
        }
    }

    private void stats(RoutingContext ctx) {
        requireFisheries(ctx, "read the AIS ingest counts");
        ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(allStats.toJson().encode());
    }

    private void ais(RoutingContext ctx) {
        requireFisheries(ctx, "send AIS data");
        String body = ctx.body().asString();
        String[] lines = body == null ? new String[0] : body.split("\r?\n", -1);
        Instant now = clock.instant();
        AisDecoder decoder = new AisDecoder();
        List<AisDecoded> decoded = new ArrayList<>();
        List<JsonObject> rejected = new ArrayList<>();
        Map<String, Integer> reasons = new TreeMap<>();
        int sentences = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            sentences++;
            stats.line(now);
            for (AisResult result : decoder.feed(lines[i], now)) {
                collect(result, i + 1, decoded, rejected, reasons);
            }
        }
        // Parts still waiting have no more parts coming in this request.
        for (AisReject reject :
                decoder.expire(now.plus(AisDecoder.DEFAULT_FRAGMENT_TIMEOUT).plusSeconds(1))) {
            collect(reject, 0, decoded, rejected, reasons);
        }
        int lineCount = sentences;
        decoded.forEach(d -> stats.decoded());
        reasons.forEach((reason, n) -> {
            for (int i = 0; i < n; i++) {
                stats.rejected(reason);
            }
        });
        blocking.run(() -> vessels.store(decoded))
                .onFailure(e -> stats.storeFailed())
                .onSuccess(outcome -> {
                    stats.stored(decoded.size(), outcome.positions());
                    JsonObject answer = new JsonObject()
                            .put("lines", lineCount)
                            .put("messages", decoded.size())
                            .put("positions", outcome.positions())
                            .put("vesselsCreated", outcome.vesselsCreated())
                            .put("vesselsUpdated", outcome.vesselsUpdated())
                            .put("staticWithoutVessel", outcome.staticWithoutVessel())
                            .put("withoutPosition", outcome.withoutPosition())
                            .put("rejectedByReason", new JsonObject(new java.util.LinkedHashMap<>(reasons)))
                            .put("rejected", new JsonArray(rejected));
                    ctx.response()
                            .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                            .end(answer.encode());
                })
                .onFailure(ctx::fail);
    }

    private static void collect(
            AisResult result,
            int line,
            List<AisDecoded> decoded,
            List<JsonObject> rejected,
            Map<String, Integer> reasons) {
        switch (result) {
            case AisDecoded d -> decoded.add(d);
            case AisReject r -> {
                reasons.merge(r.reason().name(), 1, Integer::sum);
                if (rejected.size() < LISTED_REJECTS) {
                    JsonObject item =
                            new JsonObject().put("reason", r.reason().name()).put("detail", r.message());
                    if (line > 0) {
                        item.put("line", line);
                    }
                    rejected.add(item);
                }
            }
        }
    }
}
