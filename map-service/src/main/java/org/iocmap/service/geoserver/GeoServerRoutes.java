package org.iocmap.service.geoserver;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.iocmap.service.auth.AuthHandler;
import org.iocmap.service.auth.Viewer;
import org.iocmap.service.http.Blocking;
import org.iocmap.service.http.ConflictException;
import org.iocmap.service.http.ForbiddenException;

/**
 * Mounts {@code POST /api/admin/geoserver/publish}, admin only: publishes the layers and their styles to GeoServer
 * now and answers the report of what was created, updated, unchanged, failed or skipped per resource (200 even when
 * some failed: the report says which). 409 when publishing is off (no {@code geoserver.url}, or the embedded store).
 */
public final class GeoServerRoutes {
    private final GeoServerPublisher publisher;
    private final Blocking blocking;

    private GeoServerRoutes(GeoServerPublisher publisher, Blocking blocking) {
        this.publisher = publisher;
        this.blocking = blocking;
    }

    /** Mounts the route on {@code router}. */
    public static void mount(Router router, GeoServerPublisher publisher, Blocking blocking) {
        GeoServerRoutes routes = new GeoServerRoutes(publisher, blocking);
        router.post("/api/admin/geoserver/publish").handler(routes::publish);
    }

    private void publish(RoutingContext ctx) {
        Viewer viewer = AuthHandler.requireSignedIn(ctx);
        if (!viewer.isAdmin()) {
            throw new ForbiddenException("publishing to GeoServer is for the admin role; yours are "
                    + viewer.roles().stream().sorted().toList());
        }
        if (!publisher.isOn()) {
            throw new ConflictException(publisher.offReason().orElseThrow());
        }
        // Many calls to GeoServer, each blocking: on a worker, not on the event loop.
        blocking.run(publisher::publish)
                .onSuccess(report -> ctx.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .end(report.toJson().encode()))
                .onFailure(ctx::fail);
    }
}
