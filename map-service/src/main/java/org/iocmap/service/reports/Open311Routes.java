package org.iocmap.service.reports;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.iocmap.layers.reports.Duplicate;
import org.iocmap.layers.reports.InvalidPhotoException;
import org.iocmap.layers.reports.NewReport;
import org.iocmap.layers.reports.PhotoFiles;
import org.iocmap.layers.reports.Report;
import org.iocmap.layers.reports.ReportCategory;
import org.iocmap.layers.reports.ReportFilter;
import org.iocmap.layers.reports.ReportNotFoundException;
import org.iocmap.layers.reports.ReportPhoto;
import org.iocmap.layers.reports.ReportSort;
import org.iocmap.layers.reports.ReportStatus;
import org.iocmap.layers.reports.Submission;
import org.iocmap.layers.store.StorageUnavailableException;
import org.iocmap.service.http.Blocking;
import org.iocmap.service.http.InvalidInputException;
import org.iocmap.service.http.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mounts Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2), JSON format, for citizens' apps and portals. Public: no
 * token. Under {@value #BASE}:
 *
 * <ul>
 *   <li>{@code GET discovery.json}; {@code GET services.json}: the categories (no service has metadata, so {@code GET
 *       services/{code}.json} answers 404);
 *   <li>{@code POST requests.json}: form-urlencoded or multipart with a photo in {@code media}; 201, or 200 when the
 *       client key ({@code Idempotency-Key} header or {@code client_key} field) names an earlier request;
 *   <li>{@code GET requests.json} ({@code service_request_id}, {@code service_code}, {@code start_date}, {@code
 *       end_date}, {@code status}) and {@code GET requests/{id}.json};
 *   <li>{@code GET media/{name}}: a report's photo, the {@code media_url} of a request.
 * </ul>
 *
 * Reporters' names, phone numbers and e-mail addresses are never shown here. Every failure is answered in the
 * specification's error form, {@code [{"code": 400, "description": "lat is not a number: 'abc'"}]}, with that HTTP
 * status. Texts are Vietnamese, or English when the client's {@code Accept-Language} starts with {@code en}.
 */
public final class Open311Routes {
    /** The root of the Open311 endpoints. */
    public static final String BASE = "/open311/v2";

    /** Requests created within this many days are listed when no dates are given; a range may not span more. */
    static final int DEFAULT_DAYS = 90;

    static final int MAX_REQUESTS = 1_000;

    /** Room for the form fields next to a photo in one body. */
    static final long FORM_ALLOWANCE_BYTES = 64 * 1024;

    /**
     * Where reports may lie: Vietnam's land and seas, the Hoàng Sa and Trường Sa archipelagos included, with a margin
     * (lon 102–118 E, lat 5.5–24 N).
     */
    static final double MIN_LON = 102;

    static final double MAX_LON = 118;
    static final double MIN_LAT = 5.5;
    static final double MAX_LAT = 24;

    private static final Logger LOG = LoggerFactory.getLogger(Open311Routes.class);
    private static final ZoneOffset VIETNAM = ZoneOffset.ofHours(7);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final DateTimeFormatter NOTICE_TIME = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy");
    private static final String JSON = "application/json; charset=utf-8";
    private static final Pattern PHONE = Pattern.compile("[0-9+()\\-. ]{3,32}");
    static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final Pattern CLIENT_KEY = Pattern.compile("[\\x21-\\x7E]{1,128}");
    private static final Set<String> FIELDS = Set.of(
            "service_code",
            "lat",
            "long",
            "address_string",
            "address_id",
            "description",
            "first_name",
            "last_name",
            "phone",
            "email",
            "device_id",
            "account_id",
            "media_url",
            "api_key",
            "jurisdiction_id",
            "client_key");

    private final ReportService reports;
    private final Blocking blocking;
    private final long bodyLimit;

    private Open311Routes(ReportService reports, Blocking blocking) {
        this.reports = reports;
        this.blocking = blocking;
        this.bodyLimit = reports.photos().maxBytes() + FORM_ALLOWANCE_BYTES;
    }

    /**
     * Mounts the routes, with their failure handler. Mount them before the problem+json failure handler: failure
     * handlers are tried in the order they were mounted.
     *
     * @param uploads the folder where the body handler writes uploads until the request ends
     */
    public static void mount(Router router, ReportService reports, Blocking blocking, Path uploads) {
        Open311Routes routes = new Open311Routes(reports, blocking);
        router.route(BASE + "/*").failureHandler(routes::failure);
        BodyHandler body = BodyHandler.create()
                .setBodyLimit(routes.bodyLimit)
                .setUploadsDirectory(uploads.toString())
                .setDeleteUploadedFilesOnEnd(true);
        router.get(BASE + "/discovery.json").handler(routes::discovery);
        router.get(BASE + "/services.json").handler(routes::services);
        router.getWithRegex(BASE + "/services/([^/]+)\\.json").handler(routes::service);
        // The length check is a route of its own: Vert.x runs a body handler before any other handler of its route.
        router.post(BASE + "/requests.json").handler(routes::checkLength);
        router.post(BASE + "/requests.json").handler(body).handler(routes::submit);
        router.get(BASE + "/requests.json").handler(routes::requests);
        router.getWithRegex(BASE + "/requests/([^/]+)\\.json").handler(routes::request);
        router.get(BASE + "/media/:name").handler(routes::media);
        router.routeWithRegex(BASE + "/.+\\.xml").handler(ctx -> {
            throw new Open311Exception(400, "only the JSON format is served: use .json instead of .xml");
        });
        router.route(BASE + "/*").handler(ctx -> ctx.fail(404)); // unknown paths get the Open311 error form
    }

    // ---- Services ------------------------------------------------------------------------------------------------

    /** GET discovery.json: where the endpoint is and what it speaks. */
    private void discovery(RoutingContext ctx) {
        String base = baseUrl(ctx);
        JsonObject json = new JsonObject()
                .put("changeset", "2026-01-01T00:00:00+07:00")
                .put("contact", "Trung tâm điều hành thông minh (IOC)")
                .put("key_service", "api_key is optional and not checked")
                .put(
                        "endpoints",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("specification", "http://wiki.open311.org/GeoReport_v2")
                                        .put("url", base + BASE)
                                        .put("changeset", "2026-01-01T00:00:00+07:00")
                                        .put("type", "production")
                                        .put("formats", new JsonArray().add("application/json"))));
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(json.encode());
    }

    /** GET services.json: every category as an Open311 service. */
    private void services(RoutingContext ctx) {
        boolean en = english(ctx);
        blocking.run(() -> {
                    JsonArray list = new JsonArray();
                    for (ReportCategory c : reports.store().categories()) {
                        list.add(new JsonObject()
                                .put("service_code", c.serviceCode())
                                .put("service_name", en ? c.nameEn() : c.nameVi())
                                .put("description", en ? c.descriptionEn() : c.descriptionVi())
                                .put("metadata", false)
                                .put("type", "realtime")
                                .put("keywords", c.keywords())
                                .put("group", c.group()));
                    }
                    return list;
                })
                .onSuccess(list ->
                        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(list.encode()))
                .onFailure(ctx::fail);
    }

    /** GET services/{code}.json: no service has metadata (attributes), so there is no definition to give. */
    private void service(RoutingContext ctx) {
        String code = ctx.pathParam("param0");
        blocking.run(() -> {
                    if (reports.store().category(code).isPresent()) {
                        throw new Open311Exception(
                                404, "service " + code + " has no metadata (metadata=false): it needs no attributes");
                    }
                    throw unknownService(code);
                })
                .onFailure(ctx::fail);
    }

    private Open311Exception unknownService(String code) {
        return new Open311Exception(
                404,
                "service_code '" + abbreviate(code) + "' is unknown; valid codes: "
                        + reports.store().categories().stream()
                                .map(ReportCategory::serviceCode)
                                .collect(Collectors.joining(", ")));
    }

    // ---- Submissions ---------------------------------------------------------------------------------------------

    /** Refuses a body announced larger than the limit before any of it is read. */
    private void checkLength(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > bodyLimit) {
                    throw tooLarge(Long.parseLong(length.trim()));
                }
            } catch (NumberFormatException e) {
                // not a number: the HTTP server refuses it before we get here
            }
        }
        ctx.next();
    }

    private Open311Exception tooLarge(long size) {
        return new Open311Exception(
                413,
                "the request is " + (size < 0 ? "larger than the limit" : size + " bytes") + "; at most " + bodyLimit
                        + " bytes are accepted: a photo in media may have at most "
                        + reports.photos().maxBytes()
                        + " bytes, plus the other fields");
    }

    /** POST requests.json: creates a service request (a citizen report). */
    private void submit(RoutingContext ctx) {
        String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")) {
            throw new Open311Exception(
                    415,
                    "requests.json takes form fields (application/x-www-form-urlencoded, or multipart/form-data with"
                            + " a photo in media), not " + (contentType == null ? "no Content-Type" : contentType));
        }
        MultiMap form = MultiMap.caseInsensitiveMultiMap().addAll(ctx.request().formAttributes());
        String headerKey = ctx.request().getHeader("Idempotency-Key");
        List<Path> uploads = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (FileUpload upload : ctx.fileUploads()) {
            if (!"media".equals(upload.name())) {
                errors.add("file field '" + abbreviate(upload.name()) + "' is not taken; send the photo in media");
            } else {
                uploads.add(Path.of(upload.uploadedFileName()));
            }
        }
        if (uploads.size() > 1) {
            errors.add("media holds " + uploads.size() + " files; send one photo per request");
        }
        boolean en = english(ctx);
        String base = baseUrl(ctx);
        blocking.run(() -> {
                    NewReport report = parse(form, headerKey, errors);
                    return reports.submit(report, uploads, "media", ReportService.OPEN311_ACTOR);
                })
                .onSuccess(s -> ctx.response()
                        .setStatusCode(s.created() ? 201 : 200) // 200: a retry, answered with the first request
                        .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                        .putHeader(
                                HttpHeaders.LOCATION,
                                base + BASE + "/requests/" + s.report().code() + ".json")
                        .end(new JsonArray()
                                .add(new JsonObject()
                                        .put("service_request_id", s.report().code())
                                        .put("service_notice", submissionNotice(s, en))
                                        .put("account_id", null))
                                .encode()))
                .onFailure(ctx::fail);
    }

    /** Reads and checks the form; every problem is collected and reported at once. */
    private NewReport parse(MultiMap form, String headerKey, List<String> errors) {
        for (String name : form.names()) {
            if (form.getAll(name).size() > 1 && FIELDS.contains(name)) {
                errors.add(name + " is given " + form.getAll(name).size() + " times; give it once");
            }
        }
        String serviceCode = text(form, "service_code", 64, errors);
        if (serviceCode == null) {
            errors.add("service_code is required; valid codes: " + validCodes());
        } else if (reports.store().category(serviceCode).isEmpty()) {
            errors.add("service_code '" + abbreviate(serviceCode) + "' is unknown; valid codes: " + validCodes());
        }
        Double lat = number(form, "lat", -90, 90, errors);
        Double lon = number(form, "long", -180, 180, errors);
        String address = text(form, "address_string", 255, errors);
        if (lat == null && lon == null && !errors.stream().anyMatch(e -> e.startsWith("lat") || e.startsWith("long"))) {
            errors.add(
                    address == null
                            ? "a location is required: lat and long (decimal degrees, WGS84)"
                            : "lat and long are required: address_string alone cannot be placed on the map here (no"
                                    + " geocoder); send the coordinates too");
        } else if (lat != null && lon == null && !errors.stream().anyMatch(e -> e.startsWith("long"))) {
            errors.add("long is required with lat");
        } else if (lon != null && lat == null && !errors.stream().anyMatch(e -> e.startsWith("lat"))) {
            errors.add("lat is required with long");
        } else if (lat != null && lon != null && (lat < MIN_LAT || lat > MAX_LAT || lon < MIN_LON || lon > MAX_LON)) {
            errors.add("lat " + lat + ", long " + lon + " lies outside the area served (lat " + MIN_LAT + " to "
                    + MAX_LAT + ", long " + MIN_LON + " to " + MAX_LON + ": Vietnam and its seas)");
        }
        String description = text(form, "description", 4_000, errors);
        String first = text(form, "first_name", 120, errors);
        String last = text(form, "last_name", 120, errors);
        String phone = text(form, "phone", 32, errors);
        if (phone != null && !PHONE.matcher(phone).matches()) {
            errors.add("phone '" + abbreviate(phone) + "' is not a phone number: digits, spaces and + ( ) - . only");
        }
        String email = text(form, "email", 255, errors);
        if (email != null && !EMAIL.matcher(email).matches()) {
            errors.add("email '" + abbreviate(email) + "' is not an e-mail address");
        }
        String deviceId = text(form, "device_id", 128, errors);
        String accountId = text(form, "account_id", 128, errors);
        String mediaUrl = text(form, "media_url", 2_000, errors);
        if (mediaUrl != null && !isHttpUrl(mediaUrl)) {
            errors.add("media_url '" + abbreviate(mediaUrl) + "' is not an http or https URL");
        }
        String key = clientKey(headerKey, text(form, "client_key", 200, errors), errors);
        if (!errors.isEmpty()) {
            throw new Open311Exception(400, errors);
        }
        String name = first == null ? last : last == null ? first : first + " " + last;
        return new NewReport(
                serviceCode,
                null,
                description,
                "open311",
                name,
                phone,
                email,
                deviceId,
                accountId,
                address,
                lon,
                lat,
                null,
                mediaUrl,
                key);
    }

    /** Reads the client key from the header or the field; both must agree when both are given. */
    static String clientKey(String header, String field, List<String> errors) {
        String key = header != null ? header.strip() : field;
        if (header != null && field != null && !header.strip().equals(field)) {
            errors.add("client_key '" + abbreviate(field) + "' differs from the Idempotency-Key header; send one");
            return null;
        }
        if (key != null && !CLIENT_KEY.matcher(key).matches()) {
            errors.add((header != null ? "Idempotency-Key" : "client_key") + " '" + abbreviate(key)
                    + "' is not 1 to 128 visible ASCII characters");
            return null;
        }
        return key;
    }

    private String validCodes() {
        return reports.store().categories().stream()
                .map(ReportCategory::serviceCode)
                .collect(Collectors.joining(", "));
    }

    /** Returns the notice of a submission: received, who handles it by when, and what may duplicate it. */
    private String submissionNotice(Submission s, boolean en) {
        Report r = s.report();
        StringBuilder notice = new StringBuilder(
                en
                        ? "Report " + r.code() + " received. Handled by " + r.agency() + " by "
                                + NOTICE_TIME.format(r.deadlineAt().atOffset(VIETNAM)) + " (UTC+7)."
                        : "Đã tiếp nhận phản ánh " + r.code() + ". Đơn vị xử lý: " + r.agency() + "; hạn xử lý: "
                                + NOTICE_TIME.format(r.deadlineAt().atOffset(VIETNAM)) + ".");
        List<Duplicate> duplicates = s.duplicates();
        if (!duplicates.isEmpty()) {
            notice.append(en ? " It may repeat a report made nearby: " : " Có thể trùng với phản ánh đã có gần đó: ");
            notice.append(duplicates.stream()
                    .limit(5)
                    .map(d -> d.report().code() + " (" + Math.round(d.distanceMetres()) + " m)")
                    .collect(Collectors.joining(", ")));
            notice.append('.');
        }
        return notice.toString();
    }

    // ---- Requests ------------------------------------------------------------------------------------------------

    /** GET requests.json: the requests matching the parameters, newest first, at most {@value #MAX_REQUESTS}. */
    private void requests(RoutingContext ctx) {
        MultiMap params = ctx.queryParams();
        boolean en = english(ctx);
        String base = baseUrl(ctx);
        blocking.run(() -> {
                    ReportFilter filter = filter(params);
                    List<Report> found = reports.store().list(filter).reports();
                    return render(found, base, en);
                })
                .onSuccess(list ->
                        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(list.encode()))
                .onFailure(ctx::fail);
    }

    /** GET requests/{id}.json: one request, as an array of one, per the specification. */
    private void request(RoutingContext ctx) {
        String code = ctx.pathParam("param0");
        boolean en = english(ctx);
        String base = baseUrl(ctx);
        blocking.run(() -> {
                    Report report = reports.store()
                            .find(code)
                            .orElseThrow(() -> new Open311Exception(
                                    404, "service_request_id '" + abbreviate(code) + "' names no request"));
                    return render(List.of(report), base, en);
                })
                .onSuccess(list ->
                        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(list.encode()))
                .onFailure(ctx::fail);
    }

    private ReportFilter filter(MultiMap params) {
        List<String> errors = new ArrayList<>();
        ReportFilter filter = ReportFilter.any(MAX_REQUESTS).withSort(ReportSort.CREATED);
        String ids = params.get("service_request_id");
        if (ids != null) {
            // The ids override every other parameter (GeoReport v2).
            Set<String> codes = list(ids);
            if (codes.isEmpty() || codes.size() > MAX_REQUESTS) {
                throw new Open311Exception(
                        400, "service_request_id must list 1 to " + MAX_REQUESTS + " comma-separated ids");
            }
            return filter.withCodes(codes);
        }
        String codes = params.get("service_code");
        if (codes != null) {
            Set<String> wanted = list(codes);
            for (String code : wanted) {
                if (reports.store().category(code).isEmpty()) {
                    errors.add("service_code '" + abbreviate(code) + "' is unknown; valid codes: " + validCodes());
                }
            }
            filter = filter.withServiceCodes(wanted);
        }
        String status = params.get("status");
        if (status != null) {
            Set<ReportStatus> statuses = new LinkedHashSet<>();
            for (String s : list(status)) {
                switch (s.toLowerCase(Locale.ROOT)) {
                    case "open" ->
                        statuses.addAll(List.of(ReportStatus.NEW, ReportStatus.ASSIGNED, ReportStatus.IN_PROGRESS));
                    case "closed" -> statuses.addAll(List.of(ReportStatus.RESOLVED, ReportStatus.REJECTED));
                    default -> errors.add("status '" + abbreviate(s) + "' is neither open nor closed");
                }
            }
            filter = filter.withStatuses(statuses);
        }
        Instant start = datetime(params, "start_date", errors);
        Instant end = datetime(params, "end_date", errors);
        Duration most = Duration.ofDays(DEFAULT_DAYS);
        if (start == null && end == null) {
            end = Instant.now();
            start = end.minus(most);
        } else if (start == null) {
            start = end.minus(most);
        } else if (end == null) {
            end = start.plus(most);
        } else if (start.isAfter(end)) {
            errors.add("start_date " + params.get("start_date") + " is after end_date " + params.get("end_date"));
        } else if (Duration.between(start, end).compareTo(most) > 0) {
            errors.add("start_date and end_date may not span more than " + DEFAULT_DAYS + " days");
        }
        if (!errors.isEmpty()) {
            throw new Open311Exception(400, errors);
        }
        return filter.withCreated(start, end);
    }

    /** Renders requests in GeoReport v2 form, without anything that names the reporter. */
    private JsonArray render(List<Report> found, String base, boolean en) {
        Map<Long, ReportPhoto> photos =
                reports.store().firstPhotos(found.stream().map(Report::id).toList());
        JsonArray list = new JsonArray();
        for (Report r : found) {
            ReportCategory category = r.serviceCode() == null
                    ? null
                    : reports.store().category(r.serviceCode()).orElse(null);
            ReportPhoto photo = photos.get(r.id());
            list.add(new JsonObject()
                    .put("service_request_id", r.code())
                    .put("status", r.status().open311())
                    .put("status_notes", r.statusNote())
                    .put("service_name", category == null ? r.category() : en ? category.nameEn() : category.nameVi())
                    .put("service_code", r.serviceCode())
                    .put("description", r.description())
                    .put("agency_responsible", r.agency())
                    .put("service_notice", notice(r, en))
                    .put("requested_datetime", time(r.createdAt()))
                    .put("updated_datetime", time(r.updatedAt()))
                    .put("expected_datetime", time(r.deadlineAt()))
                    .put("address", r.address())
                    .put("address_id", null)
                    .put("zipcode", null)
                    .put("lat", r.lat())
                    .put("long", r.lon())
                    .put("media_url", photo != null ? mediaUrl(base, photo.fileName()) : r.mediaUrl()));
        }
        return list;
    }

    /** Returns the absolute URL at which a photo is served. */
    static String mediaUrl(String base, String fileName) {
        return base + BASE + "/media/" + fileName;
    }

    private static String notice(Report r, boolean en) {
        if (r.isMerged()) {
            return en ? "Merged into report " + r.mergedInto() + "." : "Đã gộp vào phản ánh " + r.mergedInto() + ".";
        }
        if (!r.status().isOpen() || r.deadlineAt() == null) {
            return null;
        }
        String when = NOTICE_TIME.format(r.deadlineAt().atOffset(VIETNAM));
        return en
                ? "Handled by " + r.agency() + " by " + when + " (UTC+7)."
                : "Đơn vị xử lý: " + r.agency() + "; hạn xử lý: " + when + ".";
    }

    // ---- Media ---------------------------------------------------------------------------------------------------

    /** GET media/{name}: a report's photo. Only names the platform generated are looked up. */
    private void media(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        if (PhotoFiles.typeOf(name) == null) {
            throw new Open311Exception(
                    400,
                    "media name '" + abbreviate(name) + "' is not a photo name: expected a lower-case UUID with .jpg,"
                            + " .png or .webp");
        }
        blocking.run(() ->
                        reports.photoFile(name).orElseThrow(() -> new Open311Exception(404, "no photo named " + name)))
                .onSuccess(path -> ctx.response()
                        .putHeader(
                                HttpHeaders.CONTENT_TYPE,
                                PhotoFiles.typeOf(name).contentType())
                        .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=31536000, immutable")
                        .putHeader("X-Content-Type-Options", "nosniff")
                        .putHeader("Content-Security-Policy", "default-src 'none'")
                        .sendFile(path.toString())
                        .onFailure(ctx::fail))
                .onFailure(ctx::fail);
    }

    // ---- Failures ------------------------------------------------------------------------------------------------

    /** Answers every failure under {@value #BASE} as GeoReport v2 errors. */
    private void failure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        int status;
        List<String> descriptions;
        switch (failure) {
            case Open311Exception e -> {
                status = e.status();
                descriptions = e.descriptions();
            }
            case InvalidPhotoException e -> {
                status = e.httpStatus();
                descriptions = List.of(e.getMessage());
            }
            case InvalidInputException e -> {
                status = 400;
                descriptions = List.of(e.getMessage());
            }
            case ReportNotFoundException e -> {
                status = 404;
                descriptions = List.of(e.getMessage());
            }
            case NotFoundException e -> {
                status = 404;
                descriptions = List.of(e.getMessage());
            }
            case StorageUnavailableException e -> {
                status = 503;
                descriptions = List.of("the data store is unavailable; retry after 30 s");
                ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "30");
            }
            case null -> {
                status = ctx.statusCode() <= 0 ? 500 : ctx.statusCode();
                descriptions = List.of(
                        switch (status) {
                            case 404 ->
                                "no Open311 resource at "
                                        + abbreviate(ctx.request().path());
                            case 405 ->
                                "this method is not allowed on "
                                        + abbreviate(ctx.request().path());
                            case 413 -> tooLarge(-1).descriptions().getFirst();
                            default -> "the request failed with status " + status;
                        });
            }
            default -> {
                String ref = UUID.randomUUID().toString();
                LOG.error(
                        "Unhandled failure ref={} {} {}",
                        ref,
                        ctx.request().method(),
                        ctx.request().path(),
                        failure);
                status = 500;
                descriptions = List.of("internal error; reference " + ref);
            }
        }
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        JsonArray errors = new JsonArray();
        descriptions.forEach(
                d -> errors.add(new JsonObject().put("code", status).put("description", d)));
        ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                .end(errors.encode());
    }

    // ---- Parsing -------------------------------------------------------------------------------------------------

    private static String text(MultiMap form, String name, int maxLength, List<String> errors) {
        String value = form.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        value = value.strip();
        if (value.length() > maxLength) {
            errors.add(name + " has " + value.length() + " characters; at most " + maxLength + " are accepted");
            return null;
        }
        return value;
    }

    private static Double number(MultiMap form, String name, double min, double max, List<String> errors) {
        String raw = form.get(name);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        double value;
        try {
            value = Double.parseDouble(raw.strip());
        } catch (NumberFormatException e) {
            errors.add(name + " is not a number: '" + abbreviate(raw) + "'");
            return null;
        }
        if (!(value >= min && value <= max)) { // the negation also rejects NaN
            errors.add(name + " must lie within " + (int) min + " and " + (int) max + " degrees, was " + raw.strip());
            return null;
        }
        return value;
    }

    /**
     * Reads an ISO 8601 time: with an offset ({@code 2026-01-31T08:00:00+07:00}, {@code …Z}), without one (Vietnam
     * time), or a date (its start, Vietnam time).
     */
    static Instant datetime(MultiMap params, String name, List<String> errors) {
        String raw = params.get(name);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String text = raw.strip().replace(' ', '+'); // a '+' of an offset arrives as a space when not encoded
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            // try the forms without an offset
        }
        try {
            return LocalDateTime.parse(text).toInstant(VIETNAM);
        } catch (DateTimeParseException e) {
            // try a date
        }
        try {
            return LocalDate.parse(text).atStartOfDay().toInstant(VIETNAM);
        } catch (DateTimeParseException e) {
            errors.add(name + " '" + abbreviate(raw) + "' is not an ISO 8601 time such as 2026-01-31T08:00:00+07:00");
            return null;
        }
    }

    private static Set<String> list(String raw) {
        Set<String> values = new LinkedHashSet<>();
        for (String part : raw.split(",")) {
            if (!part.isBlank()) {
                values.add(part.strip());
            }
        }
        return values;
    }

    private static boolean isHttpUrl(String text) {
        try {
            URI uri = new URI(text);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    static String time(Instant t) {
        return t == null ? null : TIME.format(t.atOffset(VIETNAM).truncatedTo(ChronoUnit.SECONDS));
    }

    /** Tests whether the client asks for English ({@code Accept-Language} starting with {@code en}). */
    static boolean english(RoutingContext ctx) {
        String accept = ctx.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE);
        return accept != null && accept.strip().toLowerCase(Locale.ROOT).startsWith("en");
    }

    /** Returns {@code scheme://host[:port]} of the request, for absolute URLs. */
    static String baseUrl(RoutingContext ctx) {
        URI uri = URI.create(ctx.request().absoluteURI());
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    static String abbreviate(String value) {
        if (value == null) {
            return "";
        }
        return value.length() <= 80 ? value : value.substring(0, 80) + "…";
    }
}
