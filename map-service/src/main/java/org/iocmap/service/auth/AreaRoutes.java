package org.iocmap.service.auth;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import org.iocmap.service.http.Blocking;
import org.iocmap.service.http.ForbiddenException;
import org.iocmap.service.http.GeoJson;
import org.iocmap.service.http.InvalidInputException;
import org.iocmap.service.http.NotFoundException;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.operation.valid.IsValidOp;

/**
 * Mounts the areas users can be limited to and the assignment of a user to one:
 *
 * <ul>
 *   <li>{@code GET /api/areas}: every area (code, names, level), signed-in users;
 *   <li>{@code GET /api/areas/{code}}: one area as a GeoJSON feature, signed-in users;
 *   <li>{@code PUT /api/areas/{code}}: creates or replaces an area from {@code {name, nameEn, level, geometry}}, admin;
 *   <li>{@code PUT /api/users/{username}/area}: limits a user to {@code {"area": code}}, or lifts it with {@code null},
 *       admin; it applies from the user's next sign-in.
 * </ul>
 */
public final class AreaRoutes {
    private static final Set<String> LEVELS = Set.of("province", "district", "ward", "custom");
    private final Jurisdictions jurisdictions;
    private final Blocking blocking;

    private AreaRoutes(Jurisdictions jurisdictions, Blocking blocking) {
        this.jurisdictions = jurisdictions;
        this.blocking = blocking;
    }

    /** Mounts the routes on {@code router}. */
    public static void mount(Router router, Jurisdictions jurisdictions, Blocking blocking) {
        AreaRoutes routes = new AreaRoutes(jurisdictions, blocking);
        router.get("/api/areas").handler(routes::list);
        router.get("/api/areas/:code").handler(routes::read);
        router.put("/api/areas/:code").handler(routes::save);
        router.put("/api/users/:username/area").handler(routes::assign);
    }

    private void list(RoutingContext ctx) {
        AuthHandler.requireSignedIn(ctx);
        JsonArray areas = new JsonArray();
        jurisdictions.all().forEach(a -> areas.add(summary(a)));
        json(ctx, 200, new JsonObject().put("areas", areas));
    }

    private void read(RoutingContext ctx) {
        AuthHandler.requireSignedIn(ctx);
        String code = ctx.pathParam("code");
        Area area = jurisdictions.find(code).orElseThrow(() -> new NotFoundException("no area '" + code + "'"));
        json(
                ctx,
                200,
                new JsonObject()
                        .put("type", "Feature")
                        .put("id", area.code())
                        .put("geometry", GeoJson.geometry(area.geometry()))
                        .put("properties", summary(area)));
    }

    private void save(RoutingContext ctx) {
        requireAdmin(ctx);
        String code = ctx.pathParam("code");
        if (!code.matches("[A-Za-z0-9][A-Za-z0-9_\\-]{0,63}")) {
            throw new InvalidInputException("code", code, "letters, digits, '-' and '_', at most 64");
        }
        JsonObject body = body(ctx);
        String name = text(body, "name");
        String nameEn = body.getValue("nameEn") instanceof String s && !s.isBlank() ? s : name;
        String level = body.getValue("level") == null ? "custom" : String.valueOf(body.getValue("level"));
        if (!LEVELS.contains(level)) {
            throw new InvalidInputException(
                    "level", level, "one of " + LEVELS.stream().sorted().toList());
        }
        Geometry geometry = GeoJson.toGeometry(body.getValue("geometry"));
        if (!(geometry instanceof Polygonal) || geometry.isEmpty()) {
            throw new InvalidInputException(
                    "geometry", geometry.getGeometryType(), "a GeoJSON Polygon or MultiPolygon in lon, lat");
        }
        IsValidOp validity = new IsValidOp(geometry);
        if (!validity.isValid()) {
            throw new InvalidInputException(
                    "geometry",
                    geometry.getGeometryType(),
                    "a valid polygon; " + validity.getValidationError().getMessage() + " at "
                            + validity.getValidationError().getCoordinate());
        }
        Area area = new Area(code, name, nameEn, level, geometry);
        boolean existed = jurisdictions.find(code).isPresent();
        blocking.run(() -> {
                    jurisdictions.save(area);
                    return summary(area);
                })
                .onSuccess(json -> json(ctx, existed ? 200 : 201, json))
                .onFailure(ctx::fail);
    }

    private void assign(RoutingContext ctx) {
        requireAdmin(ctx);
        String username = ctx.pathParam("username");
        JsonObject body = body(ctx);
        if (!body.containsKey("area")) {
            throw new InvalidInputException("area", null, "an area code, or null to lift the limit");
        }
        Object value = body.getValue("area");
        String code = value == null ? null : String.valueOf(value);
        if (code != null && jurisdictions.find(code).isEmpty()) {
            throw new InvalidInputException("area", code, "the code of an area listed at GET /api/areas");
        }
        blocking.run(() -> jurisdictions.assign(username, code))
                .onSuccess(found -> {
                    if (!found) {
                        ctx.fail(new NotFoundException("no user '" + username + "'"));
                        return;
                    }
                    json(
                            ctx,
                            200,
                            new JsonObject()
                                    .put("username", username)
                                    .put("area", code)
                                    .put("appliesFrom", "the user's next sign-in"));
                })
                .onFailure(ctx::fail);
    }

    private static void requireAdmin(RoutingContext ctx) {
        Viewer viewer = AuthHandler.requireSignedIn(ctx);
        if (!viewer.isAdmin()) {
            throw new ForbiddenException("areas and the users limited to them are managed by the admin role; yours are "
                    + viewer.roles().stream().sorted().toList());
        }
    }

    private static JsonObject summary(Area area) {
        return new JsonObject()
                .put("code", area.code())
                .put("name", area.nameVi())
                .put("nameEn", area.nameEn())
                .put("level", area.level());
    }

    private static JsonObject body(RoutingContext ctx) {
        try {
            JsonObject body = ctx.body().asJsonObject();
            if (body != null) {
                return body;
            }
        } catch (DecodeException | ClassCastException e) {
            // answered below, with the expected form
        }
        throw new InvalidInputException("body", ctx.body().asString(), "a JSON object");
    }

    private static String text(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (!(value instanceof String s) || s.isBlank()) {
            throw new InvalidInputException(field, value == null ? null : String.valueOf(value), "a non-empty string");
        }
        return s;
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(body.encode());
    }
}
