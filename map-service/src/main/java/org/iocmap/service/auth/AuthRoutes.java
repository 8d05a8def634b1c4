package org.iocmap.service.auth;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.iocmap.layers.kinds.UserAccount;
import org.iocmap.service.http.Blocking;
import org.iocmap.service.http.InvalidInputException;
import org.iocmap.service.http.UnauthorizedException;

/** Mounts {@code POST /api/auth/token} (sign in) and {@code GET /api/auth/me} (who am I). */
public final class AuthRoutes {
    private AuthRoutes() {}

    /** Mounts the routes on {@code router}. */
    public static void mount(
            Router router, UserService users, JwtCodec jwt, Jurisdictions jurisdictions, Blocking blocking) {
        router.post("/api/auth/token").handler(ctx -> signIn(ctx, users, jwt, jurisdictions, blocking));
        router.get("/api/auth/me").handler(ctx -> {
            Viewer viewer = AuthHandler.requireSignedIn(ctx);
            blocking.run(() -> users.find(viewer.username()))
                    .onSuccess(account -> json(
                            ctx,
                            withArea(new JsonObject(), viewer.area())
                                    .put("username", viewer.username())
                                    .put(
                                            "displayName",
                                            account.map(a -> a.getDisplayName()).orElse(viewer.username()))
                                    .put(
                                            "roles",
                                            new JsonArray(viewer.roles().stream()
                                                    .sorted()
                                                    .toList()))))
                    .onFailure(ctx::fail);
        });
    }

    private static void signIn(
            RoutingContext ctx, UserService users, JwtCodec jwt, Jurisdictions jurisdictions, Blocking blocking) {
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            throw new InvalidInputException(
                    "body", ctx.body().asString(), "a JSON object {\"username\", \"password\"}");
        }
        if (body == null) {
            throw new InvalidInputException("body", null, "a JSON object {\"username\", \"password\"}");
        }
        String username = text(body, "username");
        String password = text(body, "password");
        blocking.run(() -> users.authenticate(username, password).map(viewer -> {
                    Optional<UserAccount> account = users.find(username);
                    String displayName = account.map(a -> a.getDisplayName()).orElse(username);
                    return new Object[] {
                        viewer,
                        displayName,
                        account.map(UserAccount::getAreaCode).orElse(null)
                    };
                }))
                .onSuccess(result -> {
                    if (result.isEmpty()) {
                        ctx.fail(new UnauthorizedException("wrong username or password"));
                        return;
                    }
                    Viewer viewer = (Viewer) result.get()[0];
                    String areaCode = (String) result.get()[2];
                    JwtCodec.IssuedToken token = jwt.issue(viewer.username(), viewer.roles(), areaCode);
                    json(
                            ctx,
                            withArea(
                                            new JsonObject(),
                                            jurisdictions.find(areaCode).orElse(null))
                                    .put("token", token.token())
                                    .put("username", viewer.username())
                                    .put("displayName", result.get()[1])
                                    .put(
                                            "roles",
                                            new JsonArray(viewer.roles().stream()
                                                    .sorted()
                                                    .toList()))
                                    .put("expiresAt", token.expiresAt().toString()));
                })
                .onFailure(ctx::fail);
    }

    /** Adds {@code area} ({code, name, nameEn}) when the user is limited to one; null leaves the object as it is. */
    private static JsonObject withArea(JsonObject body, Area area) {
        if (area != null) {
            body.put(
                    "area",
                    new JsonObject()
                            .put("code", area.code())
                            .put("name", area.nameVi())
                            .put("nameEn", area.nameEn()));
        }
        return body;
    }

    private static String text(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (!(value instanceof String s) || s.isEmpty()) {
            throw new InvalidInputException(field, value == null ? null : String.valueOf(value), "a non-empty string");
        }
        return s;
    }

    private static void json(RoutingContext ctx, JsonObject body) {
        ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(body.encode());
    }
}
