package org.iocmap.layers.store;

/** Names the two storage backends; {@link #id()} is the value {@code /health} reports. */
public enum StoreKind {
    H2GIS("h2gis", "h2"),
    POSTGIS("postgis", "postgresql");

    private final String id;
    private final String migrationFolder;

    StoreKind(String id, String migrationFolder) {
        this.id = id;
        this.migrationFolder = migrationFolder;
    }

    /** Returns the backend's name: {@code h2gis} or {@code postgis}. */
    public String id() {
        return id;
    }

    /** Returns the Flyway location holding this backend's migrations. */
    public String migrationLocation() {
        return "classpath:db/migration/" + migrationFolder;
    }

    /** Returns the backend a JDBC URL selects: {@code jdbc:h2:} or {@code jdbc:postgresql:}. */
    public static StoreKind fromJdbcUrl(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return H2GIS;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGIS;
        }
        throw new IllegalArgumentException("database URL must start with jdbc:h2: or jdbc:postgresql:, was "
                + jdbcUrl.replaceAll("password=[^&;]*", "password=***"));
    }
}
