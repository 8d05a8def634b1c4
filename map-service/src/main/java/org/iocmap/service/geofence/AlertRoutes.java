package org.iocmap.service.geofence;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.iocmap.layers.kinds.GenericFeatures;
import org.iocmap.layers.kinds.LayerCatalog;
import org.iocmap.layers.model.Feature;
import org.iocmap.layers.model.FeaturePage;
import org.iocmap.layers.model.FeatureQuery;
import org.iocmap.layers.model.Layer;
import org.iocmap.layers.model.TimeInterval;
import org.iocmap.layers.query.cql2.Cql2Parser;
import org.iocmap.layers.store.Store;
import org.iocmap.service.auth.AuthHandler;
import org.iocmap.service.auth.LayerAccess;
import org.iocmap.service.auth.Viewer;
import org.iocmap.service.http.Blocking;
import org.iocmap.service.http.ConflictException;
import org.iocmap.service.http.GeoJson;
import org.iocmap.service.http.InvalidInputException;
import org.iocmap.service.http.NotFoundException;

/**
 * Mounts the alerts of the geofence monitor, the features of layer {@value GeofenceMonitor#ALERT_LAYER}:
 *
 * <ul>
 *   <li>{@code GET /api/alerts?event=&mmsi=&fence=&status=&from=&to=&limit=}: the most recently raised first, as
 *       GeoJSON features with their evidence;
 *   <li>{@code POST /api/alerts/{id}/acknowledge} with {@code {"note": "…"}}: an officer takes the alert; a second
 *       acknowledgement is a 409 naming who took it;
 *   <li>{@code GET /api/alerts/{id}/cap}: the alert as a CAP 1.2 message (OASIS Common Alerting Protocol).
 * </ul>
 *
 * Whoever may read the layer (fisheries, admin) may use them. Live alerts come on {@code /api/stream?layer=}{@value
 * GeofenceMonitor#ALERT_LAYER}, stored before they are sent.
 */
public final class AlertRoutes {
    static final int MAX_LIMIT = 1_000;
    private static final DateTimeFormatter CAP_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private final LayerCatalog catalog;
    private final GenericFeatures features;
    private final Store store;
    private final Blocking blocking;
    private final Clock clock;

    private AlertRoutes(LayerCatalog catalog, Store store, Blocking blocking, Clock clock) {
        this.catalog = catalog;
        this.features = new GenericFeatures(store, new org.iocmap.layers.changes.ChangeLog(store));
        this.store = store;
        this.blocking = blocking;
        this.clock = clock;
    }

    /** Mounts the routes on {@code router}. */
    public static void mount(Router router, LayerCatalog catalog, Store store, Blocking blocking) {
        AlertRoutes routes = new AlertRoutes(catalog, store, blocking, Clock.systemUTC());
        router.get("/api/alerts").handler(routes::list);
        router.post("/api/alerts/:id/acknowledge").handler(routes::acknowledge);
        router.get("/api/alerts/:id/cap").handler(routes::cap);
        router.get("/api/alerts/outbox").handler(routes::outbox);
    }

    private Layer layer(RoutingContext ctx) {
        Viewer viewer = AuthHandler.viewer(ctx);
        return LayerAccess.requireReadable(
                viewer, catalog.find(GeofenceMonitor.ALERT_LAYER), GeofenceMonitor.ALERT_LAYER);
    }

    private void list(RoutingContext ctx) {
        Layer layer = layer(ctx);
        MultiMap params = ctx.queryParams();
        List<String> conditions = new ArrayList<>();
        text(params, "event", "event", conditions);
        text(params, "fence", "fence_id", conditions);
        text(params, "status", "status", conditions);
        if (params.get("mmsi") != null) {
            if (!params.get("mmsi").matches("\\d{1,9}")) {
                throw new InvalidInputException("mmsi", params.get("mmsi"), "a number of up to 9 digits");
            }
            conditions.add("mmsi = " + Long.parseLong(params.get("mmsi")));
        }
        int limit = limit(params.get("limit"));
        TimeInterval window = org.iocmap.service.http.QueryParams.window(params);
        FeatureQuery query = new FeatureQuery(null, window, limit, 0)
                .withSortBy(List.of(new org.iocmap.layers.model.SortKey("raised_at", true)));
        if (!conditions.isEmpty()) {
            query = query.withFilter(Cql2Parser.parse(String.join(" AND ", conditions)));
        }
        FeatureQuery q = query;
        blocking.run(() -> {
                    FeaturePage page = layer.query(q);
                    JsonArray items = new JsonArray();
                    page.features().forEach(f -> items.add(toJson(f)));
                    return new JsonObject()
                            .put("type", "FeatureCollection")
                            .put("numberMatched", page.numberMatched())
                            .put("numberReturned", items.size())
                            .put("features", items);
                })
                .onSuccess(json -> ctx.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/geo+json")
                        .end(json.encode()))
                .onFailure(ctx::fail);
    }

