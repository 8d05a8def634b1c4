package org.iocmap.service.readings;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.iocmap.layers.readings.Downsampler;
import org.iocmap.layers.readings.ReadingParameter;
import org.iocmap.layers.readings.Threshold;
import org.iocmap.layers.store.Store;
import org.iocmap.service.alarms.RouteParams;
import org.iocmap.service.auth.AuthHandler;
import org.iocmap.service.auth.Jurisdictions;
import org.iocmap.service.auth.Viewer;
import org.iocmap.service.http.Blocking;
import org.iocmap.service.http.InvalidInputException;
import org.iocmap.service.http.NotFoundException;
import org.iocmap.service.http.QueryParams;

/**
 * Mounts the environmental readings:
 *
 * <ul>
 *   <li>{@code POST /api/ingest/readings}: readings as JSON ({@link ReadingParser}); the good ones are stored and
 *       applied in one transaction before the answer ({@link ReadingIngest}), which lists each accepted reading (with
 *       the alert it opened or closed) and each rejected one by index and reason. For the roles operator and admin. A
 *       body that is not JSON is a 400; storage down is a 503 with Retry-After.
 *   <li>{@code GET /api/stations/{code}/readings?parameter=&from=&to=&points=}: the series of one parameter for the
 *       station's chart, raw when the window holds at most {@code points} readings, otherwise that many buckets at
 *       most with their minimum, maximum and mean, and the parameter's threshold lines. For signed-in viewers, within
 *       their area.
 * </ul>
 */
public final class ReadingRoutes {
    static final int DEFAULT_POINTS = 500;
    static final int MAX_POINTS = 5_000;
    static final Duration DEFAULT_WINDOW = Duration.ofDays(1);
    static final Duration MAX_WINDOW = Duration.ofDays(400);

    private final ReadingIngest ingest;
    private final StationReadings readings;
    private final Jurisdictions jurisdictions;
    private final Blocking blocking;

    private ReadingRoutes(
            ReadingIngest ingest, StationReadings readings, Jurisdictions jurisdictions, Blocking blocking) {
        this.ingest = ingest;
        this.readings = readings;
        this.jurisdictions = jurisdictions;
        this.blocking = blocking;
    }

    /** Mounts the routes on {@code router}. */
    public static void mount(Router router, Store store, Jurisdictions jurisdictions, Blocking blocking) {
        ReadingRoutes routes = new ReadingRoutes(
                new ReadingIngest(store, java.time.Clock.systemUTC()),
                new StationReadings(store),
                jurisdictions,
                blocking);
        router.post("/api/ingest/readings").handler(routes::ingest);
        router.get("/api/stations/:code/readings").handler(routes::series);
    }

    private void ingest(RoutingContext ctx) {
        RouteParams.operator(ctx, "send station readings");
        Instant now = ingest.clock().instant();
        String body = ctx.body() == null ? null : ctx.body().asString();
        ReadingParser.Parsed parsed;
        try {
            parsed = ReadingParser.parse(body, now);
        } catch (ReadingParser.NotJsonException e) {
            throw new InvalidInputException(
                    "body",
                    body,
                    "a reading object, an array of them, or {\"readings\": [...]} (" + e.getMessage() + ")");
        }
        blocking.run(() -> ingest.ingest(parsed.readings()))
                .onSuccess(receipt -> {
                    List<ReadingReject> rejects = new ArrayList<>(parsed.rejects());
                    rejects.addAll(receipt.rejected());
                    rejects.sort(Comparator.comparingInt(ReadingReject::index));
                    json(ctx, 200, receiptJson(parsed.items(), receipt.accepted(), rejects));
                })
                .onFailure(ctx::fail);
    }

    static JsonObject receiptJson(int items, List<ReadingIngest.Accepted> accepted, List<ReadingReject> rejects) {
        JsonArray acceptedJson = new JsonArray();
        for (ReadingIngest.Accepted a : accepted) {
            acceptedJson.add(new JsonObject()
                    .put("index", a.index())
                    .put("station", a.station())
                    .put("parameter", a.parameter())
                    .put("value", a.value())
                    .put("unit", a.unit())
                    .put("at", a.at().toString())
                    .put("readingId", a.readingId())
                    .put("alertOpened", a.alertOpened())
                    .put("alertClosed", a.alertClosed()));
        }
        JsonArray rejectedJson = new JsonArray();
        Map<String, Integer> reasons = new TreeMap<>();
        for (ReadingReject r : rejects) {
            rejectedJson.add(new JsonObject()
                    .put("index", r.index())
                    .put("reason", r.reason().name())
                    .put("detail", r.detail())
                    .put("station", r.station()));
            reasons.merge(r.reason().name(), 1, Integer::sum);
        }
        JsonObject byReason = new JsonObject();
        reasons.forEach(byReason::put);
        return new JsonObject()
                .put("readings", items)
                .put("acceptedCount", accepted.size())
                .put("rejectedCount", rejects.size())
                .put("rejectedByReason", byReason)
                .put("accepted", acceptedJson)
                .put("rejected", rejectedJson);
    }

