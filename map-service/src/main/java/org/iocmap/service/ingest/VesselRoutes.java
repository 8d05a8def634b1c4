package org.iocmap.service.ingest;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import org.iocmap.layers.kinds.LayerCatalog;
import org.iocmap.layers.kinds.VesselPositions;
import org.iocmap.layers.kinds.VesselRegistry;
import org.iocmap.service.auth.AuthHandler;
import org.iocmap.service.auth.LayerAccess;
import org.iocmap.service.http.Blocking;
import org.iocmap.service.http.InvalidInputException;
import org.iocmap.service.http.NotFoundException;

/**
 * Mounts the vessel registry for the vessel panel: {@code GET /api/vessels?q=&limit=} (search by name, MMSI or
 * registration number, most recently seen first) and {@code GET /api/vessels/{mmsi}/track?from=&to=} (the stored
 * positions, oldest first, as a GeoJSON LineString with the times). Whoever may read the vessel layer may read these.
 */
public final class VesselRoutes {
    /** The longest track asked at once. */
    static final Duration MAX_TRACK_SPAN = Duration.ofDays(31);

    private final LayerCatalog catalog;
    private final VesselRegistry registry;
    private final Blocking blocking;

    private VesselRoutes(LayerCatalog catalog, VesselRegistry registry, Blocking blocking) {
        this.catalog = catalog;
        this.registry = registry;
        this.blocking = blocking;
    }

    /** Mounts the routes on {@code router}. */
    public static void mount(Router router, LayerCatalog catalog, VesselRegistry registry, Blocking blocking) {
        VesselRoutes routes = new VesselRoutes(catalog, registry, blocking);
        router.get("/api/vessels").handler(routes::search);
        router.get("/api/vessels/:mmsi/track").handler(routes::track);
    }

    private void requireReader(RoutingContext ctx) {
        LayerAccess.requireReadable(
                AuthHandler.viewer(ctx), catalog.find(VesselPositions.LAYER), VesselPositions.LAYER);
    }

    private void search(RoutingContext ctx) {
        requireReader(ctx);
        String q = ctx.queryParams().get("q");
        int limit = limit(ctx.queryParams().get("limit"));
        blocking.run(() -> registry.search(q, limit))
                .onSuccess(found -> {
                    JsonArray vessels = new JsonArray();
                    found.forEach(v -> vessels.add(json(v)));
                    send(ctx, new JsonObject().put("vessels", vessels));
                })
                .onFailure(ctx::fail);
    }

    private static JsonObject json(VesselRegistry.VesselRecord v) {
        return new JsonObject()
                .put("id", v.id())
                .put("mmsi", v.mmsi())
                .put("name", v.name())
                .put("call_sign", v.callSign())
                .put("registration_no", v.registrationNo())
                .put("ship_type", v.shipType())
                .put("length_m", v.lengthM())
                .put("flag", v.flag())
                .put("last_fix_at", v.lastFixAt() == null ? null : v.lastFixAt().toString())
                .put("lon", v.lon())
                .put("lat", v.lat())
                .put("speed_kn", v.speedKn())
                .put("course_deg", v.courseDeg())
                .put("heading_deg", v.headingDeg());
    }

    private static int limit(String raw) {
        if (raw == null) {
            return 50;
        }
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= 1000) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidInputException("limit", raw, "a whole number from 1 to 1000");
    }

    private void track(RoutingContext ctx) {
        requireReader(ctx);
        String mmsi = ctx.pathParam("mmsi");
        if (!mmsi.matches("\\d{9}")) {
            throw new InvalidInputException("mmsi", mmsi, "nine digits");
        }
        Instant to = time(ctx, "to", Instant.now());
        Instant from = time(ctx, "from", to.minus(Duration.ofHours(24)));
        if (from.isAfter(to)) {
            throw new InvalidInputException("from", from.toString(), "a time not after to=" + to);
        }
        if (Duration.between(from, to).compareTo(MAX_TRACK_SPAN) > 0) {
            throw new InvalidInputException(
                    "from", from.toString(), "a time at most 31 days before to=" + to + "; ask for the track in parts");
        }
        blocking.run(() -> {
                    VesselRegistry.VesselRecord vessel = registry.findByMmsi(mmsi)
                            .orElseThrow(() -> new NotFoundException("no vessel with MMSI " + mmsi));
                    return new Object[] {vessel, registry.track(mmsi, from, to)};
                })
                .onSuccess(result -> {
                    VesselRegistry.VesselRecord vessel = (VesselRegistry.VesselRecord) result[0];
                    @SuppressWarnings("unchecked")
                    java.util.List<VesselRegistry.TrackPoint> points =
                            (java.util.List<VesselRegistry.TrackPoint>) result[1];
                    JsonArray coordinates = new JsonArray();
                    JsonArray times = new JsonArray();
                    JsonArray speeds = new JsonArray();
                    JsonArray courses = new JsonArray();
                    for (VesselRegistry.TrackPoint p : points) {
                        coordinates.add(new JsonArray().add(p.lon()).add(p.lat()));
                        times.add(p.at().toString());
                        speeds.add(p.speedKn());
                        courses.add(p.courseDeg());
                    }
                    send(
                            ctx,
                            new JsonObject()
                                    .put("type", "Feature")
                                    .put("id", vessel.id())
                                    .put(
                                            "geometry",
                                            points.isEmpty()
                                                    ? null
                                                    : new JsonObject()
                                                            .put("type", "LineString")
                                                            .put("coordinates", coordinates))
                                    .put(
                                            "properties",
                                            new JsonObject()
                                                    .put("mmsi", mmsi)
                                                    .put("name", vessel.name())
                                                    .put("from", from.toString())
                                                    .put("to", to.toString())
                                                    .put("points", points.size())
                                                    .put("times", times)
                                                    .put("speed_kn", speeds)
                                                    .put("course_deg", courses)));
                })
                .onFailure(ctx::fail);
    }

    private static Instant time(RoutingContext ctx, String name, Instant fallback) {
        Instant time = org.iocmap.service.http.QueryParams.instant(ctx.queryParams(), name);
        return time == null ? fallback : time;
    }

    private static void send(RoutingContext ctx, JsonObject body) {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body.encode());
    }
}
