package org.iocmap.service;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Set;
import org.iocmap.layers.changes.ChangeLog;
import org.iocmap.layers.demo.DemoData;
import org.iocmap.layers.kinds.LayerCatalog;
import org.iocmap.layers.kinds.VesselPositions;
import org.iocmap.layers.store.Store;
import org.iocmap.service.alarms.FireAlarms;
import org.iocmap.service.auth.Jurisdictions;
import org.iocmap.service.auth.JwtCodec;
import org.iocmap.service.auth.PasswordHasher;
import org.iocmap.service.auth.Roles;
import org.iocmap.service.auth.UserService;
import org.iocmap.service.config.ServiceConfig;
import org.iocmap.service.geofence.DemoFences;
import org.iocmap.service.geofence.Schedule;
import org.iocmap.service.ingest.AisListeners;
import org.iocmap.service.ingest.DemoFleet;
import org.iocmap.service.ingest.IngestStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the whole platform: opens and migrates the store, loads the demo data and users in demo mode, and deploys
 * the HTTP verticle. {@link #close()} stops it in the reverse order.
 */
public final class Application implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Application.class);
    private final Vertx vertx;
    private final Store store;
    private final LayerCatalog catalog;
    private final int port;
    private final AisListeners ais; // null when no AIS source is configured
    private final org.iocmap.service.geofence.Geofences geofences;
    private final DemoFleet fleet; // null unless demo mode runs the simulated fleet
    private final FireAlarms alarms;
    private final org.iocmap.service.geoserver.GeoServerPublisher geoserver;
    private org.iocmap.service.readings.ReadingMqttSubscriber readingsMqtt; // null when readings.mqtt.url is empty

    private Application(
            Vertx vertx,
            Store store,
            LayerCatalog catalog,
            int port,
            AisListeners ais,
            org.iocmap.service.geofence.Geofences geofences,
            DemoFleet fleet,
            FireAlarms alarms,
            org.iocmap.service.geoserver.GeoServerPublisher geoserver) {
        this.geoserver = geoserver;
        this.geofences = geofences;
        this.fleet = fleet;
        this.alarms = alarms;
        this.vertx = vertx;
        this.store = store;
        this.catalog = catalog;
        this.port = port;
        this.ais = ais;
    }

    /**
     * Starts the platform and returns once it listens. Blocks.
     *
     * @throws org.iocmap.layers.store.StorageUnavailableException when the database cannot be reached
     * @throws IllegalStateException when the HTTP port cannot be bound
     */
    public static Application start(ServiceConfig config) throws IOException {
        return start(config, Clock.systemUTC());
    }

    /**
     * Starts the platform with {@code clock} as the geofence monitor's clock (the time against which silences, dwell
     * and loiter are measured between fixes). Blocks.
     */
    public static Application start(ServiceConfig config, Clock geofenceClock) throws IOException {
        return start(config, geofenceClock, Clock.systemUTC());
    }

    /**
     * Starts the platform with {@code geofenceClock} for the geofence monitor and {@code alarmClock} for fire alarms
     * (receipt times and the offline watch). Blocks.
     */
    public static Application start(ServiceConfig config, Clock geofenceClock, Clock alarmClock) throws IOException {
        long started = System.nanoTime();
        System.setProperty("java.awt.headless", "true"); // PNG tiles and legends are drawn without a display
        Files.createDirectories(config.dataDir());
        Store store = Store.open(config.storeSettings());
        Vertx vertx = null;
        org.iocmap.service.geofence.Geofences geofences = null;
        DemoFleet fleet = null;
        FireAlarms alarms = null;
        org.iocmap.service.geoserver.GeoServerPublisher geoserver = null;
        try {
            boolean demoLoaded = false;
            if (config.demo()) {
                demoLoaded = DemoData.loadIfEmpty(store, LocalDate.now(ZoneOffset.UTC))
                        .loaded();
            }
            LayerCatalog catalog = LayerCatalog.load(store);
            org.iocmap.service.readings.StationAlerts.ensureLayer(catalog);
            UserService users = new UserService(store, new PasswordHasher());
            Jurisdictions jurisdictions = Jurisdictions.open(store, config.demo());
            if (config.demo()) {
                users.createDemoUsers();
                if (users.createIfMissing(
                        Jurisdictions.DEMO_USER,
                        Jurisdictions.DEMO_USER,
                        Set.of(Roles.OPERATOR),
                        "Trực ban Nha Trang")) {
                    jurisdictions.assign(Jurisdictions.DEMO_USER, Jurisdictions.DEMO_AREA);
                }
            }
            if (!config.adminPassword().isEmpty()) {
                users.createIfMissing(Roles.ADMIN, config.adminPassword(), Set.of(Roles.ADMIN), "Quản trị hệ thống");
            }
            JwtCodec jwt = new JwtCodec(
                    jwtSecret(config),
                    Duration.ofMinutes(config.tokenTtlMinutes()),
                    Clock.systemUTC(),
                    jurisdictions::find);
            org.iocmap.service.tiles.TileService tiles = new org.iocmap.service.tiles.TileService(
                    store,
                    catalog,
                    config.tileCacheMegabytes() * 1_048_576L,
                    config.dataDir().resolve("tile-cache"),
                    config.tileDiskCacheMegabytes() * 1_048_576L);
            geofences = org.iocmap.service.geofence.Geofences.start(
                    store,
                    catalog,
                    geofenceClock,
                    new org.iocmap.service.geofence.Geofences.Webhooks(
                            config.alertWebhooks(),
                            config.alertWebhookSecret(),
                            Duration.ofSeconds(config.alertWebhookRetrySeconds())));
            if (config.demo()) {
                int created = DemoFences.loadIfEmpty(
                        geofences, LocalDate.ofInstant(geofenceClock.instant(), Schedule.DEFAULT_ZONE));
                if (created > 0) {
                    LOG.info("Created {} demo fences", created);
                }
            }
            // Demo devices are loaded in alarm without incidents: open theirs once, with the data, never on a restart.
            alarms = FireAlarms.start(store, config.alarmsMqtt(), alarmClock, demoLoaded);
            geoserver =
                    org.iocmap.service.geoserver.GeoServerPublisher.create(config.geoserver(), store.kind(), catalog);
            Services services = new Services(
                    config,
                    store,
                    catalog,
                    users,
                    jwt,
                    tiles,
                    new IngestStats(),
                    geofences,
                    jurisdictions,
                    alarms,
                    new org.iocmap.service.incidents.IncidentQueue(store, Clock.systemUTC()),
                    geoserver);
            Thread.ofVirtual().name("iocmap-preload").start(catalog::preload);
            vertx = Vertx.vertx();
            // One verticle per core, each with its own event loop; they share the port (Vert.x balances connections).
            int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
            java.util.concurrent.atomic.AtomicInteger port = new java.util.concurrent.atomic.AtomicInteger();
            try {
                vertx.deployVerticle(
                                () -> new MapServiceVerticle(services, port),
                                new io.vertx.core.DeploymentOptions().setInstances(instances))
                        .await();
            } catch (Exception e) {
                throw new IllegalStateException(
                        "cannot listen on " + config.httpHost() + ":" + config.httpPort() + ": " + e.getMessage(), e);
            }
            AisListeners ais = null;
            if (config.hasAisSources()) {
                ais = new AisListeners(
                        config, new VesselPositions(store, new ChangeLog(store)), services.ingestStats());
                try {
                    vertx.deployVerticle(ais).await();
                } catch (Exception e) {
                    throw new IllegalStateException("cannot start the AIS listeners: " + e.getMessage(), e);
                }
            }
            if (config.demo() && config.demoFleet()) {
                // After the listeners: the fleet's positions go through the same decoder and store as theirs.
                fleet = new DemoFleet(
                        new VesselPositions(store, new ChangeLog(store)),
                        services.ingestStats().source(IngestStats.SIMULATOR),
                        geofences.monitor()::nudge,
                        geofenceClock);
                fleet.start();
            }
            // In the background: the start does not wait for GeoServer, which may come up after the service.
            geoserver.startInBackground(Duration.ofSeconds(2), Duration.ofMinutes(1));
            LOG.info(
                    "iocmap listening on http://{}:{} (store {}, demo {}) after {} ms",
                    config.httpHost(),
                    port.get(),
                    store.kind().id(),
                    config.demo(),
                    (System.nanoTime() - started) / 1_000_000);
            Application app =
                    new Application(vertx, store, catalog, port.get(), ais, geofences, fleet, alarms, geoserver);
            if (config.readingsMqtt().isOn()) {
                app.readingsMqtt = new org.iocmap.service.readings.ReadingMqttSubscriber(
                        config.readingsMqtt(), new org.iocmap.service.readings.ReadingIngest(store, Clock.systemUTC()));
                app.readingsMqtt.start();
            }
            return app;
        } catch (RuntimeException | IOException e) {
            if (geoserver != null) {
                geoserver.close();
            }
            if (fleet != null) {
                fleet.close();
            }
            if (alarms != null) {
                alarms.close();
            }
            if (geofences != null) {
                geofences.close();
            }
            if (vertx != null) {
                vertx.close().await();
            }
            store.close();
            throw e;
        }
    }

    /** Returns the signing secret: the configured one, or one generated once and kept in the data directory. */
    private static byte[] jwtSecret(ServiceConfig config) throws IOException {
        if (!config.jwtSecret().isEmpty()) {
            return config.jwtSecret().getBytes(StandardCharsets.UTF_8);
        }
        Path file = config.dataDir().resolve("jwt-secret");
        if (Files.exists(file)) {
            return Base64.getDecoder().decode(Files.readString(file).trim());
        }
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Files.writeString(file, Base64.getEncoder().encodeToString(secret));
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            LOG.warn("Cannot restrict permissions of {} on this file system", file);
        }
        return secret;
    }

    /** Returns the port the HTTP server listens on. */
    public int port() {
        return port;
    }

    /** Returns the port the AIS TCP listener is bound to, or -1 when it is off. */
    public int aisTcpPort() {
        return ais == null ? ServiceConfig.OFF : ais.tcpPort();
    }

    /** Returns the port the AIS UDP listener is bound to, or -1 when it is off. */
    public int aisUdpPort() {
        return ais == null ? ServiceConfig.OFF : ais.udpPort();
    }

    /** Returns the store, for tests that need to inspect or break it. */
    /** Returns the fences and the monitor that watches vessels against them. */
    public org.iocmap.service.geofence.Geofences geofences() {
        return geofences;
    }

    public Store store() {
        return store;
    }

    /** Returns the layer catalogue the server reads, for tests that add layers. */
    public LayerCatalog catalog() {
        return catalog;
    }

    /** Returns the fire-alarm services: devices, incidents, stations, ingest and the offline watcher. */
    public FireAlarms alarms() {
        return alarms;
    }

    /** Returns the simulated demo fleet; empty unless demo mode runs it. */
    public java.util.Optional<DemoFleet> demoFleet() {
        return java.util.Optional.ofNullable(fleet);
    }

    /** Returns the publisher of the layers to GeoServer (off unless geoserver.url is set on PostGIS). */
    public org.iocmap.service.geoserver.GeoServerPublisher geoserver() {
        return geoserver;
    }

    /** Returns the MQTT subscription for station readings; empty when readings.mqtt.url is empty. */
    public java.util.Optional<org.iocmap.service.readings.ReadingMqttSubscriber> readingsMqtt() {
        return java.util.Optional.ofNullable(readingsMqtt);
    }

    @Override
    public void close() {
        geoserver.close(); // first: a publication still trying needs nothing else
        if (readingsMqtt != null) {
            readingsMqtt.close(); // before the store: it writes to it
        }
        if (fleet != null) {
            fleet.close(); // first: it writes positions and nudges the monitor
        }
        alarms.close(); // before the store: the subscription and the watcher write to it
        geofences.close();
        vertx.close().await();
        store.close();
    }
}
