package org.iocmap.service.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.iocmap.layers.store.StoreSettings;

/**
 * Holds every setting of the service. Each key is dotted ({@code http.port}); the environment variable
 * {@code IOCMAP_} + upper snake case ({@code IOCMAP_HTTP_PORT}) sets it. Defaults are listed once, in {@link Key}, and
 * in {@code docs/settings.md}. Secrets are never printed by {@link #toString()}.
 */
public record ServiceConfig(
        String httpHost,
        int httpPort,
        long maxBodyBytes,
        Path dataDir,
        String dbUrl,
        String dbUser,
        String dbPassword,
        int dbMaxConnections,
        boolean demo,
        String jwtSecret,
        int tokenTtlMinutes,
        String adminPassword,
        String basemapUrl,
        String basemapAttribution,
        int tileCacheMegabytes,
        int tileDiskCacheMegabytes,
        int aisTcpPort,
        int aisUdpPort,
        String aisFeed,
        boolean demoFleet,
        java.util.List<String> alertWebhooks,
        String alertWebhookSecret,
        int alertWebhookRetrySeconds,
        AlarmMqttSettings alarmsMqtt,
        long reportPhotoMaxBytes,
        GeoServerSettings geoserver,
        AlarmMqttSettings readingsMqtt) {

    /** Marks an AIS listener that is switched off ({@code ais.tcp.port} or {@code ais.udp.port} left empty). */
    public static final int OFF = -1;

    /** Names every setting with its environment variable and default. */
    public enum Key {
        HTTP_HOST("http.host", "127.0.0.1"),
        HTTP_PORT("http.port", "8080"),
        HTTP_MAX_BODY_BYTES("http.maxBodyBytes", "10485760"),
        DATA_DIR("data.dir", "./data"),
        DB_URL("db.url", ""),
        DB_USER("db.user", ""),
        DB_PASSWORD("db.password", ""),
        DB_MAX_CONNECTIONS("db.maxConnections", "8"),
        DEMO("demo", "false"),
        AUTH_JWT_SECRET("auth.jwtSecret", ""),
        AUTH_TOKEN_TTL_MINUTES("auth.tokenTtlMinutes", "720"),
        ADMIN_PASSWORD("admin.password", ""),
        BASEMAP_URL("basemap.url", ""),
        BASEMAP_ATTRIBUTION("basemap.attribution", ""),
        TILES_CACHE_MB("tiles.cacheMb", "256"),
        TILES_DISK_CACHE_MB("tiles.diskCacheMb", "2048"),
        AIS_TCP_PORT("ais.tcp.port", ""),
        AIS_UDP_PORT("ais.udp.port", ""),
        AIS_FEED("ais.feed", ""),
        DEMO_FLEET("demo.fleet", "true"),
        ALERTS_WEBHOOKS("alerts.webhooks", ""),
        ALERTS_WEBHOOK_SECRET("alerts.webhook.secret", ""),
        ALERTS_WEBHOOK_RETRY_SECONDS("alerts.webhook.retrySeconds", "5"),
        ALARMS_MQTT_URL("alarms.mqtt.url", ""),
        ALARMS_MQTT_TOPIC("alarms.mqtt.topic", "iocmap/alarms/#"),
        ALARMS_MQTT_CLIENT_ID("alarms.mqtt.clientId", "iocmap-alarms"),
        ALARMS_MQTT_USERNAME("alarms.mqtt.username", ""),
        ALARMS_MQTT_PASSWORD("alarms.mqtt.password", ""),
        REPORTS_PHOTO_MAX_BYTES("reports.photo.maxBytes", "5242880"),
        GEOSERVER_URL("geoserver.url", ""),
        GEOSERVER_USER("geoserver.user", "admin"),
        GEOSERVER_PASSWORD("geoserver.password", "geoserver"),
        GEOSERVER_WORKSPACE("geoserver.workspace", "iocmap"),
        GEOSERVER_DATASTORE("geoserver.datastore", "iocmap"),
        GEOSERVER_DB_HOST("geoserver.db.host", ""),
        GEOSERVER_DB_PORT("geoserver.db.port", ""),
        GEOSERVER_DB_NAME("geoserver.db.name", ""),
        GEOSERVER_DB_USER("geoserver.db.user", ""),
        GEOSERVER_DB_PASSWORD("geoserver.db.password", ""),
        GEOSERVER_DB_SCHEMA("geoserver.db.schema", ""),
        READINGS_MQTT_URL("readings.mqtt.url", ""),
        READINGS_MQTT_TOPIC("readings.mqtt.topic", "iocmap/readings/#"),
        READINGS_MQTT_CLIENT_ID("readings.mqtt.clientId", "iocmap-readings"),
        READINGS_MQTT_USERNAME("readings.mqtt.username", ""),
        READINGS_MQTT_PASSWORD("readings.mqtt.password", "");

        private final String key;
        private final String defaultValue;

        Key(String key, String defaultValue) {
            this.key = key;
            this.defaultValue = defaultValue;
        }

        /** Returns the dotted key, such as {@code http.port}. */
        public String key() {
            return key;
        }

        /** Returns the environment variable that sets this key, such as {@code IOCMAP_HTTP_PORT}. */
        public String env() {
            return "IOCMAP_" + key.replace('.', '_').toUpperCase(Locale.ROOT);
        }

        /** Returns the value used when the environment does not set this key. */
        public String defaultValue() {
            return defaultValue;
        }
    }

    /**
     * Reads the settings from environment variables. Collects every bad value and fails once, naming each.
     *
     * @throws IllegalArgumentException listing every bad setting
     */
    public static ServiceConfig fromEnvironment(Map<String, String> env) {
        Reader r = new Reader(env);
        ServiceConfig config = new ServiceConfig(
                r.string(Key.HTTP_HOST),
                r.integer(Key.HTTP_PORT, 0, 65_535),
                r.integer(Key.HTTP_MAX_BODY_BYTES, 1024, Integer.MAX_VALUE),
                Path.of(r.string(Key.DATA_DIR)),
                r.string(Key.DB_URL),
                r.string(Key.DB_USER),
                r.string(Key.DB_PASSWORD),
                r.integer(Key.DB_MAX_CONNECTIONS, 1, 200),
                r.bool(Key.DEMO),
                r.string(Key.AUTH_JWT_SECRET),
                r.integer(Key.AUTH_TOKEN_TTL_MINUTES, 1, 60 * 24 * 30),
                r.string(Key.ADMIN_PASSWORD),
                r.string(Key.BASEMAP_URL),
                r.string(Key.BASEMAP_ATTRIBUTION),
                r.integer(Key.TILES_CACHE_MB, 0, 1 << 20),
                r.integer(Key.TILES_DISK_CACHE_MB, 0, 1 << 24),
                r.optionalPort(Key.AIS_TCP_PORT),
                r.optionalPort(Key.AIS_UDP_PORT),
                r.string(Key.AIS_FEED),
                r.bool(Key.DEMO_FLEET),
                webhooks(r.string(Key.ALERTS_WEBHOOKS), r.errors),
                r.string(Key.ALERTS_WEBHOOK_SECRET),
                r.integer(Key.ALERTS_WEBHOOK_RETRY_SECONDS, 1, 3_600),
                new AlarmMqttSettings(
                        r.string(Key.ALARMS_MQTT_URL),
                        r.string(Key.ALARMS_MQTT_TOPIC),
                        r.string(Key.ALARMS_MQTT_CLIENT_ID),
                        r.string(Key.ALARMS_MQTT_USERNAME),
                        r.string(Key.ALARMS_MQTT_PASSWORD)),
                r.integer(Key.REPORTS_PHOTO_MAX_BYTES, 1_024, 1_073_741_824),
                geoserver(r),
                new AlarmMqttSettings(
                        r.string(Key.READINGS_MQTT_URL),
                        r.string(Key.READINGS_MQTT_TOPIC),
                        r.string(Key.READINGS_MQTT_CLIENT_ID),
                        r.string(Key.READINGS_MQTT_USERNAME),
                        r.string(Key.READINGS_MQTT_PASSWORD)));
        checkMqtt(config.alarmsMqtt(), r.errors);
        checkMqtt(
                config.readingsMqtt(),
                Key.READINGS_MQTT_URL,
                Key.READINGS_MQTT_TOPIC,
                Key.READINGS_MQTT_CLIENT_ID,
                r.errors);
        if (!config.aisFeed().isEmpty() && parseFeed(config.aisFeed()) == null) {
            r.errors.add(Key.AIS_FEED.env() + " must be host:port with a port from 1 to 65535, was '" + config.aisFeed()
                    + "'");
        }
        String url = config.dbUrl();
        if (!url.isEmpty() && !url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
            r.errors.add(Key.DB_URL.env() + " must start with jdbc:postgresql: or jdbc:h2:, was " + url);
        }
        String secret = config.jwtSecret();
        if (!secret.isEmpty() && secret.length() < 32) {
            r.errors.add(Key.AUTH_JWT_SECRET.env() + " must have at least 32 characters, had " + secret.length());
        }
        if (!r.errors.isEmpty()) {
            throw new IllegalArgumentException("invalid settings: " + String.join("; ", r.errors));
        }
        return config;
    }

    /** Returns the store settings: PostGIS when {@code db.url} is set, else H2GIS in the data directory. */
    public StoreSettings storeSettings() {
        if (dbUrl.isEmpty()) {
            return StoreSettings.embedded(dataDir);
        }
        return new StoreSettings(dbUrl, dbUser, dbPassword, dbMaxConnections);
    }

    /** Returns the basemap tile URL template; empty when the page draws the shipped offline basemap. */
    public Optional<String> basemap() {
        return basemapUrl.isEmpty() ? Optional.empty() : Optional.of(basemapUrl);
    }

    /** Returns a copy of this configuration listening on another port (0 picks a free one). */
    public ServiceConfig withHttpPort(int port) {
        return new ServiceConfig(
                httpHost,
                port,
                maxBodyBytes,
                dataDir,
                dbUrl,
                dbUser,
                dbPassword,
                dbMaxConnections,
                demo,
                jwtSecret,
                tokenTtlMinutes,
                adminPassword,
                basemapUrl,
                basemapAttribution,
                tileCacheMegabytes,
                tileDiskCacheMegabytes,
                aisTcpPort,
                aisUdpPort,
                aisFeed,
                demoFleet,
                alertWebhooks,
                alertWebhookSecret,
                alertWebhookRetrySeconds,
                alarmsMqtt,
                reportPhotoMaxBytes,
                geoserver,
                readingsMqtt);
    }

    /** Checks the MQTT settings when the subscription is on; a bad one is reported with the other bad settings. */
    private static void checkMqtt(AlarmMqttSettings mqtt, java.util.List<String> errors) {
        checkMqtt(mqtt, Key.ALARMS_MQTT_URL, Key.ALARMS_MQTT_TOPIC, Key.ALARMS_MQTT_CLIENT_ID, errors);
    }

    /** Checks MQTT settings read from the keys given. */
    private static void checkMqtt(
            AlarmMqttSettings mqtt, Key urlKey, Key topicKey, Key clientIdKey, java.util.List<String> errors) {
        if (!mqtt.isOn()) {
            return;
        }
        if (!mqtt.url().matches("(tcp|ssl|ws|wss)://[^/\\s:]+(:\\d{1,5})?(/\\S*)?")) {
            errors.add(urlKey.env() + " must be empty (off) or a broker URL such as tcp://127.0.0.1:1883," + " was '"
                    + mqtt.url() + "'");
        }
        String topic = mqtt.topic();
        int hash = topic.indexOf('#');
        // '#' matches the rest of the levels: it may only stand alone as the last level.
        boolean badHash = hash >= 0 && (hash != topic.length() - 1 || (hash > 0 && topic.charAt(hash - 1) != '/'));
        if (topic.isEmpty() || badHash) {
            errors.add(topicKey.env() + " must be an MQTT topic filter such as iocmap/alarms/#, was '" + mqtt.topic()
                    + "'");
        }
        if (mqtt.clientId().isEmpty() || mqtt.clientId().length() > 128) {
            errors.add(clientIdKey.env() + " must have 1 to 128 characters, had "
                    + mqtt.clientId().length());
        }
    }

    /**
     * Reads the {@code geoserver.*} settings; the database ones left empty are taken from {@code db.url}, {@code
     * db.user} and {@code db.password}. A bad one is reported with the other bad settings.
     */
    private static GeoServerSettings geoserver(Reader r) {
        String url = r.string(Key.GEOSERVER_URL);
        if (!url.isEmpty()) {
            try {
                java.net.URI uri = new java.net.URI(url);
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                        || uri.getHost() == null
                        || uri.getUserInfo() != null
                        || uri.getQuery() != null) {
                    throw new java.net.URISyntaxException(url, "not an http(s) URL with a host and no user or query");
                }
            } catch (java.net.URISyntaxException e) {
                r.errors.add(Key.GEOSERVER_URL.env() + " must be empty (off) or GeoServer's http(s) base URL such as"
                        + " http://geoserver:8080/geoserver, without credentials; was '" + url + "'");
            }
        }
        for (Key key : List.of(Key.GEOSERVER_WORKSPACE, Key.GEOSERVER_DATASTORE)) {
            if (!r.string(key).matches("[A-Za-z_][A-Za-z0-9_\\-]{0,63}")) {
                r.errors.add(key.env() + " must be a name of letters, digits, '_' and '-' (at most 64), starting with a"
                        + " letter or '_'; was '" + r.string(key) + "'");
            }
        }
        Optional<GeoServerSettings.JdbcTarget> target = GeoServerSettings.JdbcTarget.parse(r.string(Key.DB_URL));
        String rawPort = r.string(Key.GEOSERVER_DB_PORT);
        int port = target.map(GeoServerSettings.JdbcTarget::port).orElse(5432);
        if (!rawPort.isEmpty()) {
            try {
                port = Integer.parseInt(rawPort);
            } catch (NumberFormatException e) {
                port = 0; // reported below
            }
            if (port < 1 || port > 65_535) {
                r.errors.add(Key.GEOSERVER_DB_PORT.env() + " must be empty (the port of db.url) or a port between 1"
                        + " and 65535, was '" + rawPort + "'");
            }
        }
        return new GeoServerSettings(
                url,
                r.string(Key.GEOSERVER_USER),
                r.string(Key.GEOSERVER_PASSWORD),
                r.string(Key.GEOSERVER_WORKSPACE),
                r.string(Key.GEOSERVER_DATASTORE),
                or(
                        r.string(Key.GEOSERVER_DB_HOST),
                        target.map(GeoServerSettings.JdbcTarget::host).orElse("")),
                port,
                or(
                        r.string(Key.GEOSERVER_DB_NAME),
                        target.map(GeoServerSettings.JdbcTarget::database).orElse("")),
                or(r.string(Key.GEOSERVER_DB_USER), r.string(Key.DB_USER)),
                or(r.string(Key.GEOSERVER_DB_PASSWORD), r.string(Key.DB_PASSWORD)),
                or(
                        r.string(Key.GEOSERVER_DB_SCHEMA),
                        target.map(GeoServerSettings.JdbcTarget::schema).orElse("public")));
    }

    private static String or(String value, String fallback) {
        return value.isEmpty() ? fallback : value;
    }

    /** Reads comma-separated http(s) URLs; a bad one is reported with the other bad settings. */
    private static java.util.List<String> webhooks(String raw, java.util.List<String> errors) {
        java.util.List<String> urls = new java.util.ArrayList<>();
        for (String part : raw.split(",")) {
            String url = part.strip();
            if (url.isEmpty()) {
                continue;
            }
            try {
                java.net.URI uri = new java.net.URI(url);
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                    throw new java.net.URISyntaxException(url, "not an http or https URL with a host");
                }
                urls.add(url);
            } catch (java.net.URISyntaxException e) {
                errors.add(Key.ALERTS_WEBHOOKS.env() + " must be comma-separated http(s) URLs; '" + url + "' is not");
            }
        }
        return java.util.List.copyOf(urls);
    }

    /** Tells whether any AIS source is configured: the TCP or UDP listener, or the feed client. */
    public boolean hasAisSources() {
        return aisTcpPort != OFF || aisUdpPort != OFF || !aisFeed.isEmpty();
    }

    /** Returns the host of {@code ais.feed}; call only when it is set. */
    public String aisFeedHost() {
        return parseFeed(aisFeed).getKey();
    }

    /** Returns the port of {@code ais.feed}; call only when it is set. */
    public int aisFeedPort() {
        return parseFeed(aisFeed).getValue();
    }

    /** Splits {@code host:port} (an IPv6 host in brackets); returns null when it is not that. */
    private static Map.Entry<String, Integer> parseFeed(String raw) {
        int colon = raw.lastIndexOf(':');
        if (colon <= 0) {
            return null;
        }
        String host = raw.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(raw.substring(colon + 1));
            return host.isBlank() || port < 1 || port > 65_535 ? null : Map.entry(host, port);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "ServiceConfig[http=" + httpHost + ":" + httpPort + ", dataDir=" + dataDir + ", store="
                + (dbUrl.isEmpty() ? "h2gis (embedded)" : dbUrl) + ", demo=" + demo
                + (demo ? ", demo.fleet=" + demoFleet : "") + ", basemap="
                + (basemapUrl.isEmpty() ? "offline" : basemapUrl) + ", ais.tcp="
                + (aisTcpPort == OFF ? "off" : aisTcpPort) + ", ais.udp=" + (aisUdpPort == OFF ? "off" : aisUdpPort)
                + ", ais.feed=" + (aisFeed.isEmpty() ? "off" : aisFeed) + ", alerts.webhooks=" + alertWebhooks.size()
                + ", alarms.mqtt=" + alarmsMqtt
                + ", readings.mqtt=" + readingsMqtt
                + ", geoserver=" + geoserver
                + "]"; // the webhook URLs may carry tokens: counted, not shown
    }

    private static final class Reader {
        private final Map<String, String> env;
        private final List<String> errors = new ArrayList<>();

        Reader(Map<String, String> env) {
            this.env = env;
        }

        String string(Key key) {
            String value = env.get(key.env());
            return value == null ? key.defaultValue() : value.trim();
        }

        int integer(Key key, long min, long max) {
            String raw = string(key);
            try {
                long value = Long.parseLong(raw);
                if (value < min || value > max) {
                    errors.add(key.env() + " must be between " + min + " and " + max + ", was " + raw);
                    return (int) Math.max(min, Math.min(max, Long.parseLong(key.defaultValue())));
                }
                return (int) value;
            } catch (NumberFormatException e) {
                errors.add(key.env() + " must be a whole number, was '" + raw + "'");
                return Integer.parseInt(key.defaultValue());
            }
        }

        /** Reads a port that may be left empty to switch its listener off ({@link #OFF}); 0 picks a free one. */
        int optionalPort(Key key) {
            String raw = string(key);
            if (raw.isEmpty()) {
                return OFF;
            }
            try {
                int port = Integer.parseInt(raw);
                if (port >= 0 && port <= 65_535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            errors.add(key.env() + " must be empty (off) or a port between 0 and 65535, was '" + raw + "'");
            return OFF;
        }

        boolean bool(Key key) {
            String raw = string(key).toLowerCase(Locale.ROOT);
            return switch (raw) {
                case "true", "1", "yes", "on" -> true;
                case "false", "0", "no", "off", "" -> false;
                default -> {
                    errors.add(key.env() + " must be true or false, was '" + raw + "'");
                    yield false;
                }
            };
        }
    }
}
