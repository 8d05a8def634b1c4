package org.iocmap.service.geoserver;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;

/**
 * Stands in for GeoServer's REST API (https://docs.geoserver.org/2.25.x/en/user/rest/) in tests: a real HTTP server
 * under {@code /geoserver/rest} that keeps what exists (workspaces, data stores, feature types with their layers,
 * styles with their SLD, default styles), answers a GET 200 or 404 accordingly, a POST 201 and a PUT 200, and CHECKS
 * every request against the documented API: the method and path of each resource, the query parameters it takes,
 * Basic authentication, the Content-Type, and the body (the JSON keys each resource requires, an SLD document with a
 * {@code StyledLayerDescriptor} root in the SLD namespace). What it does not recognise or finds wrong is answered as
 * GeoServer would (404, 400, 401, 403) and recorded in {@link #violations()}, which a test asserts empty.
 */
public final class RecordingGeoServer implements AutoCloseable {
    public static final String USER = "gsadmin";
    public static final String PASSWORD = "gs-secret-Ω";
    /** The tables a feature type may name without a SQL view: those of the PostGIS schema GeoServer would see. */
    private static final Set<String> TABLES =
            Set.of("camera", "citizen_report", "env_station", "vessel", "land_use_plan", "fire_alarm_device");

    private static final String NAME = "([^/]+)";
    private static final String SLD_NS = "http://www.opengis.net/sld";

    private final HttpServer server;
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> workspaces = new HashSet<>();
    private final Map<String, JsonObject> datastores = new HashMap<>(); // ws/ds -> body
    private final Map<String, JsonObject> featureTypes = new HashMap<>(); // ws/ds/ft -> body
    private final Map<String, String> layers = new HashMap<>(); // ws:layer -> default style (ws/style) or ""
    private final Map<String, String> styles = new HashMap<>(); // ws/style -> SLD ("" before the upload)
    private final Set<String> failingFeatureTypes = new HashSet<>();

    private RecordingGeoServer(HttpServer server) {
        this.server = server;
    }

    /** Starts the endpoint on {@code port} of the loopback (0 picks a free one). */
    public static RecordingGeoServer start(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            RecordingGeoServer geoserver = new RecordingGeoServer(server);
            server.createContext("/", geoserver::handle);
            server.start();
            return geoserver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the base URL to configure, as {@code geoserver.url} takes it. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/geoserver";
    }

    /** Makes the creation of this feature type fail with 500, as GeoServer does when it cannot read its table. */
    public synchronized void failFeatureType(String name) {
        failingFeatureTypes.add(name);
    }

    /** Returns every call received, as {@code METHOD /rest/...} without the query, in order. */
    public List<String> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /** Forgets the calls received so far (not the state). */
    public void clearCalls() {
        calls.clear();
    }

    /** Returns every request that broke the documented API, with its method and path. */
    public List<String> violations() {
        synchronized (violations) {
            return List.copyOf(violations);
        }
    }

    public synchronized boolean hasFeatureType(String ws, String ds, String name) {
        return featureTypes.containsKey(ws + "/" + ds + "/" + name);
    }

    public synchronized JsonObject featureType(String ws, String ds, String name) {
        return featureTypes.get(ws + "/" + ds + "/" + name);
    }

    public synchronized JsonObject datastore(String ws, String ds) {
        return datastores.get(ws + "/" + ds);
    }

    public synchronized String sld(String ws, String style) {
        return styles.get(ws + "/" + style);
    }

