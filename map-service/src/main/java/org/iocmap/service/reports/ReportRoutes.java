package org.iocmap.service.reports;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.iocmap.layers.model.BoundingBox;
import org.iocmap.layers.model.TimeInterval;
import org.iocmap.layers.reports.InvalidPhotoException;
import org.iocmap.layers.reports.NewReport;
import org.iocmap.layers.reports.Report;
import org.iocmap.layers.reports.ReportAction;
import org.iocmap.layers.reports.ReportFilter;
import org.iocmap.layers.reports.ReportNotFoundException;
import org.iocmap.layers.reports.ReportPage;
import org.iocmap.layers.reports.ReportSort;
import org.iocmap.layers.reports.ReportStatus;
import org.iocmap.layers.reports.StateChange;
import org.iocmap.layers.reports.WorkflowConflictException;
import org.iocmap.layers.store.SqlDialect;
import org.iocmap.service.auth.AuthHandler;
import org.iocmap.service.auth.Roles;
import org.iocmap.service.auth.Viewer;
import org.iocmap.service.http.Blocking;
import org.iocmap.service.http.ForbiddenException;
import org.iocmap.service.http.InvalidInputException;
import org.iocmap.service.http.NotFoundException;
import org.iocmap.service.http.Problem;
import org.iocmap.service.http.QueryParams;
import org.iocmap.service.ogc.ItemsRequest;

/**
 * Mounts the operators' report API under {@code /api/reports}: operators and administrators work the reports,
 * planners may read them, others get 403. Every list is limited to the viewer's jurisdiction and every report read or
 * acted on must lie inside it.
 *
 * <ul>
 *   <li>{@code GET /api/reports/categories}; {@code GET /api/reports?status=&category=&agency=&overdue=&bbox=&from=&to=
 *       &q=&sort=&limit=&offset=}; {@code POST /api/reports} (JSON; {@code Idempotency-Key} or {@code clientKey} makes
 *       retries safe; 201, or 200 for a retry);
 *   <li>{@code GET /api/reports/{code}}: the report with its history, comments, photos and suggested duplicates;
 *       {@code GET /api/reports/{code}/duplicates};
 *   <li>{@code POST /api/reports/{code}/assign|start|resolve|reject|reopen|merge|comments}: the workflow. An action the
 *       status does not allow answers 409 naming the status and the allowed actions (also as the problem's
 *       members {@code reportCode}, {@code reportStatus} and {@code allowedActions}).
 * </ul>
 *
 * These routes carry their own body handler (a resolution may carry a photo: the limit is {@code
 * reports.photo.maxBytes} plus the form, uploads go to the data directory and are deleted after the request) and the
 * same {@link AuthHandler} as the rest of {@code /api}; mount them before the general {@code /api/*} handlers.
 */
public final class ReportRoutes {
    static final String BASE = "/api/reports";
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;
    static final Set<String> CHANNELS = Set.of("hotline_1022", "citizen_app", "web", "zalo", "open311");
    private static final Set<String> LIST_PARAMETERS =
            Set.of("status", "category", "agency", "overdue", "bbox", "from", "to", "q", "sort", "limit", "offset");

    private final ReportService reports;
    private final Blocking blocking;
    private final long bodyLimit;

    private ReportRoutes(ReportService reports, Blocking blocking) {
        this.reports = reports;
        this.blocking = blocking;
        this.bodyLimit = reports.photos().maxBytes() + Open311Routes.FORM_ALLOWANCE_BYTES;
    }

