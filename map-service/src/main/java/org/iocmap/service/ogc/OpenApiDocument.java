package org.iocmap.service.ogc;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.iocmap.layers.model.Layer;

/**
 * Builds the OpenAPI 3.0 document linked from the landing page as {@code service-desc}. Clients such as GDAL read the
 * parameters of each items path from it, so it lists exactly the parameters the items endpoint accepts.
 */
final class OpenApiDocument {
    private OpenApiDocument() {}

    static JsonObject build(String base, List<Layer> layers) {
        JsonObject paths = new JsonObject()
                .put("/", get("Landing page", "landing", JsonObject.of()))
                .put("/conformance", get("Conformance classes", "conformance", JsonObject.of()))
                .put("/collections", get("Collections", "collections", JsonObject.of()));
        for (Layer layer : layers) {
            JsonObject items =
                    get(layer.title().vi() + " / " + layer.title().en(), "items_" + layer.id(), JsonObject.of());
            items.getJsonObject("get")
                    .put(
                            "parameters",
                            new JsonArray()
                                    .add(param(
                                            "bbox",
                                            "minLon,minLat,maxLon,maxLat (CRS84)",
                                            JsonObject.of(
                                                    "type",
                                                    "array",
                                                    "items",
                                                    JsonObject.of("type", "number"),
                                                    "minItems",
                                                    4,
                                                    "maxItems",
                                                    6),
                                            "form",
                                            false))
                                    .add(param(
                                            "bbox-crs", "CRS of bbox", JsonObject.of("type", "string"), "form", false))
                                    .add(param(
                                            "datetime",
                                            "instant, date or interval start/end",
                                            JsonObject.of("type", "string"),
                                            "form",
                                            false))
                                    .add(param(
                                            "limit",
                                            "page size",
                                            JsonObject.of(
                                                    "type",
                                                    "integer",
                                                    "minimum",
                                                    1,
                                                    "maximum",
                                                    ItemsRequest.MAX_LIMIT,
                                                    "default",
                                                    ItemsRequest.DEFAULT_LIMIT),
                                            "form",
                                            false))
                                    .add(param(
                                            "offset",
                                            "features to skip",
                                            JsonObject.of("type", "integer", "minimum", 0),
                                            "form",
                                            false))
                                    .add(text("filter", "CQL2 text filter (Part 3)"))
                                    .add(text("filter-lang", "cql2-text"))
                                    .add(text("sortby", "attributes to sort by; -name sorts descending"))
                                    .add(text("properties", "attributes to return, comma-separated")));
            paths.put("/collections/" + layer.id() + "/items", items);
            paths.put(
                    "/collections/" + layer.id() + "/items/{featureId}",
                    get("One feature", "item_" + layer.id(), JsonObject.of()));
            paths.getJsonObject("/collections/" + layer.id() + "/items/{featureId}")
                    .getJsonObject("get")
                    .put(
                            "parameters",
                            new JsonArray()
                                    .add(new JsonObject()
                                            .put("name", "featureId")
                                            .put("in", "path")
                                            .put("required", true)
                                            .put("schema", JsonObject.of("type", "integer"))));
        }
        return new JsonObject()
                .put("openapi", "3.0.3")
                .put(
                        "info",
                        new JsonObject()
                                .put("title", "iocmap OGC API – Features")
                                .put("version", "1.0"))
                .put("servers", new JsonArray().add(JsonObject.of("url", base + "/ogc")))
                .put(
                        "components",
                        new JsonObject()
                                .put(
                                        "securitySchemes",
                                        new JsonObject()
                                                .put(
                                                        "bearer",
                                                        JsonObject.of(
                                                                "type",
                                                                "http",
                                                                "scheme",
                                                                "bearer",
                                                                "bearerFormat",
                                                                "JWT"))))
                .put("paths", paths);
    }

    private static JsonObject text(String name, String description) {
        return param(name, description, JsonObject.of("type", "string"), "form", false);
    }

    private static JsonObject get(String summary, String operationId, JsonObject extra) {
        return new JsonObject()
                .put(
                        "get",
                        new JsonObject()
                                .put("summary", summary)
                                .put("operationId", operationId)
                                .put("responses", JsonObject.of("200", JsonObject.of("description", "OK")))
                                .mergeIn(extra));
    }

    private static JsonObject param(
            String name, String description, JsonObject schema, String style, boolean required) {
        return new JsonObject()
                .put("name", name)
                .put("in", "query")
                .put("description", description)
                .put("required", required)
                .put("style", style)
                .put("explode", false)
                .put("schema", schema);
    }
}
