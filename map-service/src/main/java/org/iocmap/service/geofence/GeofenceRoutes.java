package org.iocmap.service.geofence;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import org.iocmap.service.auth.AuthHandler;
import org.iocmap.service.auth.Roles;
import org.iocmap.service.auth.Viewer;
import org.iocmap.service.http.Blocking;
import org.iocmap.service.http.ConflictException;
import org.iocmap.service.http.ForbiddenException;
import org.iocmap.service.http.InvalidInputException;
import org.iocmap.service.http.NotFoundException;

/**
 * Mounts {@code /api/geofences}: list and read fences with their versions, create a fence, give it a new version
 * (which takes effect at its {@code effectiveFrom}, now by default, and never changes the versions before it), and
 * remove it. Reading is for the roles fisheries, operator and admin; changing for fisheries and admin. Every change is
 * stored before the engine sees it and before the answer.
 */
public final class GeofenceRoutes {
    private static final Set<String> READERS = Set.of(Roles.FISHERIES, Roles.OPERATOR);

    private final Geofences geofences;
    private final Blocking blocking;
    private final Clock clock;

    private GeofenceRoutes(Geofences geofences, Blocking blocking, Clock clock) {
        this.geofences = geofences;
        this.blocking = blocking;
        this.clock = clock;
    }

    /** Mounts the routes on {@code router}. */
    public static void mount(Router router, Geofences geofences, Blocking blocking) {
        GeofenceRoutes routes = new GeofenceRoutes(geofences, blocking, Clock.systemUTC());
        router.get("/api/geofences").handler(routes::list);
        router.get("/api/geofences/:id").handler(routes::read);
        router.post("/api/geofences").handler(routes::create);
        router.put("/api/geofences/:id").handler(routes::addVersion);
        router.delete("/api/geofences/:id").handler(routes::remove);
    }

    private static Viewer reader(RoutingContext ctx) {
        Viewer viewer = AuthHandler.requireSignedIn(ctx);
        if (!viewer.isAdmin() && viewer.roles().stream().noneMatch(READERS::contains)) {
            throw new ForbiddenException("geofences are for the fisheries, operator and admin roles; yours are "
                    + viewer.roles().stream().sorted().toList());
        }
        return viewer;
    }

    private static Viewer writer(RoutingContext ctx) {
        Viewer viewer = AuthHandler.requireSignedIn(ctx);
        if (!viewer.isAdmin() && !viewer.roles().contains(Roles.FISHERIES)) {
            throw new ForbiddenException("only the fisheries and admin roles may change geofences; yours are "
                    + viewer.roles().stream().sorted().toList());
        }
        return viewer;
    }

    private void list(RoutingContext ctx) {
        reader(ctx);
        blocking.run(() -> {
                    JsonArray fences = new JsonArray();
                    for (GeofenceStore.StoredFence f : geofences.store().readAll()) {
                        fences.add(summary(f));
                    }
                    return new JsonObject().put("geofences", fences);
                })
                .onSuccess(json -> json(ctx, 200, json))
                .onFailure(ctx::fail);
    }

    private void read(RoutingContext ctx) {
        reader(ctx);
        String id = ctx.pathParam("id");
        blocking.run(() -> geofences.store().find(id).map(f -> {
                    JsonArray versions = new JsonArray();
                    f.fence()
                            .versions()
                            .forEach(v -> versions.add(GeofenceJson.write(v)
                                    .put("createdBy", f.authors().get(v.version()))));
                    return summary(f)
                            .put("removed", geofences.store().isRemoved(id))
                            .put("versions", versions);
                }))
                .onSuccess(found -> found.ifPresentOrElse(
                        json -> json(ctx, 200, json),
                        () -> ctx.fail(new NotFoundException("no geofence '" + id + "'"))))
                .onFailure(ctx::fail);
    }

    private void create(RoutingContext ctx) {
        Viewer viewer = writer(ctx);
        JsonObject body = body(ctx);
        String id = body.getValue("id") == null ? null : String.valueOf(body.getValue("id"));
        if (id == null) {
            id = "fence-" + Long.toString(clock.millis(), 36) + "-"
                    + Integer.toString((int) (Math.random() * 1296), 36);
        } else if (!id.matches("[a-z0-9][a-z0-9_\\-]{0,63}")) {
            throw new InvalidInputException("id", id, "lower-case letters, digits, '-' and '_', at most 64");
        }
        GeofenceVersion first = GeofenceJson.read(body, 1, clock.instant());
        String fenceId = id;
        blocking.run(() -> {
                    if (!geofences.store().create(fenceId, first, viewer.username())) {
                        throw new ConflictException(
                                "a geofence '" + fenceId + "' exists (or existed); ids are not reused");
                    }
                    geofences.catalog().put(Geofence.of(fenceId, first));
                    return GeofenceJson.write(first).put("id", fenceId);
                })
                .onSuccess(json -> {
                    ctx.response().putHeader(HttpHeaders.LOCATION, "/api/geofences/" + fenceId);
                    json(ctx, 201, json);
                })
                .onFailure(ctx::fail);
    }

    private void addVersion(RoutingContext ctx) {
        Viewer viewer = writer(ctx);
        String id = ctx.pathParam("id");
        JsonObject body = body(ctx);
        Instant now = clock.instant();
        blocking.run(() -> {
                    GeofenceStore.StoredFence stored = geofences
                            .store()
                            .find(id)
                            .filter(f -> !geofences.store().isRemoved(id))
                            .orElseThrow(() -> new NotFoundException("no geofence '" + id + "'"));
                    GeofenceVersion latest = stored.fence().latest();
                    GeofenceVersion next = GeofenceJson.read(body, latest.version() + 1, now);
                    if (!next.effectiveFrom().isAfter(latest.effectiveFrom())) {
                        throw new InvalidInputException(
                                "effectiveFrom",
                                next.effectiveFrom().toString(),
                                "a time after version " + latest.version() + " took effect (" + latest.effectiveFrom()
                                        + ")");
                    }
                    geofences.store().addVersion(id, next, viewer.username());
                    geofences.catalog().addVersion(id, next);
                    return GeofenceJson.write(next).put("id", id);
                })
                .onSuccess(json -> json(ctx, 200, json))
                .onFailure(ctx::fail);
    }

    private void remove(RoutingContext ctx) {
        Viewer viewer = writer(ctx);
        String id = ctx.pathParam("id");
        blocking.run(() -> {
                    if (geofences.store().find(id).isEmpty()) {
                        throw new NotFoundException("no geofence '" + id + "'");
                    }
                    geofences.store().remove(id, viewer.username(), clock.instant());
                    geofences.catalog().remove(id);
                    return null;
                })
                .onSuccess(v -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }

    private static JsonObject summary(GeofenceStore.StoredFence f) {
        GeofenceVersion latest = f.fence().latest();
        return GeofenceJson.write(latest)
                .put("id", f.fence().id())
                .put("versionCount", f.fence().versions().size())
                .put("kindLabel", latest.kind().name().toLowerCase(Locale.ROOT));
    }

    private static JsonObject body(RoutingContext ctx) {
        String raw = ctx.body() == null ? null : ctx.body().asString();
        if (raw == null || raw.isBlank()) {
            throw new InvalidInputException("body", null, "a JSON object describing the fence");
        }
        try {
            return new JsonObject(raw);
        } catch (DecodeException | ClassCastException e) {
            throw new InvalidInputException(
                    "body", raw.length() > 80 ? raw.substring(0, 80) + "…" : raw, "a JSON object");
        }
    }

    private static void json(RoutingContext ctx, int status, JsonObject json) {
        ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(json.encode());
    }
}