    /**
     * Mounts the routes.
     *
     * @param auth the handler that reads the bearer token, as on the rest of {@code /api}
     * @param uploads the folder where the body handler writes uploads until the request ends
     */
    public static void mount(Router router, ReportService reports, Blocking blocking, AuthHandler auth, Path uploads) {
        ReportRoutes routes = new ReportRoutes(reports, blocking);
        BodyHandler body = BodyHandler.create()
                .setBodyLimit(routes.bodyLimit)
                .setUploadsDirectory(uploads.toString())
                .setDeleteUploadedFilesOnEnd(true);
        // The length check is a route of its own: Vert.x runs a body handler before any other handler of its route.
        router.post(BASE).handler(routes::checkLength);
        router.post(BASE + "/*").handler(routes::checkLength);
        router.get(BASE + "/categories").handler(auth).handler(routes::categories);
        router.get(BASE).handler(auth).handler(routes::list);
        router.post(BASE).handler(body).handler(auth).handler(routes::create);
        router.get(BASE + "/:code").handler(auth).handler(routes::detail);
        router.get(BASE + "/:code/duplicates").handler(auth).handler(routes::duplicates);
        for (ReportAction action : List.of(
                ReportAction.ASSIGN,
                ReportAction.START,
                ReportAction.RESOLVE,
                ReportAction.REJECT,
                ReportAction.REOPEN)) {
            router.post(BASE + "/:code/" + action.apiName())
                    .handler(body)
                    .handler(auth)
                    .handler(ctx -> routes.act(ctx, action));
        }
        router.post(BASE + "/:code/merge").handler(body).handler(auth).handler(routes::merge);
        router.post(BASE + "/:code/comments").handler(body).handler(auth).handler(routes::comment);
    }

    // ---- Reading -------------------------------------------------------------------------------------------------

    /** GET /api/reports/categories. */
    private void categories(RoutingContext ctx) {
        reader(ctx);
        blocking.run(() -> {
                    JsonArray list = new JsonArray();
                    reports.store().categories().forEach(c -> list.add(ReportJson.category(c)));
                    return new JsonObject().put("categories", list);
                })
                .onSuccess(json -> send(ctx, 200, json))
                .onFailure(e -> fail(ctx, e));
    }

    /** GET /api/reports: a page of reports, most urgent first unless {@code sort} says otherwise. */
    private void list(RoutingContext ctx) {
        Viewer viewer = reader(ctx);
        ReportFilter filter = filter(ctx.queryParams());
        boolean contact = mayReadContact(viewer);
        blocking.run(() -> {
                    Set<String> unknown = new LinkedHashSet<>(filter.serviceCodes());
                    reports.store().categories().forEach(c -> unknown.remove(c.serviceCode()));
                    if (!unknown.isEmpty()) {
                        throw new InvalidInputException(
                                "category", String.join(",", unknown), "category codes among " + categoryCodes());
                    }
                    ReportPage page = reports.list(viewer, filter);
                    Instant now = reports.store().clock().instant();
                    JsonArray list = new JsonArray();
                    page.reports().forEach(r -> list.add(ReportJson.report(r, now, contact)));
                    return new JsonObject()
                            .put("numberMatched", page.numberMatched())
                            .put("numberReturned", list.size())
                            .put("reports", list);
                })
                .onSuccess(json -> send(ctx, 200, json))
                .onFailure(e -> fail(ctx, e));
    }

    /** GET /api/reports/{code}: the report with history, comments, photos and suggested duplicates. */
    private void detail(RoutingContext ctx) {
        Viewer viewer = reader(ctx);
        String code = ctx.pathParam("code");
        String base = Open311Routes.baseUrl(ctx);
        boolean contact = mayReadContact(viewer);
        blocking.run(() -> {
                    Report r = reports.get(viewer, code);
                    Instant now = reports.store().clock().instant();
                    return ReportJson.report(r, now, contact)
                            .put("history", ReportJson.history(reports.store().history(r.id())))
                            .put("comments", ReportJson.comments(reports.store().comments(r.id())))
                            .put("photos", ReportJson.photos(reports.store().photos(r.id()), base))
                            .put("duplicates", ReportJson.duplicates(reports.duplicates(viewer, r), now));
                })
                .onSuccess(json -> send(ctx, 200, json))
                .onFailure(e -> fail(ctx, e));
    }

