package org.iocmap.service.query;

import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.iocmap.layers.kinds.LayerCatalog;
import org.iocmap.layers.model.AttributeDef;
import org.iocmap.layers.model.Feature;
import org.iocmap.layers.model.FeaturePage;
import org.iocmap.layers.model.FeatureQuery;
import org.iocmap.layers.model.Layer;
import org.iocmap.layers.model.NearFeature;
import org.iocmap.service.auth.AuthHandler;
import org.iocmap.service.auth.Jurisdictions;
import org.iocmap.service.auth.LayerAccess;
import org.iocmap.service.auth.Viewer;
import org.iocmap.service.http.Blocking;
import org.iocmap.service.http.GeoJsonWriter;
import org.iocmap.service.http.InvalidInputException;

/**
 * Mounts {@code POST /api/query}: one spatial question asked of several layers at once. Each layer answers with the
 * features the viewer may see, as GeoJSON; {@code near} and {@code nearest} add each feature's geodesic
 * {@code distance_m}.
 */
public final class QueryRoutes {
    private QueryRoutes() {}

    /** Mounts the route on {@code router}. */
    public static void mount(Router router, LayerCatalog catalog, Blocking blocking) {
        router.post("/api/query").handler(ctx -> query(ctx, catalog, blocking));
    }

    private static void query(RoutingContext ctx, LayerCatalog catalog, Blocking blocking) {
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            throw new InvalidInputException("body", ctx.body().asString(), "a JSON object");
        }
        if (body == null) {
            throw new InvalidInputException("body", null, "a JSON object");
        }
        MapQuery query = MapQuery.parse(body);
        Viewer viewer = AuthHandler.viewer(ctx);
        List<Layer> layers = new ArrayList<>();
        if (query.layers().isEmpty()) {
            catalog.all().stream().filter(l -> LayerAccess.canRead(viewer, l)).forEach(layers::add);
        } else {
            for (String id : query.layers()) {
                layers.add(LayerAccess.requireReadable(viewer, catalog.find(id), id));
            }
        }
        // Check the filter against every layer before touching the store: one bad layer fails the whole request.
        java.util.Map<String, FeatureQuery> perLayer = new java.util.LinkedHashMap<>();
        for (Layer layer : layers) {
            FeatureQuery q = query.featureQuery();
            if (query.filter() != null) {
                java.util.Set<String> names = LayerAccess.visibleAttributes(viewer, layer).stream()
                        .map(AttributeDef::name)
                        .collect(java.util.stream.Collectors.toSet());
                q = q.withFilter(org.iocmap.service.ogc.ItemsRequest.filter(query.filter(), layer, names));
            }
            perLayer.put(layer.id(), q.withFilter(Jurisdictions.limit(viewer, layer, q.filter())));
        }
        // Query and render on a worker, unless every layer answers from memory: the event loop then does it at once.
        boolean inMemory = layers.stream().allMatch(l -> l.isAnsweredInMemory(perLayer.get(l.id())));
        blocking.run(inMemory, () -> {
                    GeoJsonWriter out = new GeoJsonWriter();
                    JsonGenerator json = out.json();
                    json.writeStartObject();
                    json.writeArrayFieldStart("results");
                    for (Layer layer : layers) {
                        answer(out, viewer, layer, query, perLayer.get(layer.id()));
                    }
                    json.writeEndArray();
                    json.writeEndObject();
                    return out.toBuffer();
                })
                .onSuccess(answer -> ctx.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .end(answer))
                .onFailure(ctx::fail);
    }

    /** Writes one layer's answer. Blocks on the store. */
    private static void answer(GeoJsonWriter out, Viewer viewer, Layer layer, MapQuery query, FeatureQuery featureQuery)
            throws IOException {
        List<AttributeDef> visible = LayerAccess.visibleAttributes(viewer, layer);
        List<Feature> features;
        double[] distances = null;
        long matched;
        if (query.nearestTo() != null) {
            List<NearFeature> near = layer.nearest(query.nearestTo(), query.k(), featureQuery);
            features = near.stream().map(NearFeature::feature).toList();
            distances = near.stream().mapToDouble(NearFeature::distanceMetres).toArray();
            matched = near.size();
        } else {
            FeaturePage page = layer.query(featureQuery);
            features = page.features();
            matched = page.numberMatched();
        }
        JsonGenerator json = out.json();
        json.writeStartObject();
        json.writeStringField("layer", layer.id());
        json.writeObjectFieldStart("title");
        json.writeStringField("vi", layer.title().vi());
        json.writeStringField("en", layer.title().en());
        json.writeEndObject();
        json.writeNumberField("numberMatched", matched);
        json.writeNumberField("numberReturned", features.size());
        json.writeObjectFieldStart("features");
        json.writeStringField("type", "FeatureCollection");
        json.writeArrayFieldStart("features");
        for (int i = 0; i < features.size(); i++) {
            out.writeFeature(
                    features.get(i), visible, layer.attributes(), distances == null ? Double.NaN : distances[i]);
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndObject();
    }
}
