package org.iocmap.service.alarms;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.iocmap.service.auth.Jurisdictions;
import org.iocmap.service.auth.Viewer;
import org.iocmap.service.http.Blocking;
import org.iocmap.service.http.InvalidInputException;
import org.iocmap.service.http.NotFoundException;

/**
 * Mounts the fire-alarm feed and device registry:
 *
 * <ul>
 *   <li>{@code POST /api/ingest/alarms}: events as JSON ({@link AlarmEventParser}); the good ones are stored and applied
 *       in one transaction before the answer, which lists each accepted event (with the incident an ALARM opened or
 *       joined) and each rejected one by index and reason. For the roles operator and admin, as the AIS feed is for
 *       its officers' roles. A body that is not JSON is a 400; storage down is a 503 with Retry-After.
 *   <li>{@code GET /api/ingest/alarms/stats}: what HTTP and MQTT took in since the start.
 *   <li>{@code GET /api/alarm-devices?status=&q=&bbox=&limit=&offset=}: devices in code order, within the viewer's
 *       area; {@code GET /api/alarm-devices/{code}} one with its latest events and unresolved incident.
 *   <li>{@code POST /api/alarm-devices} and {@code PUT /api/alarm-devices/{code}}: register or update a device
 *       ({@link DeviceInput}); for administrators.
 * </ul>
 */
public final class AlarmRoutes {
    static final int DETAIL_EVENTS = 50;

    private final FireAlarms alarms;
    private final Jurisdictions jurisdictions;
    private final Blocking blocking;
    private final Clock clock;

    private AlarmRoutes(FireAlarms alarms, Jurisdictions jurisdictions, Blocking blocking) {
        this.alarms = alarms;
        this.jurisdictions = jurisdictions;
        this.blocking = blocking;
        this.clock = alarms.ingest().clock();
    }

    /** Mounts the routes on {@code router}. */
    public static void mount(Router router, FireAlarms alarms, Jurisdictions jurisdictions, Blocking blocking) {
        AlarmRoutes routes = new AlarmRoutes(alarms, jurisdictions, blocking);
        router.post("/api/ingest/alarms").handler(routes::ingest);
        router.get("/api/ingest/alarms/stats").handler(routes::stats);
        router.get("/api/alarm-devices").handler(routes::list);
        router.get("/api/alarm-devices/:code").handler(routes::read);
        router.post("/api/alarm-devices").handler(routes::register);
        router.put("/api/alarm-devices/:code").handler(routes::update);
    }

    private void ingest(RoutingContext ctx) {
        RouteParams.operator(ctx, "send fire-alarm events");
        Instant now = clock.instant();
        String body = ctx.body() == null ? null : ctx.body().asString();
        AlarmEventParser.Parsed parsed;
        try {
            parsed = AlarmEventParser.parse(body, null, now);
        } catch (AlarmEventParser.NotJsonException e) {
            throw new InvalidInputException(
                    "body", body, "an event object, an array of them, or {\"events\": [...]} (" + e.getMessage() + ")");
        }
        AlarmStats.Source stats = alarms.stats().source(AlarmStats.HTTP);
        stats.message(now, parsed.items());
        blocking.run(() -> alarms.ingest().ingest(parsed.events()))
                .onFailure(e -> stats.storeFailed())
                .onSuccess(receipt -> {
                    List<AlarmReject> rejects = new ArrayList<>(parsed.rejects());
                    rejects.addAll(receipt.rejected());
                    rejects.sort(Comparator.comparingInt(AlarmReject::index));
                    rejects.forEach(r -> stats.rejected(r, "POST /api/ingest/alarms"));
                    stats.stored(receipt.accepted().size());
                    json(ctx, 200, receiptJson(parsed.items(), receipt.accepted(), rejects));
                })
                .onFailure(ctx::fail);
    }

