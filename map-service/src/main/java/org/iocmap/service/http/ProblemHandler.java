package org.iocmap.service.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import org.iocmap.layers.store.StorageUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Renders every failure as {@code application/problem+json}. Clients never see a stack trace. */
public final class ProblemHandler implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);
    private static final int RETRY_AFTER_SECONDS = 30;

    @Override
    public void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        Problem problem =
                switch (failure) {
                    case InvalidInputException e -> Problem.badRequest(e.parameter(), e.getMessage());
                    case NotFoundException e -> Problem.notFound(e.getMessage());
                    case ConflictException e -> Problem.conflict(e.getMessage());
                    case UnauthorizedException e -> Problem.unauthorized(e.getMessage());
                    case ForbiddenException e -> Problem.forbidden(e.getMessage());
                    case StorageUnavailableException e -> {
                        LOG.warn(
                                "Store unavailable on {} {}: {}",
                                ctx.request().method(),
                                ctx.request().path(),
                                e.getMessage());
                        yield Problem.unavailable(RETRY_AFTER_SECONDS);
                    }
                    case null -> Problem.ofStatus(ctx.statusCode());
                    default -> {
                        String ref = UUID.randomUUID().toString();
                        LOG.error(
                                "Unhandled failure ref={} {} {}",
                                ref,
                                ctx.request().method(),
                                ctx.request().path(),
                                failure);
                        yield Problem.internal(ref);
                    }
                };
        if (ctx.response().headWritten()) {
            ctx.response().reset(); // the body is half sent; the only honest thing left is to cut the connection
            return;
        }
        if (problem.retryAfterSeconds() > 0) {
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Integer.toString(problem.retryAfterSeconds()));
        }
        if (problem.status() == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"iocmap\"");
        }
        ctx.response()
                .setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                .end(problem.toJson().encode());
    }
}
