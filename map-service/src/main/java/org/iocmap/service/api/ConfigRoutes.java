package org.iocmap.service.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.iocmap.service.auth.UserService;
import org.iocmap.service.config.ServiceConfig;

/**
 * Mounts {@code GET /api/config}, which the page reads before sign-in: basemap, start view, and in demo mode the demo
 * users (their passwords are their names and are listed in the README).
 */
public final class ConfigRoutes {
    /** The start view: Khánh Hòa, longitude then latitude. */
    private static final double[] CENTER = {109.19, 12.24};

    private static final int ZOOM = 9;

    private ConfigRoutes() {}

    /** Mounts the route on {@code router}. */
    public static void mount(Router router, ServiceConfig config) {
        JsonArray demoUsers = new JsonArray();
        if (config.demo()) {
            for (String name : UserService.DEMO_USERS) {
                demoUsers.add(new JsonObject()
                        .put("username", name)
                        .put("password", name)
                        .put("roles", new JsonArray().add(name)));
            }
            demoUsers.add(new JsonObject()
                    .put("username", org.iocmap.service.auth.Jurisdictions.DEMO_USER)
                    .put("password", org.iocmap.service.auth.Jurisdictions.DEMO_USER)
                    .put("roles", new JsonArray().add(org.iocmap.service.auth.Roles.OPERATOR))
                    .put("area", org.iocmap.service.auth.Jurisdictions.DEMO_AREA));
        }
        String body = new JsonObject()
                .put("basemapUrl", config.basemap().orElse(null))
                .put("basemapAttribution", config.basemapAttribution().isEmpty() ? null : config.basemapAttribution())
                .put("center", new JsonArray().add(CENTER[0]).add(CENTER[1]))
                .put("zoom", ZOOM)
                .put("demo", config.demo())
                .put("demoUsers", demoUsers)
                .encode();
        router.get("/api/config").handler(ctx -> ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(body));
    }
}
