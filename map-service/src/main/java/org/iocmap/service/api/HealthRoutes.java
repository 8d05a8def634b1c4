package org.iocmap.service.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.iocmap.layers.store.Store;
import org.iocmap.service.http.Blocking;

/** Mounts {@code GET /health}: {@code {"status":"UP","store":"h2gis"|"postgis"}}, or 503 and DOWN without a store. */
public final class HealthRoutes {
    private HealthRoutes() {}

    /** Mounts the route on {@code router}. */
    public static void mount(Router router, Store store, Blocking blocking) {
        router.get("/health").handler(ctx -> blocking.run(store::isReachable).onComplete(result -> {
            boolean up = result.succeeded() && result.result();
            JsonObject body = new JsonObject()
                    .put("status", up ? "UP" : "DOWN")
                    .put("store", store.kind().id());
            if (!up) {
                ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "30");
            }
            ctx.response()
                    .setStatusCode(up ? 200 : 503)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                    .end(body.encode());
        }));
    }
}
