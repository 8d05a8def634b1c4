package org.iocmap.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import org.iocmap.layers.store.StorageUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Pins how failures reach clients: problem+json, the right status, never a stack trace. */
@ExtendWith(VertxExtension.class)
class ProblemHandlerTest {
    private record Reply(int status, String retryAfter, String contentType, String body) {}

    private static Reply failWith(Vertx vertx, RuntimeException failure) {
        Router router = Router.router(vertx);
        router.route().failureHandler(new ProblemHandler());
        router.get("/fail").handler(ctx -> ctx.fail(failure));
        HttpServer server = vertx.createHttpServer()
                .requestHandler(router)
                .listen(0, "127.0.0.1")
                .await();
        try {
            // Ask for the body inside the same chain, before the response can end unobserved.
            return vertx.createHttpClient()
                    .request(HttpMethod.GET, server.actualPort(), "127.0.0.1", "/fail")
                    .compose(request -> request.send())
                    .compose(response -> response.body()
                            .map(body -> new Reply(
                                    response.statusCode(),
                                    response.getHeader("Retry-After"),
                                    response.getHeader("Content-Type"),
                                    body.toString())))
                    .await();
        } finally {
            server.close().await();
        }
    }

    @Test
    void anUnreachableStoreIsA503WithRetryAfter(Vertx vertx) {
        Reply reply = failWith(vertx, new StorageUnavailableException("connection refused", null));
        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.retryAfter()).isEqualTo("30");
        assertThat(reply.contentType()).isEqualTo("application/problem+json");
        assertThat(reply.body()).contains("retry after 30 s").doesNotContain("connection refused");
    }

    @Test
    void aBugIsA500WithAReferenceAndNoStackTrace(Vertx vertx) {
        Reply reply = failWith(vertx, new IllegalStateException("secret internal detail"));
        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.body())
                .contains("reference")
                .doesNotContain("secret internal detail")
                .doesNotContain("IllegalStateException");
    }

    @Test
    void forbiddenAndUnauthorizedKeepTheirMessages(Vertx vertx) {
        assertThat(failWith(vertx, new ForbiddenException("not your layer")).status())
                .isEqualTo(403);
        Reply unauthorized = failWith(vertx, new UnauthorizedException("sign in"));
        assertThat(unauthorized.status()).isEqualTo(401);
        assertThat(unauthorized.body()).contains("sign in");
    }
}