    /** GET /api/reports/{code}/duplicates: same category, within 50 m and 7 days, nearest first. */
    private void duplicates(RoutingContext ctx) {
        Viewer viewer = reader(ctx);
        String code = ctx.pathParam("code");
        blocking.run(() -> {
                    Report r = reports.get(viewer, code);
                    return new JsonObject()
                            .put("code", r.code())
                            .put(
                                    "duplicates",
                                    ReportJson.duplicates(
                                            reports.duplicates(viewer, r),
                                            reports.store().clock().instant()));
                })
                .onSuccess(json -> send(ctx, 200, json))
                .onFailure(e -> fail(ctx, e));
    }

    // ---- Writing -------------------------------------------------------------------------------------------------

    /** POST /api/reports: a report taken by an operator (hotline 1022 by default). */
    private void create(RoutingContext ctx) {
        Viewer viewer = writer(ctx);
        JsonObject body = json(ctx);
        String header = ctx.request().getHeader("Idempotency-Key");
        NewReport draft = newReport(body, header);
        boolean contact = mayReadContact(viewer);
        blocking.run(() -> {
                    if (reports.store().category(draft.serviceCode()).isEmpty()) {
                        throw new InvalidInputException(
                                "category", draft.serviceCode(), "a category code among " + categoryCodes());
                    }
                    return reports.submitFor(viewer, draft);
                })
                .onSuccess(s -> {
                    Instant now = reports.store().clock().instant();
                    ctx.response()
                            .putHeader(
                                    HttpHeaders.LOCATION,
                                    BASE + "/" + s.report().code());
                    send(
                            ctx,
                            s.created() ? 201 : 200,
                            ReportJson.report(s.report(), now, contact)
                                    .put("duplicates", ReportJson.duplicates(s.duplicates(), now)));
                })
                .onFailure(e -> fail(ctx, e));
    }

    /** POST /api/reports/{code}/assign|start|resolve|reject|reopen. */
    private void act(RoutingContext ctx, ReportAction action) {
        Viewer viewer = writer(ctx);
        String code = ctx.pathParam("code");
        JsonObject body;
        List<Path> uploads = new ArrayList<>();
        if (isMultipart(ctx)) {
            if (action != ReportAction.RESOLVE) {
                throw new InvalidInputException(
                        "Content-Type", ctx.request().getHeader(HttpHeaders.CONTENT_TYPE), "application/json");
            }
            body = new JsonObject();
            ctx.request().formAttributes().forEach(e -> body.put(e.getKey(), e.getValue()));
            for (FileUpload upload : ctx.fileUploads()) {
                if (!"photo".equals(upload.name())) {
                    throw new InvalidInputException(
                            upload.name(), upload.fileName(), "no other file than one photo, in the field 'photo'");
                }
                uploads.add(Path.of(upload.uploadedFileName()));
            }
            if (uploads.size() > 1) {
                throw new InvalidInputException("photo", uploads.size() + " files", "one photo");
            }
        } else {
            body = json(ctx);
        }
        StateChange change = change(action, body);
        boolean contact = mayReadContact(viewer);
        blocking.run(() -> reports.act(viewer, code, action, change, uploads))
                .onSuccess(r -> send(
                        ctx, 200, ReportJson.report(r, reports.store().clock().instant(), contact)))
                .onFailure(e -> fail(ctx, e));
    }

    /** POST /api/reports/{code}/merge {"into": "<code>", "note": "…"}. */
    private void merge(RoutingContext ctx) {
        Viewer viewer = writer(ctx);
        String code = ctx.pathParam("code");
        JsonObject body = json(ctx);
        String into = string(body, "into", 32, true);
        if (into.equals(code)) {
            throw new InvalidInputException(
                    "into", into, "the code of another report: a report cannot be merged into" + " itself");
        }
        String note = string(body, "note", 4_000, false);
        boolean contact = mayReadContact(viewer);
        blocking.run(() -> reports.merge(viewer, code, into, note))
                .onSuccess(r -> send(
                        ctx, 200, ReportJson.report(r, reports.store().clock().instant(), contact)))
                .onFailure(e -> fail(ctx, e));
    }