    private void acknowledge(RoutingContext ctx) {
        Layer layer = layer(ctx);
        Viewer viewer = AuthHandler.requireSignedIn(ctx);
        long id = id(ctx);
        JsonObject body = ctx.body() == null
                        || ctx.body().asString() == null
                        || ctx.body().asString().isBlank()
                ? new JsonObject()
                : ctx.body().asJsonObject();
        Object note = body.getValue("note");
        if (note != null && (!(note instanceof String s) || s.length() > 2_000)) {
            throw new InvalidInputException("note", String.valueOf(note), "a text of at most 2,000 characters");
        }
        Instant now = clock.instant();
        blocking.run(() -> {
                    Feature alert = layer.findFeature(id).orElseThrow(() -> new NotFoundException("no alert " + id));
                    if ("ACKNOWLEDGED".equals(alert.properties().get("status"))) {
                        throw new ConflictException("alert " + id + " was acknowledged by "
                                + alert.properties().get("acknowledged_by") + " at "
                                + alert.properties().get("acknowledged_at"));
                    }
                    Map<String, Object> properties = new HashMap<>(alert.properties());
                    properties.put("status", "ACKNOWLEDGED");
                    properties.put("acknowledged_by", viewer.username());
                    properties.put("acknowledged_at", now.toString());
                    properties.put("note", note);
                    features.replace(GeofenceMonitor.ALERT_LAYER, id, alert.geometry(), properties, alert.time());
                    return toJson(new Feature(id, alert.geometry(), alert.time(), properties));
                })
                .onSuccess(json -> ctx.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/geo+json")
                        .end(json.encode()))
                .onFailure(ctx::fail);
    }

    /** GET /api/alerts/outbox: the webhook outbox's counts and most recent rows, for administrators. */
    private void outbox(RoutingContext ctx) {
        Viewer viewer = AuthHandler.requireSignedIn(ctx);
        if (!viewer.isAdmin()) {
            throw new org.iocmap.service.http.ForbiddenException("the webhook outbox is for administrators");
        }
        blocking.run(() -> JsonObject.mapFrom(WebhookOutbox.status(store)))
                .onSuccess(json -> ctx.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .end(json.encode()))
                .onFailure(ctx::fail);
    }

    private void cap(RoutingContext ctx) {
        Layer layer = layer(ctx);
        long id = id(ctx);
        blocking.run(() -> layer.findFeature(id).orElseThrow(() -> new NotFoundException("no alert " + id)))
                .onSuccess(alert -> ctx.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/cap+xml; charset=utf-8")
                        .end(capXml(alert)))
                .onFailure(ctx::fail);
    }

