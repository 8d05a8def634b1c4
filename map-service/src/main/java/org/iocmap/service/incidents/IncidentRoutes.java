package org.iocmap.service.incidents;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.iocmap.service.auth.Area;
import org.iocmap.service.auth.AuthHandler;
import org.iocmap.service.auth.Jurisdictions;
import org.iocmap.service.auth.Roles;
import org.iocmap.service.auth.Viewer;
import org.iocmap.service.http.Blocking;
import org.iocmap.service.http.ForbiddenException;
import org.iocmap.service.http.InvalidInputException;
import org.iocmap.service.http.QueryParams;
import org.iocmap.service.ogc.ItemsRequest;

/**
 * Mounts {@code GET /api/incidents?kind=&status=&category=&area=&bbox=&from=&to=&q=&overdue=&limit=&offset=}: the
 * operator's queue of citizen reports and fire incidents, most urgent first ({@link IncidentQueue}), limited to the
 * viewer's area. Operators and administrators only.
 */
public final class IncidentRoutes {
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 500;
    private final IncidentQueue queue;
    private final Jurisdictions jurisdictions;
    private final Blocking blocking;

    private IncidentRoutes(IncidentQueue queue, Jurisdictions jurisdictions, Blocking blocking) {
        this.queue = queue;
        this.jurisdictions = jurisdictions;
        this.blocking = blocking;
    }

    /** Mounts the route on {@code router}. */
    public static void mount(Router router, IncidentQueue queue, Jurisdictions jurisdictions, Blocking blocking) {
        IncidentRoutes routes = new IncidentRoutes(queue, jurisdictions, blocking);
        router.get("/api/incidents").handler(routes::list);
    }

    private void list(RoutingContext ctx) {
        Viewer viewer = AuthHandler.requireSignedIn(ctx);
        if (!viewer.isAdmin() && !viewer.roles().contains(Roles.OPERATOR)) {
            throw new ForbiddenException("the incident queue is for the operator and admin roles; yours are "
                    + viewer.roles().stream().sorted().toList());
        }
        QueueRequest request = parse(ctx.queryParams());
        QueueRequest limited = jurisdictions.areaOf(viewer).map(request::within).orElse(request);
        blocking.run(() -> queue.read(limited))
                .onSuccess(page -> ctx.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                        .end(toJson(page, viewer.area()).encode()))
                .onFailure(ctx::fail);
    }

    private QueueRequest parse(MultiMap params) {
        Set<String> kinds = list(params, "kind");
        if (kinds.isEmpty()) {
            kinds = Set.copyOf(QueueRequest.KINDS);
        }
        for (String kind : kinds) {
            if (!QueueRequest.KINDS.contains(kind)) {
                throw new InvalidInputException(
                        "kind", params.get("kind"), "a comma-separated list of " + QueueRequest.KINDS);
            }
        }
        Set<String> statuses = new LinkedHashSet<>();
        boolean open = true;
        String status = params.get("status");
        if (status != null && !status.isBlank() && !status.equalsIgnoreCase("open")) {
            open = false;
            if (!status.equalsIgnoreCase("all")) {
                for (String s : list(params, "status")) {
                    String upper = s.toUpperCase(Locale.ROOT);
                    if (!IncidentQueue.REPORT_STATUSES.contains(upper)
                            && !IncidentQueue.FIRE_STATUSES.contains(upper)) {
                        throw new InvalidInputException(
                                "status",
                                status,
                                "open, all, or a comma-separated list of report statuses "
                                        + IncidentQueue.REPORT_STATUSES.stream()
                                                .sorted()
                                                .toList()
                                        + " and fire incident statuses "
                                        + IncidentQueue.FIRE_STATUSES.stream()
                                                .sorted()
                                                .toList());
                    }
                    statuses.add(upper);
                }
            }
        }
        Area area = null;
        String areaCode = params.get("area");
        if (areaCode != null && !areaCode.isBlank()) {
            area = jurisdictions
                    .find(areaCode)
                    .orElseThrow(() -> new InvalidInputException(
                            "area", areaCode, "the code of an area listed at GET /api/areas"));
        }
        Instant from = QueryParams.instant(params, "from");
        Instant to = QueryParams.instant(params, "to");
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidInputException("from", from.toString(), "a time not after to=" + to);
        }
        String text = params.get("q");
        return new QueueRequest(
                kinds,
                open,
                statuses,
                list(params, "category"),
                area == null ? List.of() : List.of(area.geometry()),
                params.get("bbox") == null ? null : ItemsRequest.bbox(params.get("bbox")),
                from,
                to,
                text == null || text.isBlank() ? null : text.trim(),
                "true".equalsIgnoreCase(params.get("overdue")),
                integer(params, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT),
                integer(params, "offset", 0, 0, 100_000));
    }

    private static Set<String> list(MultiMap params, String name) {
        String raw = params.get(name);
        if (raw == null || raw.isBlank()) {
            return Set.of();
        }
        Set<String> values = new LinkedHashSet<>();
        Arrays.stream(raw.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .forEach(values::add);
        return values;
    }

    private static int integer(MultiMap params, String name, int fallback, int min, int max) {
        String raw = params.get(name);
        if (raw == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below, with the range
        }
        throw new InvalidInputException(name, raw, "a whole number from " + min + " to " + max);
    }

    private static JsonObject toJson(IncidentQueue.Page page, Area area) {
        JsonArray incidents = new JsonArray();
        for (QueuedIncident i : page.incidents()) {
            JsonObject json = new JsonObject()
                    .put("kind", i.kind())
                    .put("id", i.id())
                    .put("code", i.code())
                    .put("title", i.title())
                    .put("category", i.categoryCode())
                    .put("categoryName", i.categoryName())
                    .put("status", i.status())
                    .put("lon", i.lon())
                    .put("lat", i.lat())
                    .put("address", i.address())
                    .put("district", i.district())
                    .put("agency", i.agency())
                    .put("openedAt", i.openedAt().toString())
                    .put(
                            "updatedAt",
                            i.updatedAt() == null ? null : i.updatedAt().toString())
                    .put("urgency", i.urgency())
                    .put("overdue", i.isOverdue(page.at()))
                    .put("actions", new JsonArray(i.actions()));
            if (i.deadlineAt() != null) {
                json.put("deadlineAt", i.deadlineAt().toString())
                        .put(
                                "secondsToDeadline",
                                Duration.between(page.at(), i.deadlineAt()).toSeconds());
            }
            if (i.kind().equals(QueueRequest.FIRE)) {
                json.put("alarmCount", i.alarmCount());
            }
            incidents.add(json);
        }
        JsonObject result = new JsonObject()
                .put("at", page.at().toString())
                .put("numberMatched", page.matched())
                .put(
                        "counts",
                        new JsonObject()
                                .put("fire", page.fires())
                                .put("report", page.reports())
                                .put("overdue", page.overdue()))
                .put("incidents", incidents);
        if (area != null) {
            result.put("area", new JsonObject().put("code", area.code()).put("name", area.nameVi()));
        }
        return result;
    }
}