    /** POST /api/reports/{code}/comments {"text": "…"}. */
    private void comment(RoutingContext ctx) {
        Viewer viewer = writer(ctx);
        String code = ctx.pathParam("code");
        String text = string(json(ctx), "text", 4_000, true);
        blocking.run(() -> reports.comment(viewer, code, text))
                .onSuccess(c -> send(ctx, 201, ReportJson.comment(c)))
                .onFailure(e -> fail(ctx, e));
    }

    private static StateChange change(ReportAction action, JsonObject body) {
        String note = string(body, "note", 4_000, false);
        return switch (action) {
            case ASSIGN -> {
                String agency = string(body, "agency", 255, false);
                String unit = string(body, "unit", 255, false);
                if (agency == null && unit == null) {
                    throw new InvalidInputException("agency", null, "an agency or a unit (or both) to assign to");
                }
                yield new StateChange(agency, unit, note, null, List.of());
            }
            case REJECT -> StateChange.note(string(body, "reason", 4_000, true));
            case REOPEN -> {
                String to = string(body, "to", 16, false);
                ReportStatus target = null;
                if (to != null) {
                    if (!to.equals("NEW") && !to.equals("ASSIGNED")) {
                        throw new InvalidInputException("to", to, "NEW or ASSIGNED");
                    }
                    target = ReportStatus.valueOf(to);
                }
                yield new StateChange(null, null, note, target, List.of());
            }
            default -> StateChange.note(note);
        };
    }

    private static NewReport newReport(JsonObject body, String headerKey) {
        String category = string(body, "category", 64, true);
        double lon = coordinate(body, "lon", -180, 180);
        double lat = coordinate(body, "lat", -90, 90);
        String channel = string(body, "channel", 32, false);
        if (channel == null) {
            channel = "hotline_1022";
        } else if (!CHANNELS.contains(channel)) {
            throw new InvalidInputException(
                    "channel", channel, "one of " + CHANNELS.stream().sorted().toList());
        }
        String description = string(body, "description", 4_000, false);
        String title = string(body, "title", 255, false);
        if (description == null && title == null) {
            throw new InvalidInputException("description", null, "a description (or a title) of the problem");
        }
        Instant createdAt = null;
        String created = string(body, "createdAt", 40, false);
        if (created != null) {
            try {
                createdAt = Instant.parse(created);
            } catch (DateTimeParseException e) {
                throw new InvalidInputException(
                        "createdAt", created, "an ISO-8601 UTC time such as 2026-01-31T08:00:00Z");
            }
            if (createdAt.isAfter(Instant.now().plusSeconds(300))) {
                throw new InvalidInputException("createdAt", created, "a time that is not in the future");
            }
        }
        List<String> errors = new ArrayList<>();
        String key = Open311Routes.clientKey(headerKey, string(body, "clientKey", 200, false), errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(
                    "clientKey",
                    headerKey != null ? headerKey : body.getString("clientKey"),
                    "1 to 128 visible ASCII characters, the same in the Idempotency-Key header if both are sent");
        }
        String email = string(body, "reporterEmail", 255, false);
        if (email != null && !Open311Routes.EMAIL.matcher(email).matches()) {
            throw new InvalidInputException("reporterEmail", email, "an e-mail address");
        }
        return new NewReport(
                category,
                title,
                description,
                channel,
                string(body, "reporterName", 255, false),
                string(body, "reporterPhone", 32, false),
                email,
                null,
                null,
                string(body, "address", 255, false),
                lon,
                lat,
                createdAt,
                null,
                key);
    }

