package org.iocmap.layers.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Holds how to reach the store. The password is never printed by {@link #toString()}.
 *
 * @param maxConnections the connection pool size
 */
public record StoreSettings(String jdbcUrl, String user, String password, int maxConnections) {
    public StoreSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        StoreKind.fromJdbcUrl(jdbcUrl);
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be >= 1, was " + maxConnections);
        }
    }

    /** Creates settings for the embedded H2GIS store in a file {@code iocmap.mv.db} under {@code dataDir}. */
    public static StoreSettings embedded(Path dataDir) {
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("iocmap") + ";DB_CLOSE_ON_EXIT=FALSE";
        return new StoreSettings(url, "sa", "", 8);
    }

    /** Returns the backend the URL selects. */
    public StoreKind kind() {
        return StoreKind.fromJdbcUrl(jdbcUrl);
    }

    @Override
    public String toString() {
        return "StoreSettings[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password=***, maxConnections="
                + maxConnections + "]";
    }
}
