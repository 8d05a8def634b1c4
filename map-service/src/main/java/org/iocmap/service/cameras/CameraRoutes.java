package org.iocmap.service.cameras;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Set;
import org.iocmap.service.alarms.AlarmJson;
import org.iocmap.service.alarms.RouteParams;
import org.iocmap.service.http.Blocking;
import org.iocmap.service.http.InvalidInputException;

/**
 * Mounts the camera registry, for the roles operator and admin:
 *
 * <ul>
 *   <li>{@code GET /api/cameras?status=&limit=&offset=}: cameras in code order;
 *   <li>{@code GET /api/cameras/covering?lon=&lat=&limit=&status=}: the cameras that see the point, nearest first,
 *       each with its distance in metres and the bearing from the camera to the point ({@link
 *       org.iocmap.layers.kinds.CameraCoverage});
 *   <li>{@code PATCH /api/cameras/{code}} {@code {"status", "streamUrl", "snapshotUrl"}} (also {@code stream_url},
 *       {@code snapshot_url}): changes what is given; a null address removes it.
 * </ul>
 *
 * Cameras are not limited by the viewer's area: a camera across a district line may be the one that sees a fire.
 */
public final class CameraRoutes {
    static final int DEFAULT_COVERING = 20;
    static final int MAX_COVERING = 100;
    static final int MAX_URL_CHARS = 1_000;
    private static final Set<String> URL_SCHEMES = Set.of("rtsp", "rtsps", "http", "https");

    private final CameraRegistry cameras;
    private final Blocking blocking;

    private CameraRoutes(CameraRegistry cameras, Blocking blocking) {
        this.cameras = cameras;
        this.blocking = blocking;
    }

    /** Mounts the routes on {@code router}. */
    public static void mount(Router router, CameraRegistry cameras, Blocking blocking) {
        CameraRoutes routes = new CameraRoutes(cameras, blocking);
        router.get("/api/cameras").handler(routes::list);
        router.get("/api/cameras/covering").handler(routes::covering);
        router.patch("/api/cameras/:code").handler(routes::patch);
    }

    private void list(RoutingContext ctx) {
        RouteParams.operator(ctx, "see the cameras");
        MultiMap params = ctx.queryParams();
        String status = status(params);
        int limit = RouteParams.limit(params);
        int offset = RouteParams.offset(params);
        blocking.run(() -> cameras.list(status, limit, offset))
                .onSuccess(page -> {
                    JsonArray items = new JsonArray();
                    page.cameras().forEach(c -> items.add(AlarmJson.camera(c)));
                    json(
                            ctx,
                            new JsonObject()
                                    .put("numberMatched", page.matched())
                                    .put("numberReturned", items.size())
                                    .put("cameras", items));
                })
                .onFailure(ctx::fail);
    }

    private void covering(RoutingContext ctx) {
        RouteParams.operator(ctx, "see the cameras");
        MultiMap params = ctx.queryParams();
        double lon = RouteParams.coordinate(params, "lon", 180);
        double lat = RouteParams.coordinate(params, "lat", 90);
        int limit = RouteParams.whole(params, "limit", 1, MAX_COVERING, DEFAULT_COVERING);
        String status = status(params);
        blocking.run(() -> cameras.covering(lon, lat, status, limit))
                .onSuccess(seen -> {
                    JsonArray items = new JsonArray();
                    seen.forEach(s -> items.add(AlarmJson.camera(s.camera())
                            .put("distanceM", AlarmJson.round(s.distanceMetres()))
                            .put("bearingDeg", AlarmJson.round(s.bearingDegrees()))));
                    json(ctx, new JsonObject().put("lon", lon).put("lat", lat).put("cameras", items));
                })
                .onFailure(ctx::fail);
    }

    private void patch(RoutingContext ctx) {
        RouteParams.operator(ctx, "change cameras");
        String code = ctx.pathParam("code");
        JsonObject body = RouteParams.body(ctx, false, "a JSON object such as {\"status\": \"offline\"}");
        String status = null;
        String stream = null;
        String snapshot = null;
        boolean clearStream = false;
        boolean clearSnapshot = false;
        for (String key : body.fieldNames()) {
            Object value = body.getValue(key);
            switch (key) {
                case "status" -> {
                    if (!(value instanceof String s) || !CameraRegistry.STATUSES.contains(s)) {
                        throw new InvalidInputException(
                                "status", String.valueOf(value), "one of " + CameraRegistry.STATUSES);
                    }
                    status = s;
                }
                case "streamUrl", "stream_url" -> {
                    stream = url(key, value);
                    clearStream = stream == null;
                }
                case "snapshotUrl", "snapshot_url" -> {
                    snapshot = url(key, value);
                    clearSnapshot = snapshot == null;
                }
                default ->
                    throw new InvalidInputException(
                            key, String.valueOf(value), "no such field; the fields are status, streamUrl, snapshotUrl");
            }
        }
        CameraRegistry.Patch patch = new CameraRegistry.Patch(status, stream, clearStream, snapshot, clearSnapshot);
        blocking.run(() -> cameras.patch(code, patch))
                .onSuccess(camera -> json(ctx, AlarmJson.camera(camera)))
                .onFailure(ctx::fail);
    }

    /**
     * Reads a video address: rtsp(s):// or http(s):// with a host, or a path on this server starting with '/';
     * null (JSON null) removes it. Other schemes (javascript:, file:) are refused, as the page turns these into links.
     */
    static String url(String name, Object value) {
        if (value == null) {
            return null;
        }
        String expected = "an rtsp://, rtsps://, http:// or https:// URL with a host, or a path starting with '/',"
                + " at most " + MAX_URL_CHARS + " characters; null removes it";
        if (!(value instanceof String s) || s.isBlank() || s.length() > MAX_URL_CHARS) {
            throw new InvalidInputException(name, String.valueOf(value), expected);
        }
        String url = s.strip();
        if (url.startsWith("/") && !url.startsWith("//")) {
            return url;
        }
        try {
            URI uri = new URI(url);
            if (uri.getScheme() != null
                    && URL_SCHEMES.contains(uri.getScheme().toLowerCase(java.util.Locale.ROOT))
                    && uri.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // below
        }
        throw new InvalidInputException(name, url, expected);
    }

    private static String status(MultiMap params) {
        List<String> statuses = List.copyOf(RouteParams.oneOf(params, "status", CameraRegistry.STATUSES));
        if (statuses.size() > 1) {
            throw new InvalidInputException("status", params.get("status"), "one of " + CameraRegistry.STATUSES);
        }
        return statuses.isEmpty() ? null : statuses.getFirst();
    }

    private static void json(RoutingContext ctx, JsonObject json) {
        ctx.response()
                .putHeader(io.vertx.core.http.HttpHeaders.CONTENT_TYPE, "application/json")
                .end(json.encode());
    }
}
