package org.iocmap.service.auth;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import org.iocmap.service.http.UnauthorizedException;

/**
 * Reads the bearer token of every API request and puts the {@link Viewer} into the context. A request without a token
 * goes on as {@link Viewer#ANONYMOUS} (routes decide whether that is enough); a bad token fails with 401 at once.
 */
public final class AuthHandler implements Handler<RoutingContext> {
    private static final String VIEWER = "iocmap.viewer";
    private final JwtCodec jwt;

    public AuthHandler(JwtCodec jwt) {
        this.jwt = jwt;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            ctx.put(VIEWER, Viewer.ANONYMOUS);
            ctx.next();
            return;
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            ctx.fail(new UnauthorizedException("the Authorization header must be 'Bearer <token>'"));
            return;
        }
        try {
            ctx.put(VIEWER, jwt.verify(header.substring(7).trim()));
        } catch (UnauthorizedException e) {
            ctx.fail(e);
            return;
        }
        ctx.next();
    }

    /** Returns the viewer of this request; anonymous when no handler set one. */
    public static Viewer viewer(RoutingContext ctx) {
        Viewer viewer = ctx.get(VIEWER);
        return viewer == null ? Viewer.ANONYMOUS : viewer;
    }

    /**
     * Returns the signed-in viewer of this request.
     *
     * @throws UnauthorizedException when nobody signed in
     */
    public static Viewer requireSignedIn(RoutingContext ctx) {
        Viewer viewer = viewer(ctx);
        if (viewer.isAnonymous()) {
            throw new UnauthorizedException("this request needs a token; sign in with POST /api/auth/token");
        }
        return viewer;
    }
}
