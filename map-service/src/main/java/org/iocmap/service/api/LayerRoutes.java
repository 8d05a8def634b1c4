package org.iocmap.service.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.iocmap.layers.kinds.LayerCatalog;
import org.iocmap.layers.model.AttributeDef;
import org.iocmap.layers.model.Layer;
import org.iocmap.layers.model.Title;
import org.iocmap.service.auth.AuthHandler;
import org.iocmap.service.auth.LayerAccess;
import org.iocmap.service.auth.Viewer;
import org.iocmap.service.http.Blocking;
import org.iocmap.styles.DefaultStyles;

/**
 * Mounts {@code GET /api/layers}: every layer the viewer may read, with id, titles, kind, geometry type, the
 * attributes its roles may see, time extent and style. Anonymous viewers get the public layers.
 */
public final class LayerRoutes {
    private LayerRoutes() {}

    /** Mounts the route on {@code router}. */
    public static void mount(Router router, LayerCatalog catalog, Blocking blocking) {
        router.get("/api/layers").handler(ctx -> list(ctx, catalog, blocking));
    }

    private static void list(RoutingContext ctx, LayerCatalog catalog, Blocking blocking) {
        Viewer viewer = AuthHandler.viewer(ctx);
        List<Layer> layers = catalog.all().stream()
                .filter(l -> LayerAccess.canRead(viewer, l))
                .toList();
        blocking.run(() -> {
                    JsonArray result = new JsonArray();
                    for (Layer layer : layers) {
                        result.add(describe(viewer, layer));
                    }
                    return result;
                })
                .onSuccess(result -> ctx.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .end(new JsonObject().put("layers", result).encode()))
                .onFailure(ctx::fail);
    }

    /** Returns the description of one layer for this viewer. Blocks: computes the time extent. */
    static JsonObject describe(Viewer viewer, Layer layer) {
        JsonArray attributes = new JsonArray();
        for (AttributeDef a : LayerAccess.visibleAttributes(viewer, layer)) {
            attributes.add(new JsonObject()
                    .put("name", a.name())
                    .put("type", a.type().id())
                    .put("title", title(a.title()))
                    .put("unit", a.unit())
                    .put("values", values(a)));
        }
        JsonObject timeExtent = layer.computeTimeExtent()
                .map(t -> new JsonObject()
                        .put("attribute", t.attribute())
                        .put("start", t.start() == null ? null : t.start().toString())
                        .put("end", t.end() == null ? null : t.end().toString()))
                .orElse(null);
        return new JsonObject()
                .put("id", layer.id())
                .put("kind", layer.kind().id())
                .put("title", title(layer.title()))
                .put("geometryType", layer.geometryType())
                .put("public", layer.isPublic())
                .put("attributes", attributes)
                .put("timeExtent", timeExtent)
                .put(
                        "style",
                        new JsonObject(DefaultStyles.forKind(layer.kind().id()).toJson()))
                .put("itemsUrl", "/ogc/collections/" + layer.id() + "/items");
    }

    /** Returns the titles of a coded attribute's values, {code: {vi, en}}; null when its values are not codes. */
    private static JsonObject values(AttributeDef a) {
        if (a.values().isEmpty()) {
            return null;
        }
        JsonObject values = new JsonObject();
        a.values().forEach((code, t) -> values.put(code, title(t)));
        return values;
    }

    private static JsonObject title(Title title) {
        return new JsonObject().put("vi", title.vi()).put("en", title.en());
    }
}
