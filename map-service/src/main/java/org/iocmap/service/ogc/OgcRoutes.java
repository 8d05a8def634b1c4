package org.iocmap.service.ogc;

import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.iocmap.layers.kinds.LayerCatalog;
import org.iocmap.layers.model.AttributeDef;
import org.iocmap.layers.model.Feature;
import org.iocmap.layers.model.FeaturePage;
import org.iocmap.layers.model.FeatureQuery;
import org.iocmap.layers.model.Layer;
import org.iocmap.layers.model.TimeExtent;
import org.iocmap.service.auth.AuthHandler;
import org.iocmap.service.auth.Jurisdictions;
import org.iocmap.service.auth.LayerAccess;
import org.iocmap.service.auth.Viewer;
import org.iocmap.service.http.Blocking;
import org.iocmap.service.http.GeoJson;
import org.iocmap.service.http.GeoJsonWriter;
import org.iocmap.service.http.InvalidInputException;
import org.iocmap.service.http.NotFoundException;

/**
 * Mounts OGC API – Features Part 1 under {@code /ogc}: landing page, conformance, OpenAPI document, collections, items
 * and single items. Links are absolute (GDAL follows only absolute {@code next} links). A viewer sees only the layers
 * and fields its roles allow; public layers need no token.
 */
public final class OgcRoutes {
    static final String GEOJSON = "application/geo+json";
    static final String JSON = "application/json";
    static final String OPENAPI = "application/vnd.oai.openapi+json;version=3.0";

    private final LayerCatalog catalog;
    private final Blocking blocking;

    private OgcRoutes(LayerCatalog catalog, Blocking blocking) {
        this.catalog = catalog;
        this.blocking = blocking;
    }

    /** Mounts the routes on {@code router}. */
    public static void mount(Router router, LayerCatalog catalog, Blocking blocking) {
        OgcRoutes routes = new OgcRoutes(catalog, blocking);
        router.get("/ogc").handler(routes::landing);
        router.get("/ogc/").handler(routes::landing);
        router.get("/ogc/conformance").handler(routes::conformance);
        router.get("/ogc/api").handler(routes::openApi);
        router.get("/ogc/collections").handler(routes::collections);
        router.get("/ogc/collections/:collectionId").handler(routes::collection);
        router.get("/ogc/collections/:collectionId/queryables").handler(routes::queryables);
        router.get("/ogc/collections/:collectionId/items").handler(routes::items);
        router.get("/ogc/collections/:collectionId/items/:featureId").handler(routes::item);
    }

    /** GET /ogc: landing page (OGC API Features 1.0, 7.2). */
    private void landing(RoutingContext ctx) {
        String base = base(ctx);
        send(
                ctx,
                JSON,
                new JsonObject()
                        .put("title", "iocmap – Bản đồ điều hành IOC")
                        .put(
                                "description",
                                "Operational layers of the Intelligent Operations Centre as OGC API – Features")
                        .put(
                                "links",
                                new JsonArray()
                                        .add(link(base + "/ogc", "self", JSON, "Trang chủ / Landing page"))
                                        .add(link(base + "/ogc/api", "service-desc", OPENAPI, "OpenAPI 3.0"))
                                        .add(link(base + "/ogc/conformance", "conformance", JSON, "Conformance"))
                                        .add(link(base + "/ogc/collections", "data", JSON, "Collections"))));
    }

    /** GET /ogc/conformance (7.4). */
    private void conformance(RoutingContext ctx) {
        send(
                ctx,
                JSON,
                new JsonObject()
                        .put(
                                "conformsTo",
                                new JsonArray()
                                        .add("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core")
                                        .add("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson")
                                        .add("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30")
                                        .add("http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables")
                                        .add(
                                                "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters")
                                        .add("http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter")
                                        .add("http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter")
                                        .add("http://www.opengis.net/spec/cql2/1.0/conf/cql2-text")
                                        .add("http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2")
                                        .add("http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators")
                                        .add("http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions")
                                        .add("http://www.opengis.net/spec/cql2/1.0/conf/temporal-functions")));
    }

    /** GET /ogc/api: the OpenAPI 3.0 document of this API, with one items path per readable collection. */
    private void openApi(RoutingContext ctx) {
        Viewer viewer = AuthHandler.viewer(ctx);
        send(ctx, OPENAPI, OpenApiDocument.build(base(ctx), readable(viewer)));
    }

    /** GET /ogc/collections (7.13). */
    private void collections(RoutingContext ctx) {
        Viewer viewer = AuthHandler.viewer(ctx);
        String base = base(ctx);
        List<Layer> layers = readable(viewer);
        blocking.run(() -> {
                    JsonArray collections = new JsonArray();
                    for (Layer layer : layers) {
                        collections.add(describe(base, layer));
                    }
                    return collections;
                })
                .onSuccess(collections -> send(
                        ctx,
                        JSON,
                        new JsonObject()
                                .put(
                                        "links",
                                        new JsonArray()
                                                .add(link(base + "/ogc/collections", "self", JSON, "Collections")))
                                .put("collections", collections)))
                .onFailure(ctx::fail);
    }

