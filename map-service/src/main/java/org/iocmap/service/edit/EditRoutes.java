package org.iocmap.service.edit;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.util.List;
import org.iocmap.layers.changes.ChangeLog;
import org.iocmap.layers.kinds.GenericFeatures;
import org.iocmap.layers.kinds.LayerCatalog;
import org.iocmap.layers.model.AttributeDef;
import org.iocmap.layers.model.Feature;
import org.iocmap.layers.model.Layer;
import org.iocmap.layers.model.LayerKind;
import org.iocmap.layers.store.Store;
import org.iocmap.service.Services;
import org.iocmap.service.auth.AuthHandler;
import org.iocmap.service.auth.LayerAccess;
import org.iocmap.service.auth.Viewer;
import org.iocmap.service.http.Blocking;
import org.iocmap.service.http.ForbiddenException;
import org.iocmap.service.http.GeoJson;
import org.iocmap.service.http.InvalidInputException;
import org.iocmap.service.http.NotFoundException;
import org.iocmap.service.http.Problem;

/**
 * Mounts the write routes of OGC API – Features Part 4 for generic layers: {@code POST
 * /ogc/collections/{id}/items} (201 with {@code Location}), {@code PUT …/items/{fid}} (200) and {@code DELETE
 * …/items/{fid}} (204). Only the {@code admin} role writes. Built-in kinds answer 405: their features come from their
 * feeds. Every write commits with its change-log row before the answer is sent, so live streams see it.
 */
public final class EditRoutes {
    private static final String GEOJSON = "application/geo+json";
    private static final String ITEMS = "/ogc/collections/:collectionId/items";

    private final LayerCatalog catalog;
    private final GenericFeatures features;
    private final Blocking blocking;

    private EditRoutes(LayerCatalog catalog, GenericFeatures features, Blocking blocking) {
        this.catalog = catalog;
        this.features = features;
        this.blocking = blocking;
    }

    /** Mounts the routes on {@code router}; bodies above the configured {@code http.maxBodyBytes} get 413. */
    public static void mount(Router router, Services services, Blocking blocking) {
        Store store = services.store();
        EditRoutes routes =
                new EditRoutes(services.catalog(), new GenericFeatures(store, new ChangeLog(store)), blocking);
        BodyHandler body = BodyHandler.create().setBodyLimit(services.config().maxBodyBytes());
        router.post(ITEMS).handler(body).handler(routes::create);
        router.put(ITEMS + "/:featureId").handler(body).handler(routes::replace);
        router.delete(ITEMS + "/:featureId").handler(routes::delete);
    }

    /** POST /ogc/collections/{collectionId}/items (Part 4, create a feature). */
    private void create(RoutingContext ctx) {
        requireWriter(ctx);
        Layer layer = writableLayer(ctx);
        if (layer == null) {
            return;
        }
        FeatureInput input = FeatureInput.parse(ctx.body(), layer, null);
        List<AttributeDef> visible = LayerAccess.visibleAttributes(AuthHandler.viewer(ctx), layer);
        blocking.run(() -> features.create(layer.id(), input.geometry(), input.properties(), input.time()))
                .onSuccess(id -> ctx.response()
                        .setStatusCode(201)
                        .putHeader(HttpHeaders.LOCATION, itemUrl(ctx, layer, id))
                        .putHeader(HttpHeaders.CONTENT_TYPE, GEOJSON)
                        .end(feature(id, input, visible)))
                .onFailure(ctx::fail);
    }

    /** PUT /ogc/collections/{collectionId}/items/{featureId} (Part 4, replace a feature). */
    private void replace(RoutingContext ctx) {
        requireWriter(ctx);
        Layer layer = writableLayer(ctx);
        if (layer == null) {
            return;
        }
        long id = featureId(ctx);
        FeatureInput input = FeatureInput.parse(ctx.body(), layer, id);
        List<AttributeDef> visible = LayerAccess.visibleAttributes(AuthHandler.viewer(ctx), layer);
        blocking.run(() -> {
                    if (!features.replace(layer.id(), id, input.geometry(), input.properties(), input.time())) {
                        throw missing(layer, id);
                    }
                    return id;
                })
                .onSuccess(v -> ctx.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, GEOJSON)
                        .end(feature(id, input, visible)))
                .onFailure(ctx::fail);
    }

    /** DELETE /ogc/collections/{collectionId}/items/{featureId} (Part 4, delete a feature). */
    private void delete(RoutingContext ctx) {
        requireWriter(ctx);
        Layer layer = writableLayer(ctx);
        if (layer == null) {
            return;
        }
        long id = featureId(ctx);
        blocking.run(() -> {
                    if (!features.delete(layer.id(), id)) {
                        throw missing(layer, id);
                    }
                    return id;
                })
                .onSuccess(v -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }

    private static void requireWriter(RoutingContext ctx) {
        Viewer viewer = AuthHandler.requireSignedIn(ctx);
        if (!viewer.isAdmin()) {
            throw new ForbiddenException("only the admin role may write features; your roles are "
                    + viewer.roles().stream().sorted().toList());
        }
    }

    /** Returns the generic layer of the path, or answers 405 for a built-in kind and returns null. */
    private Layer writableLayer(RoutingContext ctx) {
        String id = ctx.pathParam("collectionId");
        Layer layer = catalog.find(id).orElseThrow(() -> new NotFoundException("no layer with id '" + id + "'"));
        if (layer.kind() != LayerKind.GENERIC) {
            Problem problem = new Problem(
                    405,
                    "Method Not Allowed",
                    "layer '" + id + "' is a built-in " + layer.kind().id() + " layer and is read-only here: its"
                            + " features come in through its feed (ingestion), which keeps their history and"
                            + " workflow; only generic layers are written through this API",
                    null,
                    0);
            ctx.response()
                    .setStatusCode(405)
                    .putHeader(HttpHeaders.ALLOW, "GET")
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                    .end(problem.toJson().encode());
            return null;
        }
        return layer;
    }

    private static long featureId(RoutingContext ctx) {
        String raw = ctx.pathParam("featureId");
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("featureId", raw, "a whole number, the id of a feature");
        }
    }

    private static NotFoundException missing(Layer layer, long id) {
        return new NotFoundException("layer '" + layer.id() + "' has no feature with id " + id);
    }

    private static String feature(long id, FeatureInput input, List<AttributeDef> visible) {
        Feature stored = new Feature(id, input.geometry(), input.time(), input.properties());
        return GeoJson.feature(stored, LayerAccess.visibleProperties(visible, stored.properties()))
                .encode();
    }

    private static String itemUrl(RoutingContext ctx, Layer layer, long id) {
        URI uri = URI.create(ctx.request().absoluteURI());
        return uri.getScheme() + "://" + uri.getRawAuthority() + "/ogc/collections/" + layer.id() + "/items/" + id;
    }
}