    private void series(RoutingContext ctx) {
        Viewer viewer = AuthHandler.requireSignedIn(ctx);
        String code = ctx.pathParam("code");
        MultiMap params = ctx.queryParams();
        String parameterName = params.get("parameter");
        ReadingParameter named = parameterName == null
                ? null
                : ReadingParameter.find(parameterName)
                        .orElseThrow(() -> new InvalidInputException(
                                "parameter",
                                parameterName,
                                "one of "
                                        + java.util.Arrays.stream(ReadingParameter.values())
                                                .map(ReadingParameter::stored)
                                                .toList()));
        Instant to = QueryParams.instant(params, "to");
        Instant from = QueryParams.instant(params, "from");
        if (to == null) {
            to = from == null ? Instant.now() : from.plus(DEFAULT_WINDOW);
        }
        if (from == null) {
            from = to.minus(DEFAULT_WINDOW);
        }
        if (from.isAfter(to)) {
            throw new InvalidInputException("from", from.toString(), "a time not after to=" + to);
        }
        if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            throw new InvalidInputException(
                    "from", from.toString(), "a time at most " + MAX_WINDOW.toDays() + " days before to=" + to);
        }
        int points = RouteParams.whole(params, "points", 2, MAX_POINTS, DEFAULT_POINTS);
        Instant windowFrom = from;
        Instant windowTo = to;
        blocking.run(() -> {
                    StationReadings.Station station =
                            readings.station(code).orElseThrow(() -> new NotFoundException("no station " + code));
                    jurisdictions.requireCovers(viewer, station.lon(), station.lat(), "station " + code);
                    ReadingParameter parameter = named != null
                            ? named
                            : ReadingParameter.mainOf(station.type()).orElse(ReadingParameter.PM2_5);
                    if (!parameter.stationType().equals(station.type())) {
                        throw new InvalidInputException(
                                "parameter",
                                parameterName,
                                "a parameter a " + station.type() + " station measures: "
                                        + java.util.Arrays.stream(ReadingParameter.values())
                                                .filter(p -> p.stationType().equals(station.type()))
                                                .map(ReadingParameter::stored)
                                                .toList());
                    }
                    StationReadings.Series series =
                            readings.series(station.id(), parameter, windowFrom, windowTo, points);
                    return seriesJson(station, parameter, windowFrom, windowTo, points, series);
                })
                .onSuccess(json -> json(ctx, 200, json))
                .onFailure(ctx::fail);
    }

    static JsonObject seriesJson(
            StationReadings.Station station,
            ReadingParameter parameter,
            Instant from,
            Instant to,
            int points,
            StationReadings.Series series) {
        JsonObject json = new JsonObject()
                .put("station", station.code())
                .put("name", station.name())
                .put("stationType", station.type())
                .put("parameter", parameter.stored())
                .put("unit", parameter.unit())
                .put("from", from.toString())
                .put("to", to.toString())
                .put("maxPoints", points)
                .put("count", series.count())
                .put("downsampled", series.downsampled());
        if (series.downsampled()) {
            JsonArray buckets = new JsonArray();
            for (Downsampler.Bucket b : series.buckets()) {
                buckets.add(new JsonObject()
                        .put("from", b.from().toString())
                        .put("to", b.to().toString())
                        .put("count", b.count())
                        .put("min", b.min())
                        .put("minAt", b.minAt().toString())
                        .put("max", b.max())
                        .put("maxAt", b.maxAt().toString())
                        .put("mean", b.mean()));
            }
            json.put("bucketSeconds", series.bucketMillis() / 1000.0).put("buckets", buckets);
        } else {
            JsonArray raw = new JsonArray();
            series.points()
                    .forEach(p -> raw.add(
                            new JsonObject().put("at", p.at().toString()).put("value", p.value())));
            json.put("points", raw);
        }
        JsonArray thresholds = new JsonArray();
        for (Threshold t : parameter.thresholds()) {
            thresholds.add(new JsonObject()
                    .put("value", t.value())
                    .put("direction", t.direction().name().toLowerCase(Locale.ROOT))
                    .put("level", t.level())
                    .put("label", new JsonObject().put("vi", t.labelVi()).put("en", t.labelEn()))
                    .put("alert", t.alert())
                    .put("standard", t.standard()));
        }
        return json.put("thresholds", thresholds);
    }

    static void json(RoutingContext ctx, int status, JsonObject json) {
        ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(json.encode());
    }
}
