package org.iocmap.layers.store;

import java.nio.file.Path;
import java.util.Optional;

/** Opens stores for tests: an embedded H2GIS file in a temporary folder, or the PostGIS named by the environment. */
public final class TestStores {
    private TestStores() {}

    /** Opens a fresh embedded store under {@code dir}. */
    public static Store h2gis(Path dir) {
        return Store.open(StoreSettings.embedded(dir));
    }

    /**
     * Returns the PostGIS settings from {@code IOCMAP_TEST_DB_URL} (or {@code -Diocmap.test.db.url}), with
     * {@code IOCMAP_TEST_DB_USER} and {@code IOCMAP_TEST_DB_PASSWORD}; empty when none is set.
     */
    public static Optional<StoreSettings> postgisSettings() {
        String url = setting("iocmap.test.db.url", "IOCMAP_TEST_DB_URL");
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        String user = setting("iocmap.test.db.user", "IOCMAP_TEST_DB_USER");
        String password = setting("iocmap.test.db.password", "IOCMAP_TEST_DB_PASSWORD");
        return Optional.of(new StoreSettings(url, user, password == null ? "" : password, 4));
    }

    private static String setting(String property, String env) {
        String value = System.getProperty(property);
        return value != null ? value : System.getenv(env);
    }
}
