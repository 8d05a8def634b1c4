package org.iocmap.service.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.iocmap.layers.kinds.LayerCatalog;
import org.iocmap.layers.model.Layer;
import org.iocmap.service.auth.AuthHandler;
import org.iocmap.service.auth.LayerAccess;
import org.iocmap.service.http.Blocking;
import org.iocmap.service.http.InvalidInputException;
import org.iocmap.styles.DefaultStyles;
import org.iocmap.styles.GeometryKind;
import org.iocmap.styles.Label;
import org.iocmap.styles.Legend;
import org.iocmap.styles.Style;
import org.iocmap.styles.legend.LegendRenderer;
import org.iocmap.styles.sld.SldWriter;

/**
 * Mounts a layer's style in the forms other tools read: {@code GET /api/layers/{layer}/style.sld} (OGC SLD 1.0.0, as
 * GeoServer and QGIS load it), {@code GET /api/layers/{layer}/legend.json} and {@code GET
 * /api/layers/{layer}/legend.png?lang=vi|en|both} (the legend the page shows, as data and as an image).
 */
public final class StyleRoutes {
    private final LayerCatalog catalog;
    private final Blocking blocking;
    private final LegendRenderer legends = LegendRenderer.create();

    private StyleRoutes(LayerCatalog catalog, Blocking blocking) {
        this.catalog = catalog;
        this.blocking = blocking;
    }

    /** Mounts the routes on {@code router}. */
    public static void mount(Router router, LayerCatalog catalog, Blocking blocking) {
        StyleRoutes routes = new StyleRoutes(catalog, blocking);
        router.get("/api/layers/:layerId/style.sld").handler(routes::sld);
        router.get("/api/layers/:layerId/legend.json").handler(routes::legendJson);
        router.get("/api/layers/:layerId/legend.png").handler(routes::legendPng);
    }

    private Layer layer(RoutingContext ctx) {
        String id = ctx.pathParam("layerId");
        return LayerAccess.requireReadable(AuthHandler.viewer(ctx), catalog.find(id), id);
    }

    private static Style style(Layer layer) {
        return DefaultStyles.forKind(layer.kind().id());
    }

    private static GeometryKind geometry(Layer layer) {
        return GeometryKind.fromGeometryType(layer.geometryType()).orElse(GeometryKind.POINT);
    }

    /** Returns the layer's style as an OGC SLD 1.0.0 document, as {@code style.sld} serves it and GeoServer takes it. */
    public static String sldOf(Layer layer) {
        return SldWriter.forLayer(
                        layer.id(), Label.of(layer.title().vi(), layer.title().en()))
                .withGeometry(geometry(layer))
                .write(style(layer));
    }

    private void sld(RoutingContext ctx) {
        String sld = sldOf(layer(ctx));
        ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/vnd.ogc.sld+xml; charset=utf-8")
                .end(sld);
    }

    private void legendJson(RoutingContext ctx) {
        Layer layer = layer(ctx);
        ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(Legend.of(style(layer)).toJson());
    }

    private void legendPng(RoutingContext ctx) {
        Layer layer = layer(ctx);
        String lang = ctx.queryParams().get("lang");
        LegendRenderer.Language language =
                switch (lang == null ? "vi" : lang) {
                    case "vi" -> LegendRenderer.Language.VIETNAMESE;
                    case "en" -> LegendRenderer.Language.ENGLISH;
                    case "both" -> LegendRenderer.Language.BOTH;
                    default -> throw new InvalidInputException("lang", lang, "vi, en or both");
                };
        // Drawing takes a few milliseconds of Java2D: on a worker, not on the event loop.
        blocking.run(() -> legends.toPng(Legend.of(style(layer)), geometry(layer), language))
                .onSuccess(png -> ctx.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, "image/png")
                        .end(Buffer.buffer(png)))
                .onFailure(ctx::fail);
    }
}
