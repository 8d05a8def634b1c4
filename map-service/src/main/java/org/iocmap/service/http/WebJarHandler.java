package org.iocmap.service.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.webjars.WebJarVersionLocator;

/**
 * Serves files of the webjars on the classpath without their version: {@code /webjars/leaflet/dist/leaflet.js} is
 * {@code META-INF/resources/webjars/leaflet/1.9.4/dist/leaflet.js} (or {@code …/webjars/leaflet/dist/leaflet.js} for a webjar
 * without a version folder). The page then never names a library version, and
 * nothing is loaded from the internet. Files are read once and kept in memory (they are few and small).
 */
public final class WebJarHandler implements Handler<RoutingContext> {
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "png", "image/png",
            "svg", "image/svg+xml",
            "map", "application/json");
    private final WebJarVersionLocator locator = new WebJarVersionLocator();
    private final Map<String, Optional<Buffer>> cache = new ConcurrentHashMap<>();

    @Override
    public void handle(RoutingContext ctx) {
        String rest = ctx.pathParam("*");
        int slash = rest == null ? -1 : rest.indexOf('/');
        if (slash <= 0 || rest.contains("..")) {
            ctx.fail(404);
            return;
        }
        String name = rest.substring(0, slash);
        String path = rest.substring(slash + 1);
        Optional<Buffer> content = cache.computeIfAbsent(rest, key -> read(name, path));
        if (content.isEmpty()) {
            ctx.fail(404);
            return;
        }
        String extension = path.substring(path.lastIndexOf('.') + 1);
        ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, TYPES.getOrDefault(extension, "application/octet-stream"))
                .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=86400")
                .end(content.get());
    }

    private Optional<Buffer> read(String name, String path) {
        String full = locator.fullPath(name, path);
        if (full == null) {
            // A webjar the locator does not know (bowergithub ones such as leaflet-draw) keeps its files unversioned.
            full = WebJarVersionLocator.WEBJARS_PATH_PREFIX + "/" + name + "/" + path;
        }
        try (InputStream in = WebJarHandler.class.getClassLoader().getResourceAsStream(full)) {
            return in == null ? Optional.empty() : Optional.of(Buffer.buffer(in.readAllBytes()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + full + " from the classpath", e);
        }
    }
}
