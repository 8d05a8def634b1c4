package org.iocmap.service.alarms;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import org.iocmap.layers.model.TimeInterval;
import org.iocmap.service.auth.Jurisdictions;
import org.iocmap.service.auth.Viewer;
import org.iocmap.service.http.Blocking;
import org.iocmap.service.http.InvalidInputException;
import org.iocmap.service.http.NotFoundException;
import org.iocmap.service.http.QueryParams;

/**
 * Mounts the fire incidents and the fire stations, for the roles operator and admin:
 *
 * <ul>
 *   <li>{@code GET /api/fire-incidents?status=&from=&to=&bbox=&limit=&offset=}: newest first, within the viewer's
 *       area; {@code status} is a comma list, the unresolved ones (OPEN, ACKNOWLEDGED, DISPATCHED) by default, and
 *       {@code from}/{@code to} bound the opening time;
 *   <li>{@code GET /api/fire-incidents/{code}}: one with its history, nearest stations, covering cameras and events;
 *   <li>{@code POST /api/fire-incidents/{code}/acknowledge} {@code {"note"}}, {@code /dispatch} {@code {"station",
 *       "note"}}, {@code /resolve} {@code {"note", "falseAlarm"}}: each a status change and its history entry in one
 *       transaction; an action the status does not allow is a 409 naming the status and the allowed actions; a false
 *       alarm needs a note;
 *   <li>{@code GET /api/fire-stations}: every station.
 * </ul>
 */
public final class FireIncidentRoutes {
    private final FireAlarms alarms;
    private final Jurisdictions jurisdictions;
    private final Blocking blocking;
    private final Clock clock;

    private FireIncidentRoutes(FireAlarms alarms, Jurisdictions jurisdictions, Blocking blocking) {
        this.alarms = alarms;
        this.jurisdictions = jurisdictions;
        this.blocking = blocking;
        this.clock = alarms.ingest().clock();
    }

    /** Mounts the routes on {@code router}. */
    public static void mount(Router router, FireAlarms alarms, Jurisdictions jurisdictions, Blocking blocking) {
        FireIncidentRoutes routes = new FireIncidentRoutes(alarms, jurisdictions, blocking);
        router.get("/api/fire-incidents").handler(routes::list);
        router.get("/api/fire-incidents/:code").handler(routes::read);
        for (IncidentAction action : IncidentAction.values()) {
            router.post("/api/fire-incidents/:code/" + action.path()).handler(ctx -> routes.act(ctx, action));
        }
        router.get("/api/fire-stations").handler(routes::stations);
    }

    private void list(RoutingContext ctx) {
        Viewer viewer = RouteParams.operator(ctx, "see fire incidents");
        MultiMap params = ctx.queryParams();
        Set<IncidentStatus> statuses = EnumSet.noneOf(IncidentStatus.class);
        for (String s : RouteParams.oneOf(
                params,
                "status",
                EnumSet.allOf(IncidentStatus.class).stream().map(Enum::name).toList())) {
            statuses.add(IncidentStatus.valueOf(s));
        }
        if (statuses.isEmpty()) {
            statuses.addAll(IncidentStatus.UNRESOLVED);
        }
        TimeInterval window = QueryParams.window(params);
        FireIncidents.Filter filter = new FireIncidents.Filter(
                statuses,
                window == null ? null : window.start(),
                window == null ? null : window.end(),
                RouteParams.bbox(params),
                jurisdictions.areaOf(viewer),
                RouteParams.limit(params),
                RouteParams.offset(params));
        blocking.run(() -> alarms.incidents().list(filter))
                .onSuccess(page -> {
                    JsonArray incidents = new JsonArray();
                    page.incidents().forEach(i -> incidents.add(AlarmJson.incident(i)));
                    AlarmRoutes.json(
                            ctx,
                            200,
                            new JsonObject()
                                    .put("numberMatched", page.matched())
                                    .put("numberReturned", incidents.size())
                                    .put("incidents", incidents));
                })
                .onFailure(ctx::fail);
    }

    private void read(RoutingContext ctx) {
        Viewer viewer = RouteParams.operator(ctx, "see fire incidents");
        String code = ctx.pathParam("code");
        blocking.run(() -> {
                    FireIncidents.Detail detail = alarms.incidents()
                            .detail(code)
                            .orElseThrow(() -> new NotFoundException("no fire incident " + code));
                    jurisdictions.requireCovers(
                            viewer, detail.incident().lon(), detail.incident().lat(), "fire incident " + code);
                    return AlarmJson.detail(detail);
                })
                .onSuccess(json -> AlarmRoutes.json(ctx, 200, json))
                .onFailure(ctx::fail);
    }

    private void act(RoutingContext ctx, IncidentAction action) {
        Viewer viewer = RouteParams.operator(ctx, "act on fire incidents");
        String code = ctx.pathParam("code");
        JsonObject body = RouteParams.body(ctx, true, "a JSON object such as {\"note\": \"…\"}");
        Set<String> fields =
                switch (action) {
                    case ACKNOWLEDGE -> Set.of("note");
                    case DISPATCH -> Set.of("note", "station");
                    case RESOLVE -> Set.of("note", "falseAlarm");
                };
        for (String key : body.fieldNames()) {
            if (!fields.contains(key)) {
                throw new InvalidInputException(
                        key,
                        String.valueOf(body.getValue(key)),
                        "no such field for " + action.path() + "; the fields are "
                                + fields.stream().sorted().toList());
            }
        }
        String note = RouteParams.note(body);
        String station = null;
        boolean falseAlarm = false;
        if (action == IncidentAction.DISPATCH) {
            Object raw = body.getValue("station");
            if (!(raw instanceof String s) || s.isBlank() || s.length() > 32) {
                throw new InvalidInputException(
                        "station",
                        raw == null ? null : String.valueOf(raw),
                        "the code of a fire station, such as PCCC-NT-01 (see GET /api/fire-stations)");
            }
            station = s.strip();
        }
        if (action == IncidentAction.RESOLVE) {
            Object raw = body.getValue("falseAlarm");
            if (raw != null && !(raw instanceof Boolean)) {
                throw new InvalidInputException("falseAlarm", String.valueOf(raw), "true or false");
            }
            falseAlarm = Boolean.TRUE.equals(raw);
            if (falseAlarm && note == null) {
                throw new InvalidInputException(
                        "note", null, "a note saying why the alarm was false, when falseAlarm" + " is true");
            }
        }
        String stationCode = station;
        boolean isFalse = falseAlarm;
        blocking.run(() -> alarms.incidents()
                        .act(
                                code,
                                action,
                                viewer.username(),
                                note,
                                stationCode,
                                isFalse,
                                clock.instant(),
                                (lon, lat, what) -> jurisdictions.requireCovers(viewer, lon, lat, what)))
                .onSuccess(detail -> AlarmRoutes.json(ctx, 200, AlarmJson.detail(detail)))
                .onFailure(ctx::fail);
    }

    private void stations(RoutingContext ctx) {
        RouteParams.operator(ctx, "see fire stations");
        blocking.run(() -> {
                    JsonArray stations = new JsonArray();
                    alarms.stations().all().forEach(s -> stations.add(AlarmJson.station(s)));
                    return new JsonObject().put("stations", stations);
                })
                .onSuccess(json -> AlarmRoutes.json(ctx, 200, json))
                .onFailure(ctx::fail);
    }
}
