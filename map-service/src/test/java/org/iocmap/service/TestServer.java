package org.iocmap.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.iocmap.service.config.ServiceConfig;

/**
 * Starts the whole platform in-process on a free loopback port, for tests. {@link #shared()} gives one demo server per
 * test JVM (demo data and users admin/admin, operator/operator, fisheries/fisheries, planner/planner), stopped when the
 * JVM exits; {@link #startDemo(Path)} gives a private one.
 */
public final class TestServer implements AutoCloseable {
    private static TestServer shared;
    private final Application app;

    private TestServer(Application app) {
        this.app = app;
    }

    /** Starts a demo server on the embedded store in {@code dataDir}. */
    public static TestServer startDemo(Path dataDir) {
        return start(Map.of("IOCMAP_DATA_DIR", dataDir.toString(), "IOCMAP_DEMO", "true"));
    }

    /** Starts a server with these settings on top of: loopback, a free port. */
    public static TestServer start(Map<String, String> settings) {
        Map<String, String> env = new HashMap<>(settings);
        env.putIfAbsent("IOCMAP_HTTP_HOST", "127.0.0.1");
        env.putIfAbsent("IOCMAP_HTTP_PORT", "0");
        try {
            return new TestServer(Application.start(ServiceConfig.fromEnvironment(env)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the demo server shared by the tests of this JVM, starting it on first use. */
    public static synchronized TestServer shared() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("iocmap-test-");
                shared = startDemo(dir);
                Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /** Returns {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + app.port();
    }

    /** Returns the running application. */
    public Application app() {
        return app;
    }

    @Override
    public void close() {
        app.close();
    }
}