    static JsonObject receiptJson(int items, List<AlarmIngest.Accepted> accepted, List<AlarmReject> rejects) {
        JsonArray acceptedJson = new JsonArray();
        for (AlarmIngest.Accepted a : accepted) {
            acceptedJson.add(new JsonObject()
                    .put("index", a.index())
                    .put("device", a.device())
                    .put("type", a.type().name())
                    .put("at", a.at().toString())
                    .put("eventId", a.eventId())
                    .put("incident", a.incident())
                    .put("incidentOpened", a.incidentOpened()));
        }
        JsonArray rejectedJson = new JsonArray();
        Map<String, Integer> reasons = new TreeMap<>();
        for (AlarmReject r : rejects) {
            rejectedJson.add(new JsonObject()
                    .put("index", r.index())
                    .put("reason", r.reason().name())
                    .put("detail", r.detail())
                    .put("device", r.device()));
            reasons.merge(r.reason().name(), 1, Integer::sum);
        }
        JsonObject byReason = new JsonObject();
        reasons.forEach(byReason::put);
        return new JsonObject()
                .put("events", items)
                .put("acceptedCount", accepted.size())
                .put("rejectedCount", rejects.size())
                .put("rejectedByReason", byReason)
                .put("accepted", acceptedJson)
                .put("rejected", rejectedJson);
    }

    private void stats(RoutingContext ctx) {
        RouteParams.operator(ctx, "read the fire-alarm ingest counts");
        json(ctx, 200, alarms.stats().toJson());
    }

    private void list(RoutingContext ctx) {
        Viewer viewer = RouteParams.operator(ctx, "see fire-alarm devices");
        MultiMap params = ctx.queryParams();
        AlarmDevices.Filter filter = new AlarmDevices.Filter(
                RouteParams.oneOf(params, "status", AlarmDevices.STATUSES),
                RouteParams.searchText(params, "q", 100),
                RouteParams.bbox(params),
                jurisdictions.areaOf(viewer),
                RouteParams.limit(params),
                RouteParams.offset(params));
        blocking.run(() -> alarms.devices().list(filter))
                .onSuccess(page -> {
                    JsonArray devices = new JsonArray();
                    page.devices().forEach(d -> devices.add(AlarmJson.device(d)));
                    json(
                            ctx,
                            200,
                            new JsonObject()
                                    .put("numberMatched", page.matched())
                                    .put("numberReturned", devices.size())
                                    .put("devices", devices));
                })
                .onFailure(ctx::fail);
    }

    private void read(RoutingContext ctx) {
        Viewer viewer = RouteParams.operator(ctx, "see fire-alarm devices");
        String code = ctx.pathParam("code");
        blocking.run(() -> {
                    AlarmDevices.Detail detail = alarms.devices()
                            .detail(code, DETAIL_EVENTS)
                            .orElseThrow(() -> new NotFoundException("no fire-alarm device " + code));
                    jurisdictions.requireCovers(
                            viewer, detail.device().lon(), detail.device().lat(), "fire-alarm device " + code);
                    JsonArray events = new JsonArray();
                    detail.events().forEach(e -> events.add(AlarmJson.event(e)));
                    return AlarmJson.device(detail.device())
                            .put("openIncident", detail.openIncident())
                            .put("events", events);
                })
                .onSuccess(json -> json(ctx, 200, json))
                .onFailure(ctx::fail);
    }

    private void register(RoutingContext ctx) {
        Viewer viewer = RouteParams.admin(ctx, "register fire-alarm devices");
        DeviceInput input = DeviceInput.from(RouteParams.body(ctx, false, "a JSON object describing the device"), null);
        jurisdictions.requireCovers(viewer, input.lon(), input.lat(), "fire-alarm device " + input.code());
        blocking.run(() -> alarms.devices().register(input, clock.instant()))
                .onSuccess(device -> {
                    ctx.response().putHeader(HttpHeaders.LOCATION, "/api/alarm-devices/" + device.code());
                    json(ctx, 201, AlarmJson.device(device));
                })
                .onFailure(ctx::fail);
    }

    private void update(RoutingContext ctx) {
        Viewer viewer = RouteParams.admin(ctx, "change fire-alarm devices");
        String code = ctx.pathParam("code");
        DeviceInput input = DeviceInput.from(RouteParams.body(ctx, false, "a JSON object describing the device"), code);
        jurisdictions.requireCovers(viewer, input.lon(), input.lat(), "fire-alarm device " + code);
        blocking.run(() -> {
                    AlarmDevice old = alarms.devices()
                            .find(code)
                            .orElseThrow(() -> new NotFoundException("no fire-alarm device " + code));
                    jurisdictions.requireCovers(viewer, old.lon(), old.lat(), "fire-alarm device " + code);
                    return alarms.devices().update(input, clock.instant());
                })
                .onSuccess(device -> json(ctx, 200, AlarmJson.device(device)))
                .onFailure(ctx::fail);
    }

    static void json(RoutingContext ctx, int status, JsonObject json) {
        ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(json.encode());
    }
}
