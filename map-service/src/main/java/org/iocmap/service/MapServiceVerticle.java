package org.iocmap.service;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.concurrent.atomic.AtomicInteger;
import org.iocmap.layers.kinds.VesselPositions;
import org.iocmap.layers.kinds.VesselRegistry;
import org.iocmap.service.alarms.AlarmRoutes;
import org.iocmap.service.alarms.FireIncidentRoutes;
import org.iocmap.service.api.ConfigRoutes;
import org.iocmap.service.api.HealthRoutes;
import org.iocmap.service.api.LayerRoutes;
import org.iocmap.service.api.StyleRoutes;
import org.iocmap.service.auth.AuthHandler;
import org.iocmap.service.auth.AuthRoutes;
import org.iocmap.service.cameras.CameraRegistry;
import org.iocmap.service.cameras.CameraRoutes;
import org.iocmap.service.edit.EditRoutes;
import org.iocmap.service.http.Blocking;
import org.iocmap.service.http.ProblemHandler;
import org.iocmap.service.http.WebJarHandler;
import org.iocmap.service.ingest.IngestRoutes;
import org.iocmap.service.ingest.VesselRoutes;
import org.iocmap.service.ogc.OgcRoutes;
import org.iocmap.service.query.QueryRoutes;
import org.iocmap.service.stream.StreamRoutes;
import org.iocmap.service.tiles.TileRoutes;

/** Serves the REST and OGC API plus the Leaflet app. Every route is mounted here and nowhere else. */
public final class MapServiceVerticle extends VerticleBase {
    private final Services services;
    private final AtomicInteger actualPort;

    /**
     * @param actualPort receives the port the server listens on (useful when the configured port was 0); every
     *     instance of the verticle shares it
     */
    public MapServiceVerticle(Services services, AtomicInteger actualPort) {
        this.services = services;
        this.actualPort = actualPort;
    }

    @Override
    public Future<?> start() {
        Blocking blocking = new Blocking(vertx.createSharedWorkerExecutor(
                "iocmap-store", services.config().dbMaxConnections()));
        Router router = Router.router(vertx);
        ProblemHandler problems = new ProblemHandler();
        AuthHandler auth = new AuthHandler(services.jwt());
        // Citizen reports first: Open311 answers failures in its own error form (failure handlers are tried in
        // mounting order), and report routes carry their own body handler for photos, ahead of the general one.
        org.iocmap.service.reports.ReportService reports = org.iocmap.service.reports.ReportService.of(services);
        java.nio.file.Path uploads = services.config().dataDir().resolve("uploads");
        org.iocmap.service.reports.Open311Routes.mount(router, reports, blocking, uploads);
        org.iocmap.service.reports.ReportRoutes.mount(router, reports, blocking, auth, uploads);
        router.route().failureHandler(problems);
        router.route("/api/*")
                .handler(BodyHandler.create().setBodyLimit(services.config().maxBodyBytes()));
        router.route("/api/*").handler(auth);
        router.route("/ogc").handler(auth);
        router.route("/ogc/*").handler(auth);
        router.route("/tiles/*").handler(auth);

        HealthRoutes.mount(router, services.store(), blocking);
        ConfigRoutes.mount(router, services.config());
        AuthRoutes.mount(router, services.users(), services.jwt(), services.jurisdictions(), blocking);
        org.iocmap.service.auth.AreaRoutes.mount(router, services.jurisdictions(), blocking);
        LayerRoutes.mount(router, services.catalog(), blocking);
        StyleRoutes.mount(router, services.catalog(), blocking);
        OgcRoutes.mount(router, services.catalog(), blocking);
        QueryRoutes.mount(router, services.catalog(), blocking);
        EditRoutes.mount(router, services, blocking);
        StreamRoutes.mount(router, vertx, services, blocking);
        TileRoutes.mount(router, services.catalog(), services.tiles(), blocking);
        IngestRoutes.mount(
                router,
                new VesselPositions(services.store(), new org.iocmap.layers.changes.ChangeLog(services.store())),
                blocking,
                services.ingestStats());
        org.iocmap.service.heatmap.HeatmapRoutes.mount(router, services.catalog(), blocking);
        VesselRoutes.mount(router, services.catalog(), new VesselRegistry(services.store()), blocking);
        org.iocmap.service.geofence.GeofenceRoutes.mount(router, services.geofences(), blocking);
        org.iocmap.service.geofence.AlertRoutes.mount(router, services.catalog(), services.store(), blocking);
        AlarmRoutes.mount(router, services.alarms(), services.jurisdictions(), blocking);
        FireIncidentRoutes.mount(router, services.alarms(), services.jurisdictions(), blocking);
        org.iocmap.service.readings.ReadingRoutes.mount(router, services.store(), services.jurisdictions(), blocking);
        CameraRoutes.mount(
                router,
                new CameraRegistry(services.store(), new org.iocmap.layers.changes.ChangeLog(services.store())),
                blocking);
        org.iocmap.service.incidents.IncidentRoutes.mount(
                router, services.incidents(), services.jurisdictions(), blocking);
        org.iocmap.service.geoserver.GeoServerRoutes.mount(router, services.geoserver(), blocking);
        router.route("/tiles/*").handler(ctx -> ctx.fail(404)); // unknown tile paths get problem+json
        router.route("/api/*").handler(ctx -> ctx.fail(404)); // unknown API paths get problem+json, not the page
        router.get("/webjars/*").handler(new WebJarHandler());
        router.route("/*").handler(StaticHandler.create("webroot").setIndexPage("index.html"));

        // Port 0 asks for any free port; -1 asks Vert.x for one that every instance of this verticle shares.
        int port = services.config().httpPort() == 0 ? -1 : services.config().httpPort();
        return vertx.createHttpServer()
                .requestHandler(router)
                .listen(port, services.config().httpHost())
                .onSuccess(s -> actualPort.set(s.actualPort()));
    }
}