    /** Writes an alert as a CAP 1.2 message: restricted to fisheries officers, observed, its point as a circle. */
    static String capXml(Feature alert) {
        Map<String, Object> p = alert.properties();
        String event = String.valueOf(p.get("event"));
        String vessel =
                p.get("vessel") == null ? "MMSI " + p.get("mmsi") : p.get("vessel") + " (MMSI " + p.get("mmsi") + ")";
        String fence = p.get("fence_name") == null ? null : p.get("fence_name") + " (v" + p.get("fence_version") + ")";
        String headline = event + ": " + vessel + (fence == null ? "" : " — " + fence);
        double lon = alert.geometry().getCoordinate().x;
        double lat = alert.geometry().getCoordinate().y;
        Instant sent = p.get("raised_at") == null ? alert.time() : Instant.parse(String.valueOf(p.get("raised_at")));
        StringBuilder xml = new StringBuilder(1024);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">\n")
                .append("  <identifier>iocmap-vessel-alert-")
                .append(alert.id())
                .append("</identifier>\n")
                .append("  <sender>iocmap</sender>\n")
                .append("  <sent>")
                .append(CAP_TIME.format(sent.atOffset(ZoneOffset.UTC)))
                .append("</sent>\n")
                .append("  <status>Actual</status>\n")
                .append("  <msgType>")
                .append("ACKNOWLEDGED".equals(p.get("status")) ? "Ack" : "Alert")
                .append("</msgType>\n")
                .append("  <scope>Restricted</scope>\n")
                .append("  <restriction>fisheries officers</restriction>\n")
                .append("  <info>\n")
                .append("    <language>vi-VN</language>\n")
                .append("    <category>Safety</category>\n")
                .append("    <event>")
                .append(escape(event))
                .append("</event>\n")
                .append("    <urgency>Immediate</urgency>\n")
                .append("    <severity>")
                .append(severity(event))
                .append("</severity>\n")
                .append("    <certainty>")
                .append(Boolean.TRUE.equals(p.get("interpolated")) ? "Likely" : "Observed")
                .append("</certainty>\n")
                .append("    <onset>")
                .append(CAP_TIME.format(alert.time().atOffset(ZoneOffset.UTC)))
                .append("</onset>\n")
                .append("    <senderName>iocmap</senderName>\n")
                .append("    <headline>")
                .append(escape(headline))
                .append("</headline>\n")
                .append("    <description>")
                .append(escape(String.valueOf(p.get("summary"))))
                .append("</description>\n")
                .append(parameter("MMSI", p.get("mmsi")))
                .append(parameter("fenceId", p.get("fence_id")))
                .append(parameter("fenceVersion", p.get("fence_version")))
                .append("    <area>\n")
                .append("      <areaDesc>")
                .append(escape(fence == null ? "vessel position" : fence))
                .append("</areaDesc>\n")
                .append("      <circle>")
                .append(lat)
                .append(',')
                .append(lon)
                .append(" 0</circle>\n")
                .append("    </area>\n")
                .append("  </info>\n")
                .append("</alert>\n");
        return xml.toString();
    }

    private static String severity(String event) {
        return switch (event) {
            case "ENTER", "CROSS", "LOITER", "DARK_STARTED" -> "Severe";
            case "APPROACH", "DWELL" -> "Moderate";
            default -> "Minor";
        };
    }

    private static String parameter(String name, Object value) {
        if (value == null) {
            return "";
        }
        return "    <parameter><valueName>" + name + "</valueName><value>" + escape(String.valueOf(value))
                + "</value></parameter>\n";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    /** Returns an alert as the API shows it: a GeoJSON Feature with its time and its evidence as JSON. */
    static JsonObject toJson(Feature f) {
        JsonObject properties = new JsonObject(new HashMap<>(f.properties()));
        Object evidence = f.properties().get("evidence");
        if (evidence instanceof String s && s.startsWith("{")) {
            properties.put("evidence", new JsonObject(s));
        }
        return new JsonObject()
                .put("type", "Feature")
                .put("id", f.id())
                .put("geometry", GeoJson.geometry(f.geometry()))
                .put("time", f.time() == null ? null : f.time().toString())
                .put("properties", properties);
    }

    private static void text(MultiMap params, String name, String attribute, List<String> conditions) {
        String value = params.get(name);
        if (value == null) {
            return;
        }
        if (!value.matches("[A-Za-z0-9_\\-]{1,64}")) {
            throw new InvalidInputException(name, value, "letters, digits, '-' and '_'");
        }
        conditions.add(attribute + " = '" + value + "'");
    }

    private static int limit(String raw) {
        if (raw == null) {
            return 100;
        }
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new InvalidInputException("limit", raw, "a whole number from 1 to " + MAX_LIMIT);
    }

    private static long id(RoutingContext ctx) {
        String raw = ctx.pathParam("id");
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("id", raw, "the number of an alert");
        }
    }
}