    /** GET /ogc/collections/{collectionId} (7.14). */
    private void collection(RoutingContext ctx) {
        Layer layer = readableLayer(ctx);
        String base = base(ctx);
        blocking.run(() -> describe(base, layer))
                .onSuccess(json -> send(ctx, JSON, json))
                .onFailure(ctx::fail);
    }

    /** GET /ogc/collections/{collectionId}/items (7.15). */
    private void items(RoutingContext ctx) {
        Layer layer = readableLayer(ctx);
        List<AttributeDef> readable = LayerAccess.visibleAttributes(AuthHandler.viewer(ctx), layer);
        java.util.Set<String> names =
                readable.stream().map(AttributeDef::name).collect(java.util.stream.Collectors.toSet());
        FeatureQuery parsed = ItemsRequest.parse(ctx.queryParams(), layer, names);
        // A viewer limited to an area sees the incidents inside it only (the count and pages follow).
        FeatureQuery query = parsed.withFilter(Jurisdictions.limit(AuthHandler.viewer(ctx), layer, parsed.filter()));
        List<AttributeDef> visible = selected(readable, ItemsRequest.properties(ctx.queryParams(), layer, names));
        String base = base(ctx);
        MultiMap params = ctx.queryParams();
        // Query and render on a worker, unless the layer answers from memory: the event loop then does it at once.
        blocking.run(
                        layer.isAnsweredInMemory(query),
                        () -> featureCollection(params, base, layer, query, visible, layer.query(query)))
                .onSuccess(body -> ctx.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, GEOJSON)
                        .end(body))
                .onFailure(ctx::fail);
    }

    /** Returns the visible attributes narrowed to {@code selection} (in its order); all of them when it is null. */
    private static List<AttributeDef> selected(List<AttributeDef> visible, List<String> selection) {
        if (selection == null) {
            return visible;
        }
        return selection.stream()
                .flatMap(name -> visible.stream().filter(a -> a.name().equals(name)))
                .toList();
    }

    /** GET /ogc/collections/{collectionId}/queryables (Part 3, 6.2): what a filter may name, as JSON Schema. */
    private void queryables(RoutingContext ctx) {
        Layer layer = readableLayer(ctx);
        String url = base(ctx) + "/ogc/collections/" + layer.id() + "/queryables";
        JsonObject properties = new JsonObject()
                .put(
                        "geom",
                        new JsonObject().put("title", "Hình học / Geometry").put("format", "geometry-any"));
        for (AttributeDef a : LayerAccess.visibleAttributes(AuthHandler.viewer(ctx), layer)) {
            JsonObject p = new JsonObject()
                    .put("title", a.title().vi() + " / " + a.title().en());
            switch (a.type()) {
                case INTEGER -> p.put("type", "integer");
                case NUMBER -> p.put("type", "number");
                case BOOLEAN -> p.put("type", "boolean");
                case DATETIME -> p.put("type", "string").put("format", "date-time");
                case DATE -> p.put("type", "string").put("format", "date");
                case STRING -> p.put("type", "string");
            }
            if (!a.values().isEmpty()) {
                p.put("enum", new JsonArray(List.copyOf(a.values().keySet())));
            }
            properties.put(a.name(), p);
        }
        send(
                ctx,
                "application/schema+json",
                new JsonObject()
                        .put("$schema", "https://json-schema.org/draft/2020-12/schema")
                        .put("$id", url)
                        .put("type", "object")
                        .put("title", layer.title().vi())
                        .put("properties", properties)
                        .put("additionalProperties", false));
    }

    /** GET /ogc/collections/{collectionId}/items/{featureId} (7.16). */
    private void item(RoutingContext ctx) {
        Layer layer = readableLayer(ctx);
        String raw = ctx.pathParam("featureId");
        long id;
        try {
            id = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("featureId", raw, "a whole number, the id of a feature");
        }
        List<AttributeDef> visible = LayerAccess.visibleAttributes(AuthHandler.viewer(ctx), layer);
        String base = base(ctx);
        String collectionUrl = base + "/ogc/collections/" + layer.id();
        // Throw inside the worker call, so the failure reaches ctx.fail (a throw inside onSuccess would be lost).
        Viewer viewer = AuthHandler.viewer(ctx);
        blocking.run(() -> layer.findFeature(id)
                        .filter(f -> !Jurisdictions.isLimited(layer)
                                || viewer.area() == null
                                || viewer.area().meets(f.geometry()))
                        .orElseThrow(
                                () -> new NotFoundException("layer '" + layer.id() + "' has no feature with id " + id)))
                .onSuccess(feature -> send(
                        ctx,
                        GEOJSON,
                        feature(feature, visible)
                                .put(
                                        "links",
                                        new JsonArray()
                                                .add(link(collectionUrl + "/items/" + id, "self", GEOJSON, null))
                                                .add(link(
                                                        collectionUrl,
                                                        "collection",
                                                        JSON,
                                                        layer.title().vi())))))
                .onFailure(ctx::fail);
    }

    private static Buffer featureCollection(
            MultiMap params, String base, Layer layer, FeatureQuery query, List<AttributeDef> visible, FeaturePage page)
            throws IOException {
        String itemsUrl = base + "/ogc/collections/" + layer.id() + "/items";
        GeoJsonWriter out = new GeoJsonWriter();
        JsonGenerator json = out.json();
        json.writeStartObject();
        json.writeStringField("type", "FeatureCollection");
        json.writeStringField("timeStamp", java.time.Instant.now().toString());
        json.writeNumberField("numberMatched", page.numberMatched());
        json.writeNumberField("numberReturned", page.features().size());
        json.writeArrayFieldStart("features");
        for (Feature feature : page.features()) {
            out.writeFeature(feature, visible, layer.attributes(), Double.NaN);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("links");
        writeLink(json, itemsUrl + queryString(params, query.offset()), "self", GEOJSON, null);
        writeLink(
                json,
                base + "/ogc/collections/" + layer.id(),
                "collection",
                JSON,
                layer.title().vi());
        long nextOffset = query.offset() + page.features().size();
        if (nextOffset < page.numberMatched() && !page.features().isEmpty()) {
            writeLink(json, itemsUrl + queryString(params, nextOffset), "next", GEOJSON, null);
        }
        if (query.offset() > 0) {
            writeLink(
                    json,
                    itemsUrl + queryString(params, Math.max(0, query.offset() - query.limit())),
                    "prev",
                    GEOJSON,
                    null);
        }
        json.writeEndArray();
        json.writeEndObject();
        return out.toBuffer();
    }

    private static void writeLink(JsonGenerator json, String href, String rel, String type, String title)
            throws IOException {
        json.writeStartObject();
        json.writeStringField("href", href);
        json.writeStringField("rel", rel);
        json.writeStringField("type", type);
        if (title != null) {
            json.writeStringField("title", title);
        }
        json.writeEndObject();
    }

    static JsonObject feature(Feature feature, List<AttributeDef> visible) {
        return GeoJson.feature(feature, LayerAccess.visibleProperties(visible, feature.properties()));
    }

    /** Returns the request's query string with {@code offset} replaced. */
    private static String queryString(MultiMap params, long offset) {
        StringBuilder q = new StringBuilder();
        for (Map.Entry<String, String> e : params) {
            if (!e.getKey().equals("offset")) {
                q.append(q.isEmpty() ? "?" : "&")
                        .append(encode(e.getKey()))
                        .append('=')
                        .append(encode(e.getValue()));
            }
        }
        if (offset > 0) {
            q.append(q.isEmpty() ? "?" : "&").append("offset=").append(offset);
        }
        return q.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%2C", ",");
    }

    private JsonObject describe(String base, Layer layer) {
        String url = base + "/ogc/collections/" + layer.id();
        JsonObject extent = new JsonObject()
                .put(
                        "spatial",
                        new JsonObject()
                                .put(
                                        "bbox",
                                        new JsonArray()
                                                .add(new JsonArray()
                                                        .add(-180)
                                                        .add(-90)
                                                        .add(180)
                                                        .add(90)))
                                .put("crs", ItemsRequest.CRS84));
        layer.computeTimeExtent().ifPresent(t -> extent.put("temporal", temporal(t)));
        return new JsonObject()
                .put("id", layer.id())
                .put("title", layer.title().vi())
                .put("description", layer.title().en())
                .put("itemType", "feature")
                .put("crs", new JsonArray().add(ItemsRequest.CRS84))
                .put("extent", extent)
                .put(
                        "links",
                        new JsonArray()
                                .add(link(url, "self", JSON, layer.title().vi()))
                                .add(link(
                                        url + "/items",
                                        "items",
                                        GEOJSON,
                                        layer.title().vi())));
    }

    private static JsonObject temporal(TimeExtent t) {
        return new JsonObject()
                .put(
                        "interval",
                        new JsonArray()
                                .add(new JsonArray()
                                        .add(
                                                t.start() == null
                                                        ? null
                                                        : t.start().toString())
                                        .add(t.end() == null ? null : t.end().toString())))
                .put("trs", "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian");
    }

    private List<Layer> readable(Viewer viewer) {
        return catalog.all().stream()
                .filter(l -> LayerAccess.canRead(viewer, l))
                .toList();
    }

    private Layer readableLayer(RoutingContext ctx) {
        String id = ctx.pathParam("collectionId");
        return LayerAccess.requireReadable(AuthHandler.viewer(ctx), catalog.find(id), id);
    }

    /** Returns scheme://host[:port] of this request, for absolute links. */
    public static String base(RoutingContext ctx) {
        URI uri = URI.create(ctx.request().absoluteURI());
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    static JsonObject link(String href, String rel, String type, String title) {
        JsonObject link = new JsonObject().put("href", href).put("rel", rel).put("type", type);
        if (title != null) {
            link.put("title", title);
        }
        return link;
    }

    private static void send(RoutingContext ctx, String contentType, JsonObject body) {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, contentType).end(body.encode());
    }
}
