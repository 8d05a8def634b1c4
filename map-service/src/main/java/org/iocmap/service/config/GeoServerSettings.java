package org.iocmap.service.config;

import java.util.List;
import java.util.Optional;

/**
 * Holds the settings of publishing to GeoServer ({@code geoserver.*}): where its REST API is, how to sign in, the
 * workspace and data store to publish into, and how GeoServer itself reaches the PostGIS database (which may differ
 * from how the service reaches it, as inside a container network).
 *
 * @param url GeoServer's base URL, such as {@code http://geoserver:8080/geoserver}; empty switches publishing off
 * @param user the GeoServer administrator
 * @param password never logged
 * @param workspace the workspace the layers and styles are published into
 * @param datastore the PostGIS data store in that workspace
 * @param dbHost the database host as GeoServer sees it
 * @param dbPort the database port as GeoServer sees it
 * @param dbName the database name
 * @param dbUser the database user GeoServer connects as
 * @param dbPassword never logged
 * @param dbSchema the schema holding the service's tables
 */
public record GeoServerSettings(
        String url,
        String user,
        String password,
        String workspace,
        String datastore,
        String dbHost,
        int dbPort,
        String dbName,
        String dbUser,
        String dbPassword,
        String dbSchema) {

    /** Tests whether publishing is asked for ({@code geoserver.url} is set). */
    public boolean isOn() {
        return !url.isEmpty();
    }

    /** Returns {@code url} without a trailing slash, to which REST paths ({@code /rest/...}) are appended. */
    public String baseUrl() {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Returns a copy publishing to another GeoServer base URL. */
    public GeoServerSettings withUrl(String otherUrl) {
        return new GeoServerSettings(
                otherUrl, user, password, workspace, datastore, dbHost, dbPort, dbName, dbUser, dbPassword, dbSchema);
    }

    @Override
    public String toString() {
        return isOn()
                ? baseUrl() + " as " + user + " into " + workspace + "/" + datastore + " (postgis " + dbHost + ":"
                        + dbPort + "/" + dbName + " schema " + dbSchema + ")"
                : "off"; // without the passwords
    }

    /**
     * Holds what a PostgreSQL JDBC URL says about where the database is.
     *
     * @param schema the first schema of {@code currentSchema}, or {@code public}
     */
    public record JdbcTarget(String host, int port, String database, String schema) {
        /**
         * Reads {@code jdbc:postgresql://host[:port]/database[?currentSchema=a,b]} and the short forms {@code
         * jdbc:postgresql:database} and {@code jdbc:postgresql://host/} (database: the user's name, left empty here);
         * empty when {@code url} is not a PostgreSQL URL or names several hosts.
         */
        public static Optional<JdbcTarget> parse(String url) {
            String prefix = "jdbc:postgresql:";
            if (url == null || !url.startsWith(prefix)) {
                return Optional.empty();
            }
            String rest = url.substring(prefix.length());
            String query = "";
            int q = rest.indexOf('?');
            if (q >= 0) {
                query = rest.substring(q + 1);
                rest = rest.substring(0, q);
            }
            String host = "localhost";
            int port = 5432;
            String database = rest;
            if (rest.startsWith("//")) {
                int slash = rest.indexOf('/', 2);
                String authority = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
                database = slash < 0 ? "" : rest.substring(slash + 1);
                if (authority.contains(",")) {
                    return Optional.empty(); // several hosts: GeoServer's store takes one
                }
                int colon = authority.lastIndexOf(':');
                if (colon > 0 && !authority.endsWith("]")) {
                    try {
                        port = Integer.parseInt(authority.substring(colon + 1));
                    } catch (NumberFormatException e) {
                        return Optional.empty();
                    }
                    authority = authority.substring(0, colon);
                }
                if (!authority.isEmpty()) {
                    host = authority.startsWith("[") && authority.endsWith("]")
                            ? authority.substring(1, authority.length() - 1)
                            : authority;
                }
            }
            String schema = "public";
            for (String pair : query.split("&")) {
                if (pair.startsWith("currentSchema=")) {
                    String first = List.of(java.net.URLDecoder.decode(
                                            pair.substring("currentSchema=".length()),
                                            java.nio.charset.StandardCharsets.UTF_8)
                                    .split(","))
                            .getFirst()
                            .strip();
                    if (!first.isEmpty()) {
                        schema = first;
                    }
                }
            }
            return Optional.of(new JdbcTarget(host, port, database, schema));
        }
    }
}