    private ReportFilter filter(MultiMap params) {
        for (String name : params.names()) {
            if (!LIST_PARAMETERS.contains(name)) {
                throw new InvalidInputException(
                        name,
                        params.get(name),
                        "no such parameter; this endpoint takes "
                                + LIST_PARAMETERS.stream().sorted().toList());
            }
        }
        int limit = integer(params, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int offset = integer(params, "offset", 0, 0, Integer.MAX_VALUE);
        ReportFilter filter = ReportFilter.any(limit).withPage(limit, offset);
        if (params.get("status") != null) {
            Set<ReportStatus> statuses = new LinkedHashSet<>();
            for (String s : params.get("status").split(",")) {
                try {
                    statuses.add(ReportStatus.parse(s.strip()));
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException(
                            "status",
                            params.get("status"),
                            "comma-separated statuses among " + List.of(ReportStatus.values()));
                }
            }
            filter = filter.withStatuses(statuses);
        }
        if (params.get("category") != null) {
            Set<String> codes = new LinkedHashSet<>();
            for (String c : params.get("category").split(",")) {
                if (!c.isBlank()) {
                    codes.add(c.strip());
                }
            }
            filter = filter.withServiceCodes(codes); // checked against the categories on the worker
        }
        if (params.get("agency") != null) {
            filter = filter.withAgency(params.get("agency").strip());
        }
        String overdue = params.get("overdue");
        if (overdue != null) {
            if (!overdue.equals("true") && !overdue.equals("false")) {
                throw new InvalidInputException("overdue", overdue, "true or false");
            }
            filter = filter.withOverdueOnly(overdue.equals("true"));
        }
        BoundingBox box = ItemsRequest.bbox(params.get("bbox"));
        if (box != null) {
            filter = filter.withBbox(box.toGeometry(SqlDialect.WGS84)); // crossing the antimeridian is legal: split
        }
        TimeInterval window = QueryParams.window(params);
        if (window != null) {
            filter = filter.withCreated(window.start(), window.end());
        }
        String q = params.get("q");
        if (q != null) {
            if (q.length() > 200) {
                throw new InvalidInputException("q", q, "a text of at most 200 characters");
            }
            filter = filter.withText(q);
        }
        String sort = params.get("sort");
        if (sort != null) {
            try {
                filter = filter.withSort(ReportSort.valueOf(sort.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("sort", sort, "urgency, deadline or created");
            }
        }
        return filter;
    }

    // ---- Access --------------------------------------------------------------------------------------------------

    /** Returns the viewer when they may read reports: operators, planners, administrators. */
    private static Viewer reader(RoutingContext ctx) {
        Viewer viewer = AuthHandler.requireSignedIn(ctx);
        if (!viewer.isAdmin()
                && !viewer.roles().contains(Roles.OPERATOR)
                && !viewer.roles().contains(Roles.PLANNER)) {
            throw new ForbiddenException(
                    "your roles " + viewer.roles().stream().sorted().toList()
                            + " may not read citizen reports; they are open to operator, planner and admin");
        }
        return viewer;
    }

    /** Returns the viewer when they may work reports: operators and administrators. */
    private static Viewer writer(RoutingContext ctx) {
        Viewer viewer = AuthHandler.requireSignedIn(ctx);
        if (!viewer.isAdmin() && !viewer.roles().contains(Roles.OPERATOR)) {
            throw new ForbiddenException(
                    "your roles " + viewer.roles().stream().sorted().toList()
                            + " may not change citizen reports; operator and admin may");
        }
        return viewer;
    }

    /** Tests whether the viewer may read a reporter's phone number and e-mail address, as on the map layer. */
    private static boolean mayReadContact(Viewer viewer) {
        return viewer.isAdmin() || viewer.roles().contains(Roles.OPERATOR);
    }

    private String categoryCodes() {
        return reports.store().categories().stream()
                .map(c -> c.serviceCode())
                .toList()
                .toString();
    }

    // ---- Bodies and answers --------------------------------------------------------------------------------------

    /** Refuses a body announced larger than the limit before any of it is read, naming the limit. */
    private void checkLength(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            try {
                long size = Long.parseLong(length.trim());
                if (size > bodyLimit) {
                    problem(
                            ctx,
                            new Problem(
                                    413,
                                    "Content Too Large",
                                    "the request has " + size + " bytes; at most " + bodyLimit + " are accepted here:"
                                            + " a photo may have at most "
                                            + reports.photos().maxBytes()
                                            + " bytes (reports.photo.maxBytes), plus the other fields",
                                    "photo",
                                    0),
                            null);
                    return;
                }
            } catch (NumberFormatException e) {
                // not a number: the HTTP server refuses it before we get here
            }
        }
        ctx.next();
    }

    private static boolean isMultipart(RoutingContext ctx) {
        String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    /** Returns the JSON object of the body; an empty object when there is no body. */
    private static JsonObject json(RoutingContext ctx) {
        String text = ctx.body() == null ? null : ctx.body().asString();
        if (text == null || text.isBlank()) {
            return new JsonObject();
        }
        try {
            return new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            throw new InvalidInputException("body", text, "a JSON object");
        }
    }

    private static String string(JsonObject body, String name, int maxLength, boolean required) {
        Object value = body.getValue(name);
        if (value == null || (value instanceof String s && s.isBlank())) {
            if (required) {
                throw new InvalidInputException(name, null, "a text of at most " + maxLength + " characters");
            }
            return null;
        }
        if (!(value instanceof String s) || s.strip().length() > maxLength) {
            throw new InvalidInputException(
                    name, String.valueOf(value), "a text of at most " + maxLength + " characters");
        }
        return s.strip();
    }

    private static double coordinate(JsonObject body, String name, double min, double max) {
        Object value = body.getValue(name);
        if (!(value instanceof Number n) || !(n.doubleValue() >= min && n.doubleValue() <= max)) {
            throw new InvalidInputException(
                    name, String.valueOf(value), "a number of degrees from " + (int) min + " to " + (int) max);
        }
        double v = n.doubleValue();
        boolean servedArea = name.equals("lon")
                ? v >= Open311Routes.MIN_LON && v <= Open311Routes.MAX_LON
                : v >= Open311Routes.MIN_LAT && v <= Open311Routes.MAX_LAT;
        if (!servedArea) {
            throw new InvalidInputException(
                    name,
                    String.valueOf(value),
                    "a place in Vietnam or its seas (lon " + Open311Routes.MIN_LON + " to " + Open311Routes.MAX_LON
                            + ", lat " + Open311Routes.MIN_LAT + " to " + Open311Routes.MAX_LAT + ")");
        }
        return v;
    }

    private static int integer(MultiMap params, String name, int defaultValue, int min, int max) {
        String raw = params.get(name);
        if (raw == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new InvalidInputException(name, raw, "a whole number from " + min + " to " + max);
    }

    private static void send(RoutingContext ctx, int status, JsonObject json) {
        ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                .end(json.encode());
    }

    /**
     * Answers the failures only reports have (a workflow conflict with its allowed actions, a refused photo, a
     * missing report) as problem+json; hands everything else to the router's problem handler.
     */
    static void fail(RoutingContext ctx, Throwable e) {
        Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        switch (t) {
            case WorkflowConflictException w -> {
                JsonArray allowed = new JsonArray();
                w.allowed().forEach(a -> allowed.add(a.apiName()));
                allowed.add("comment");
                problem(
                        ctx,
                        Problem.conflict(w.getMessage()),
                        new JsonObject()
                                .put("reportCode", w.code())
                                .put("reportStatus", w.status().name())
                                .put("allowedActions", allowed));
            }
            case InvalidPhotoException p ->
                problem(
                        ctx,
                        new Problem(
                                p.httpStatus(),
                                p.httpStatus() == 413 ? "Content Too Large" : "Unsupported Media Type",
                                p.getMessage(),
                                p.parameter(),
                                0),
                        null);
            case ReportNotFoundException n -> ctx.fail(new NotFoundException(n.getMessage()));
            default -> ctx.fail(t);
        }
    }

    private static void problem(RoutingContext ctx, Problem problem, JsonObject extra) {
        JsonObject json = problem.toJson();
        if (extra != null) {
            json.mergeIn(extra);
        }
        ctx.response()
                .setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                .end(json.encode());
    }
}
