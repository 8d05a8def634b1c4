package org.iocmap.service.geoserver;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.iocmap.layers.kinds.LayerCatalog;
import org.iocmap.layers.model.AttributeDef;
import org.iocmap.layers.model.Layer;
import org.iocmap.layers.model.LayerKind;
import org.iocmap.layers.store.StoreKind;
import org.iocmap.service.api.StyleRoutes;
import org.iocmap.service.config.GeoServerSettings;
import org.iocmap.service.geoserver.PublishReport.Action;
import org.iocmap.service.geoserver.PublishReport.Item;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a GeoServer match the service through GeoServer's REST API: one workspace, one PostGIS data store pointing at
 * the service's database, one feature type per layer (a built-in kind from its table, a generic layer as a SQL view of
 * {@code generic_feature}), and per layer an SLD style (the one {@code GET /api/layers/{layer}/style.sld} serves) set
 * as the layer's default style. Every resource is read first, then created ({@code POST}) or updated ({@code PUT}), so
 * publishing again changes nothing that is already right and creates nothing twice.
 *
 * <p>Names: the feature type, the GeoServer layer and the style are all named after the layer id ({@code cameras} is
 * published as {@code iocmap:cameras} with the style {@code iocmap:cameras}).
 *
 * <p>Publishing needs the PostGIS store: GeoServer reads the service's tables. With the embedded store the publisher
 * is off ({@link #isOn()}) and says why. Every call carries Basic authentication; reports and logs name the call and
 * GeoServer's status, never the password.
 *
 * <p>Thread-safe: publications run one at a time. {@link #publish()} blocks on the network.
 */
public final class GeoServerPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GeoServerPublisher.class);
    private static final String JSON = "application/json";
    /** The SLD 1.0.0 media type GeoServer takes a style body as (REST styles resource). */
    private static final String SLD = "application/vnd.ogc.sld+xml";

    private final GeoServerSettings settings;
    private final LayerCatalog catalog;
    private final String offReason; // null when on
    private final Clock clock;
    private final HttpClient http;
    private final String authorization;
    private final Object publishing = new Object(); // one publication at a time
    private volatile PublishReport last;
    private volatile Thread background;

    private GeoServerPublisher(GeoServerSettings settings, LayerCatalog catalog, String offReason, Clock clock) {
        this.settings = settings;
        this.catalog = catalog;
        this.offReason = offReason;
        this.clock = clock;
        this.http = offReason != null
                ? null
                : HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5))
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
        this.authorization = "Basic "
                + Base64.getEncoder()
                        .encodeToString((settings.user() + ":" + settings.password()).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Creates the publisher for the service's settings: off when {@code geoserver.url} is empty, and off with a
     * warning when it is set but the store is not PostGIS (GeoServer could not read the embedded database).
     */
    public static GeoServerPublisher create(GeoServerSettings settings, StoreKind store, LayerCatalog catalog) {
        if (!settings.isOn()) {
            return new GeoServerPublisher(
                    settings, catalog, "publishing to GeoServer is off: geoserver.url is not set", Clock.systemUTC());
        }
        if (store != StoreKind.POSTGIS) {
            String reason = "publishing to GeoServer needs the PostGIS store (db.url=jdbc:postgresql:...);"
                    + " the embedded " + store.id() + " store cannot be read by GeoServer";
            LOG.warn("geoserver.url is set to {} but nothing is published: {}", settings.baseUrl(), reason);
            return new GeoServerPublisher(settings, catalog, reason, Clock.systemUTC());
        }
        return new GeoServerPublisher(settings, catalog, null, Clock.systemUTC());
    }

    /** Tests whether this publisher publishes; when not, {@link #offReason()} says why. */
    public boolean isOn() {
        return offReason == null;
    }

    /** Returns why nothing is published; empty when the publisher is on. */
    public Optional<String> offReason() {
        return Optional.ofNullable(offReason);
    }

    /** Returns the report of the last publication; empty before the first one ends. */
    public Optional<PublishReport> lastReport() {
        return Optional.ofNullable(last);
    }

    /**
     * Publishes in a background thread until GeoServer is reached: while it is down or not ready yet, tries again
     * after {@code firstRetry}, doubling up to {@code maxRetry}. Returns at once. Does nothing when the publisher is
     * off or already started.
     */
    public synchronized void startInBackground(Duration firstRetry, Duration maxRetry) {
        if (!isOn() || background != null) {
            return;
        }
        background = Thread.ofVirtual().name("iocmap-geoserver").start(() -> {
            Duration wait = firstRetry;
            while (!Thread.currentThread().isInterrupted()) {
                PublishReport report = publish();
                if (report.reachedGeoServer()) {
                    return;
                }
                LOG.warn(
                        "GeoServer at {} not reached ({}); trying again in {} ms",
                        settings.baseUrl(),
                        report.resources().getFirst().detail(),
                        wait.toMillis());
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    return; // closed
                }
                wait = wait.multipliedBy(2).compareTo(maxRetry) > 0 ? maxRetry : wait.multipliedBy(2);
            }
        });
    }

    /**
     * Makes GeoServer match the service now and returns what was created, updated or failed, per resource. A failure
     * of one feature type or style is reported for it and the others are still published; when the workspace or the
     * data store cannot be made, nothing that depends on it is tried. Blocks on the network.
     *
     * @throws IllegalStateException when the publisher is off
     */
    public PublishReport publish() {
        if (!isOn()) {
            throw new IllegalStateException(offReason);
        }
        synchronized (publishing) {
            return publishNow();
        }
    }

    private PublishReport publishNow() {
        List<Item> items = new ArrayList<>();
        String ws = settings.workspace();
        String ds = settings.datastore();
        // Workspaces: https://docs.geoserver.org/2.25.x/en/user/rest/api/workspaces.html
        Item workspace = ensure(
                "workspace",
                ws,
                path("workspaces", ws),
                "/rest/workspaces",
                new JsonObject().put("workspace", new JsonObject().put("name", ws)),
                null);
        items.add(workspace);
        if (workspace.failed()) {
            return finish(items, false);
        }
        // Data stores: https://docs.geoserver.org/2.25.x/en/user/rest/api/datastores.html
        JsonObject store = dataStore();
        Item datastore = ensure(
                "datastore",
                ds,
                path("workspaces", ws, "datastores", ds),
                path("workspaces", ws, "datastores"),
                store,
                path("workspaces", ws, "datastores", ds));
        items.add(datastore);
        if (datastore.failed()) {
            return finish(items, true);
        }
        for (Layer layer : catalog.all()) {
            publishLayer(layer, items);
        }
        return finish(items, true);
    }

    private void publishLayer(Layer layer, List<Item> items) {
        String ws = settings.workspace();
        String ds = settings.datastore();
        String name = layer.id();
        // Feature types: https://docs.geoserver.org/2.25.x/en/user/rest/api/featuretypes.html; the PUT recomputes the
        // bounds, which follow the data.
        Item featureType = ensure(
                "featuretype",
                name,
                path("workspaces", ws, "datastores", ds, "featuretypes", name),
                path("workspaces", ws, "datastores", ds, "featuretypes"),
                featureType(layer),
                path("workspaces", ws, "datastores", ds, "featuretypes", name) + "?recalculate=nativebbox,latlonbbox");
        items.add(featureType);
        Item style = publishStyle(layer);
        items.add(style);
        if (featureType.failed() || style.failed()) {
            items.add(new Item("layer", ws + ":" + name, Action.SKIPPED, "its feature type or style failed"));
            return;
        }
        // Layers: https://docs.geoserver.org/2.25.x/en/user/rest/api/layers.html (PUT modifies the layer, here only
        // its default style, a style of the workspace).
        JsonObject body = new JsonObject()
                .put(
                        "layer",
                        new JsonObject()
                                .put(
                                        "defaultStyle",
                                        new JsonObject().put("name", name).put("workspace", ws)));
        Answer put = send("PUT", path("layers", ws + ":" + name), JSON, body.encode());
        items.add(
                put.isSuccess()
                        ? new Item("layer", ws + ":" + name, Action.UPDATED, "")
                        : new Item("layer", ws + ":" + name, Action.FAILED, put.describe()));
    }

    /**
     * Creates or replaces the layer's style in the workspace. Styles:
     * https://docs.geoserver.org/2.25.x/en/user/rest/api/styles.html: a POST of {@code {"style":{name, filename}}}
     * creates the catalogue entry, and a PUT of the SLD document (as {@code application/vnd.ogc.sld+xml}) uploads or
     * replaces its content.
     */
    private Item publishStyle(Layer layer) {
        String ws = settings.workspace();
        String name = layer.id();
        String stylePath = path("workspaces", ws, "styles", name);
        Answer got = send("GET", stylePath + "?quietOnNotFound=true", null, null);
        Action action;
        if (got.status() == 404) {
            JsonObject entry = new JsonObject()
                    .put("style", new JsonObject().put("name", name).put("filename", name + ".sld"));
            Answer post = send("POST", path("workspaces", ws, "styles"), JSON, entry.encode());
            if (!post.isSuccess()) {
                return new Item("style", name, Action.FAILED, post.describe());
            }
            action = Action.CREATED;
        } else if (got.isSuccess()) {
            action = Action.UPDATED;
        } else {
            return new Item("style", name, Action.FAILED, got.describe());
        }
        Answer put = send("PUT", stylePath, SLD, StyleRoutes.sldOf(layer));
        return put.isSuccess()
                ? new Item("style", name, action, "")
                : new Item("style", name, Action.FAILED, put.describe());
    }

    /**
     * Reads a resource; creates it when GeoServer answers 404, updates it when it exists (unless {@code updatePath}
     * is null: then an existing one is left unchanged).
     */
    private Item ensure(
            String type, String name, String readPath, String createPath, JsonObject body, String updatePath) {
        Answer got = send("GET", readPath + "?quietOnNotFound=true", null, null);
        if (got.status() == 404) {
            Answer post = send("POST", createPath, JSON, body.encode());
            return post.isSuccess()
                    ? new Item(type, name, Action.CREATED, "")
                    : new Item(type, name, Action.FAILED, post.describe());
        }
        if (!got.isSuccess()) {
            return new Item(type, name, Action.FAILED, got.describe());
        }
        if (updatePath == null) {
            return new Item(type, name, Action.UNCHANGED, "");
        }
        Answer put = send("PUT", updatePath, JSON, body.encode());
        return put.isSuccess()
                ? new Item(type, name, Action.UPDATED, "")
                : new Item(type, name, Action.FAILED, put.describe());
    }

    /**
     * Returns the PostGIS data store: the connection parameters are those of GeoServer's PostGIS data store
     * (https://docs.geoserver.org/2.25.x/en/user/data/database/postgis.html), as {@code entry} pairs of {@code @key}
     * and {@code $}.
     */
    private JsonObject dataStore() {
        JsonArray entries = new JsonArray()
                .add(entry("dbtype", "postgis"))
                .add(entry("host", settings.dbHost()))
                .add(entry("port", Integer.toString(settings.dbPort())))
                .add(entry("database", settings.dbName()))
                .add(entry("schema", settings.dbSchema()))
                .add(entry("user", settings.dbUser()))
                .add(entry("passwd", settings.dbPassword()))
                .add(entry("Expose primary keys", "true"))
                .add(entry("Loose bbox", "true"))
                .add(entry("Estimated extends", "true"))
                .add(entry("validate connections", "true"));
        return new JsonObject()
                .put(
                        "dataStore",
                        new JsonObject()
                                .put("name", settings.datastore())
                                .put("description", "iocmap layers (PostGIS)")
                                .put("type", "PostGIS")
                                .put("enabled", true)
                                .put("connectionParameters", new JsonObject().put("entry", entries)));
    }

    private static JsonObject entry(String key, String value) {
        return new JsonObject().put("@key", key).put("$", value);
    }

    /**
     * Returns the feature type of a layer: a built-in kind is its own table; a generic layer is a SQL view ("virtual
     * table", https://docs.geoserver.org/2.25.x/en/user/data/database/sqlview.html, kept in the feature type's
     * {@code metadata} under {@code JDBC_VIRTUAL_TABLE}) of its rows of {@code generic_feature}, its attributes taken
     * out of the {@code props} JSON with their types.
     */
    private JsonObject featureType(Layer layer) {
        JsonObject type = new JsonObject()
                .put("name", layer.id())
                .put("nativeName", nativeName(layer))
                .put("title", layer.title().vi())
                .put("abstract", layer.title().en())
                .put("srs", "EPSG:4326")
                .put("projectionPolicy", "FORCE_DECLARED")
                .put("enabled", true)
                .put(
                        "keywords",
                        new JsonObject()
                                .put(
                                        "string",
                                        new JsonArray()
                                                .add("iocmap")
                                                .add(layer.kind().id())));
        if (layer.kind() == LayerKind.GENERIC) {
            JsonObject view = new JsonObject()
                    .put("name", layer.id())
                    .put("sql", genericViewSql(layer))
                    .put("escapeSql", false)
                    .put("keyColumn", "id")
                    .put(
                            "geometry",
                            new JsonObject()
                                    .put("name", "geom")
                                    .put("type", layer.geometryType())
                                    .put("srid", 4326));
            type.put(
                    "metadata",
                    new JsonObject()
                            .put(
                                    "entry",
                                    new JsonObject()
                                            .put("@key", "JDBC_VIRTUAL_TABLE")
                                            .put("virtualTable", view)));
        }
        return new JsonObject().put("featureType", type);
    }

    /** Returns the table a layer's rows are in (as {@code LayerCatalog} maps the kinds), or the view's name. */
    static String nativeName(Layer layer) {
        return switch (layer.kind()) {
            case CAMERA -> "camera";
            case CITIZEN_REPORT -> "citizen_report";
            case ENV_STATION -> "env_station";
            case VESSEL -> "vessel";
            case LAND_USE_PLAN -> "land_use_plan";
            case FIRE_ALARM -> "fire_alarm_device";
            case GENERIC -> layer.id();
        };
    }

    /**
     * Returns the SQL of a generic layer's view: its rows of {@code generic_feature} with each attribute of its schema
     * as a column of its type. Names come from the layer definition, never from a request, and are quoted anyway.
     */
    private String genericViewSql(Layer layer) {
        StringBuilder sql = new StringBuilder("SELECT id, feature_time, geom");
        for (AttributeDef a : layer.attributes()) {
            String value = "(props->>" + literal(a.name()) + ")";
            String cast =
                    switch (a.type()) {
                        case INTEGER -> "::bigint";
                        case NUMBER -> "::double precision";
                        case BOOLEAN -> "::boolean";
                        case DATETIME -> "::timestamptz";
                        case DATE -> "::date";
                        case STRING -> "";
                    };
            sql.append(", ").append(value).append(cast).append(" AS ").append(identifier(a.name()));
        }
        return sql.append(" FROM ")
                .append(identifier(settings.dbSchema()))
                .append(".generic_feature WHERE layer_id = ")
                .append(literal(layer.id()))
                .toString();
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** Returns {@code /rest/} followed by the segments, each percent-encoded. */
    private static String path(String... segments) {
        StringBuilder path = new StringBuilder("/rest");
        for (String segment : segments) {
            path.append('/')
                    .append(URLEncoder.encode(segment, StandardCharsets.UTF_8)
                            .replace("+", "%20")
                            .replace("%3A", ":"));
        }
        return path.toString();
    }

    private PublishReport finish(List<Item> items, boolean reached) {
        PublishReport report = new PublishReport(
                settings.baseUrl(), settings.workspace(), settings.datastore(), clock.instant(), reached, items);
        last = report;
        if (report.isComplete()) {
            LOG.info(
                    "Published to GeoServer {}: {} created, {} updated, {} unchanged",
                    settings.baseUrl(),
                    report.count(Action.CREATED),
                    report.count(Action.UPDATED),
                    report.count(Action.UNCHANGED));
        } else if (reached) {
            for (Item item : items) {
                if (item.failed()) {
                    LOG.warn("GeoServer {} '{}' not published: {}", item.type(), item.name(), item.detail());
                }
            }
        }
        return report;
    }

    /** Sends one call with Basic authentication; a network failure is answered as status 0, never thrown. */
    private Answer send(String method, String pathAndQuery, String contentType, String body) {
        String call = method + " " + pathAndQuery.replaceFirst("\\?.*", "");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.baseUrl() + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization)
                .header("Accept", JSON);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType)
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(call, response.statusCode(), response.body());
        } catch (IOException e) {
            return new Answer(
                    call, 0, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(call, 0, "interrupted");
        }
    }

    /** Holds GeoServer's answer to one call: status 0 when it could not be reached. */
    private record Answer(String call, int status, String body) {
        boolean isSuccess() {
            return status >= 200 && status < 300;
        }

        /** Names the call and what came back, abbreviated; the request (and so the password) is never included. */
        String describe() {
            String text = body == null ? "" : body.strip().replaceAll("\\s+", " ");
            if (text.length() > 200) {
                text = text.substring(0, 200) + "…";
            }
            return status == 0
                    ? call + " could not reach GeoServer: " + text
                    : call + " answered " + status + (text.isEmpty() ? "" : ": " + text);
        }
    }

    /** Stops the background publication, if one is still trying, and the calls under way. */
    @Override
    public void close() {
        Thread thread = background;
        if (thread != null) {
            thread.interrupt();
        }
        if (http != null) {
            http.shutdownNow(); // a call under way is abandoned: publishing again later makes GeoServer right
        }
    }
}