    /** Returns the default style of a layer as {@code ws/style}; null when the layer does not exist. */
    public synchronized String defaultStyle(String ws, String layer) {
        return layers.get(ws + ":" + layer);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String rawPath = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        byte[] body = exchange.getRequestBody().readAllBytes();
        String prefix = "/geoserver/rest";
        String path = rawPath.startsWith(prefix) ? rawPath.substring(prefix.length()) : null;
        calls.add(method + " " + (path == null ? rawPath : "/rest" + path));
        Reply reply;
        String expected =
                "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        if (path == null) {
            reply = violation(method, rawPath, 404, "not under /geoserver/rest");
        } else if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            reply = violation(method, rawPath, 401, "no or wrong Basic authentication");
        } else {
            synchronized (this) {
                reply = route(new Request(
                        method, path, query, exchange.getRequestHeaders().getFirst("Content-Type"), body));
            }
        }
        byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", reply.status() < 300 ? "application/json" : "text/plain");
        if (reply.status() == 201) {
            exchange.getResponseHeaders().set("Location", baseUrl() + "/rest" + path);
        }
        exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            exchange.getResponseBody().write(out);
        }
        exchange.close();
    }

    private record Request(String method, String path, String query, String contentType, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private record Reply(int status, String body) {}

    private Reply violation(String method, String path, int status, String why) {
        violations.add(method + " " + path + ": " + why);
        return new Reply(status, why);
    }

    /** Answers one request as the REST resources documented at docs.geoserver.org/.../rest/api/ do. */
    private Reply route(Request r) {
        String[] p = segments(r.path());
        String shape = r.method() + " " + shapeOf(p);
        return switch (shape) {
            // workspaces.html: GET /workspaces/<ws> (quietOnNotFound), POST /workspaces
            case "GET /workspaces/*" -> read(r, workspaces.contains(p[1]), "workspace", p[1]);
            case "POST /workspaces" -> {
                JsonObject ws = json(r, "workspace");
                String name = ws == null ? null : ws.getString("name");
                if (name == null || name.isBlank()) {
                    yield bad(r, 400, "workspace.name is required");
                }
                if (!workspaces.add(name)) {
                    yield bad(r, 409, "workspace " + name + " exists");
                }
                yield new Reply(201, name);
            }
            // datastores.html: GET/PUT /workspaces/<ws>/datastores/<ds>, POST /workspaces/<ws>/datastores
            case "GET /workspaces/*/datastores/*" ->
                read(r, datastores.containsKey(p[1] + "/" + p[3]), "dataStore", p[3]);
            case "POST /workspaces/*/datastores", "PUT /workspaces/*/datastores/*" -> {
                boolean create = r.method().equals("POST");
                String key = create ? null : p[1] + "/" + p[3];
                if (!workspaces.contains(p[1])) {
                    yield bad(r, 404, "no workspace " + p[1]);
                }
                JsonObject ds = json(r, "dataStore");
                String problem = ds == null ? "a dataStore object is required" : checkDataStore(ds);
                if (problem != null) {
                    yield bad(r, 400, problem);
                }
                String name = ds.getString("name");
                if (create && datastores.containsKey(p[1] + "/" + name)) {
                    yield bad(r, 409, "data store " + name + " exists");
                }
                if (!create && !datastores.containsKey(key)) {
                    yield bad(r, 404, "no data store " + key);
                }
                if (!create && !name.equals(p[3])) {
                    yield bad(r, 403, "a PUT may not rename a data store");
                }
                datastores.put(p[1] + "/" + name, ds);
                yield new Reply(create ? 201 : 200, name);
            }
            // featuretypes.html: GET/PUT .../featuretypes/<ft> (PUT: recalculate), POST .../featuretypes
            case "GET /workspaces/*/datastores/*/featuretypes/*" ->
                read(r, featureTypes.containsKey(p[1] + "/" + p[3] + "/" + p[5]), "featureType", p[5]);
            case "POST /workspaces/*/datastores/*/featuretypes", "PUT /workspaces/*/datastores/*/featuretypes/*" -> {
                boolean create = r.method().equals("POST");
                if (create && r.query() != null) {
                    yield bad(r, 400, "unexpected query " + r.query());
                }
                if (!create && !queryIs(r.query(), "recalculate", Set.of("nativebbox", "latlonbbox"))) {
                    yield bad(r, 400, "unexpected query " + r.query());
                }
                if (!datastores.containsKey(p[1] + "/" + p[3])) {
                    yield bad(r, 404, "no data store " + p[1] + "/" + p[3]);
                }
                JsonObject ft = json(r, "featureType");
                String problem = ft == null ? "a featureType object is required" : checkFeatureType(ft);
                if (problem != null) {
                    yield bad(r, 400, problem);
                }
                String name = ft.getString("name");
                String key = p[1] + "/" + p[3] + "/" + name;
                if (failingFeatureTypes.contains(name)) {
                    yield new Reply(
                            500,
                            "Trying to create new feature type inside the store, but no attributes"
                                    + " were specified"); // what GeoServer says when it cannot read the table: not a
                    // violation
                }
                if (create == featureTypes.containsKey(key)) {
                    yield bad(r, create ? 409 : 404, "feature type " + key + (create ? " exists" : " does not exist"));
                }
                if (!create && !name.equals(p[5])) {
                    yield bad(r, 403, "a PUT may not rename a feature type");
                }
                featureTypes.put(key, ft);
                layers.putIfAbsent(p[1] + ":" + name, ""); // GeoServer publishes a layer with the feature type
                yield new Reply(create ? 201 : 200, name);
            }
            // styles.html: GET/PUT /workspaces/<ws>/styles/<s>, POST /workspaces/<ws>/styles
            case "GET /workspaces/*/styles/*" -> read(r, styles.containsKey(p[1] + "/" + p[3]), "style", p[3]);
            case "POST /workspaces/*/styles" -> {
                if (!workspaces.contains(p[1])) {
                    yield bad(r, 404, "no workspace " + p[1]);
                }
                JsonObject style = json(r, "style");
                String name = style == null ? null : style.getString("name");
                String file = style == null ? null : style.getString("filename");
                if (name == null || name.isBlank() || file == null || !file.endsWith(".sld")) {
                    yield bad(r, 400, "style.name and style.filename (.sld) are required");
                }
                if (styles.containsKey(p[1] + "/" + name)) {
                    yield bad(r, 403, "style " + name + " exists");
                }
                styles.put(p[1] + "/" + name, "");
                yield new Reply(201, name);
            }
            case "PUT /workspaces/*/styles/*" -> {
                if (r.query() != null) {
                    yield bad(r, 400, "unexpected query " + r.query());
                }
                if (!styles.containsKey(p[1] + "/" + p[3])) {
                    yield bad(r, 404, "no style " + p[1] + "/" + p[3]);
                }
                if (r.contentType() == null || !r.contentType().startsWith("application/vnd.ogc.sld+xml")) {
                    yield bad(
                            r,
                            415,
                            "an SLD 1.0 body must be sent as application/vnd.ogc.sld+xml, was " + r.contentType());
                }
                String problem = checkSld(r.body());
                if (problem != null) {
                    yield bad(r, 400, problem);
                }
                styles.put(p[1] + "/" + p[3], r.text());
                yield new Reply(200, "");
            }
            // layers.html: PUT /layers/<ws>:<l>
            case "PUT /layers/*" -> {
                if (r.query() != null) {
                    yield bad(r, 400, "unexpected query " + r.query());
                }
                if (!layers.containsKey(p[1])) {
                    yield bad(r, 404, "no layer " + p[1]);
                }
                JsonObject layer = json(r, "layer");
                JsonObject style = layer == null ? null : layer.getJsonObject("defaultStyle");
                String name = style == null ? null : style.getString("name");
                String ws = style == null ? null : style.getString("workspace");
                if (name == null || ws == null) {
                    yield bad(r, 400, "layer.defaultStyle.name and .workspace are required");
                }
                String sld = styles.get(ws + "/" + name);
                if (sld == null || sld.isEmpty()) {
                    yield bad(r, 400, "style " + ws + "/" + name + " does not exist or has no SLD");
                }
                layers.put(p[1], ws + "/" + name);
                yield new Reply(200, "");
            }
            default -> bad(r, 404, "not a documented resource and method");
        };
    }

    private Reply bad(Request r, int status, String why) {
        return violation(r.method(), "/rest" + r.path() + (r.query() == null ? "" : "?" + r.query()), status, why);
    }

    /** Answers a GET: 200 with the resource or 404; only {@code quietOnNotFound=true} may come with it. */
    private Reply read(Request r, boolean exists, String root, String name) {
        if (r.query() != null && !r.query().equals("quietOnNotFound=true")) {
            return bad(r, 400, "unexpected query " + r.query());
        }
        if (r.body().length > 0) {
            return bad(r, 400, "a GET has no body");
        }
        return exists
                ? new Reply(
                        200,
                        new JsonObject()
                                .put(root, new JsonObject().put("name", name))
                                .encode())
                : new Reply(404, "No such " + root + ": " + name);
    }

    /** Reads a JSON body with one root object {@code root}; null (and a violation) when it is not that. */
    private JsonObject json(Request r, String root) {
        if (r.contentType() == null || !r.contentType().startsWith("application/json")) {
            bad(r, 415, "a JSON body must be sent as application/json, was " + r.contentType());
            return null;
        }
        try {
            JsonObject body = new JsonObject(r.text());
            if (body.size() != 1 || !(body.getValue(root) instanceof JsonObject inner)) {
                bad(r, 400, "the body must be {\"" + root + "\":{...}}, was " + body.fieldNames());
                return null;
            }
            return inner;
        } catch (DecodeException | ClassCastException e) {
            bad(r, 400, "the body is not JSON: " + e.getMessage());
            return null;
        }
    }

    /** Checks a PostGIS data store: {@code connectionParameters.entry} pairs of {@code @key} and {@code $}. */
    private static String checkDataStore(JsonObject ds) {
        if (ds.getString("name") == null || ds.getString("name").isBlank()) {
            return "dataStore.name is required";
        }
        JsonObject params = ds.getJsonObject("connectionParameters");
        if (params == null || !(params.getValue("entry") instanceof JsonArray entries)) {
            return "dataStore.connectionParameters.entry must be an array";
        }
        Map<String, String> values = new HashMap<>();
        for (Object o : entries) {
            if (!(o instanceof JsonObject e)
                    || !(e.getValue("@key") instanceof String k)
                    || !(e.getValue("$") instanceof String v)) {
                return "each connection parameter must be {\"@key\": text, \"$\": text}, was " + o;
            }
            values.put(k, v);
        }
        if (!"postgis".equals(values.get("dbtype"))) {
            return "dbtype must be postgis, was " + values.get("dbtype");
        }
        for (String key : List.of("host", "port", "database", "schema", "user", "passwd")) {
            if (values.get(key) == null || (values.get(key).isEmpty() && !key.equals("passwd"))) {
                return "connection parameter " + key + " is required";
            }
        }
        if (!values.get("port").matches("\\d{1,5}")) {
            return "port must be a number, was " + values.get("port");
        }
        return null;
    }

    /** Checks a feature type: name, srs EPSG:4326, and a table of the store or a well-formed SQL view. */
    private static String checkFeatureType(JsonObject ft) {
        for (String key : List.of("name", "nativeName", "title", "srs")) {
            if (!(ft.getValue(key) instanceof String s) || s.isBlank()) {
                return "featureType." + key + " is required";
            }
        }
        if (!"EPSG:4326".equals(ft.getString("srs"))) {
            return "srs must be EPSG:4326, was " + ft.getString("srs");
        }
        JsonObject metadata = ft.getJsonObject("metadata");
        if (metadata == null) {
            return TABLES.contains(ft.getString("nativeName"))
                    ? null
                    : "no table " + ft.getString("nativeName") + " in the store, and no SQL view";
        }
        if (!(metadata.getValue("entry") instanceof JsonObject entry)
                || !"JDBC_VIRTUAL_TABLE".equals(entry.getString("@key"))
                || !(entry.getValue("virtualTable") instanceof JsonObject view)) {
            return "metadata.entry must be {\"@key\":\"JDBC_VIRTUAL_TABLE\",\"virtualTable\":{...}}";
        }
        if (!ft.getString("nativeName").equals(view.getString("name"))) {
            return "the virtual table's name must be the feature type's nativeName";
        }
        if (!(view.getValue("sql") instanceof String sql) || !sql.startsWith("SELECT ")) {
            return "virtualTable.sql must be a SELECT";
        }
        JsonObject geometry = view.getJsonObject("geometry");
        if (geometry == null
                || geometry.getString("name") == null
                || geometry.getString("type") == null
                || !Integer.valueOf(4326).equals(geometry.getInteger("srid"))) {
            return "virtualTable.geometry needs name, type and srid 4326";
        }
        return null;
    }

    /** Checks an SLD body: well-formed XML whose root is {@code sld:StyledLayerDescriptor}. */
    private static String checkSld(byte[] body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element root = factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(body))
                    .getDocumentElement();
            if (!"StyledLayerDescriptor".equals(root.getLocalName()) || !SLD_NS.equals(root.getNamespaceURI())) {
                return "the SLD root must be StyledLayerDescriptor in " + SLD_NS + ", was {" + root.getNamespaceURI()
                        + "}" + root.getLocalName();
            }
            return null;
        } catch (Exception e) {
            return "the SLD is not well-formed XML: " + e.getMessage();
        }
    }

    /** Tests whether {@code query} is exactly {@code name=} a comma-separated subset of {@code allowed}. */
    private static boolean queryIs(String query, String name, Set<String> allowed) {
        if (query == null || !query.startsWith(name + "=")) {
            return false;
        }
        String values = URLDecoder.decode(query.substring(name.length() + 1), StandardCharsets.UTF_8);
        return allowed.containsAll(List.of(values.split(",")));
    }

    /** Splits a path into decoded segments. */
    private static String[] segments(String path) {
        String[] raw = path.substring(1).split("/", -1);
        String[] decoded = new String[raw.length];
        for (int i = 0; i < raw.length; i++) {
            decoded[i] = URLDecoder.decode(raw[i], StandardCharsets.UTF_8);
        }
        return decoded;
    }

    /** Returns the path with each name segment as {@code *}: {@code /workspaces/ * /datastores}. */
    private static String shapeOf(String[] p) {
        StringBuilder shape = new StringBuilder();
        for (int i = 0; i < p.length; i++) {
            shape.append('/').append(i % 2 == 0 ? p[i] : "*");
        }
        return shape.toString();
    }
}
