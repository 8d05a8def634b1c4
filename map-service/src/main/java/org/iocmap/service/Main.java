package org.iocmap.service;

import org.iocmap.layers.store.StorageUnavailableException;
import org.iocmap.service.config.ServiceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the platform with the settings of the environment ({@code IOCMAP_*}, see docs/settings.md). */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) {
        ServiceConfig config;
        try {
            config = ServiceConfig.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("iocmap: " + e.getMessage());
            System.exit(2);
            return;
        }
        LOG.info("Starting with {}", config);
        try {
            Application app = Application.start(config);
            Runtime.getRuntime().addShutdownHook(new Thread(app::close, "iocmap-shutdown"));
        } catch (StorageUnavailableException e) {
            LOG.error("Cannot start: {}", e.getMessage());
            System.exit(3); // exit explicitly: Vert.x threads would keep a failed JVM alive
        } catch (Exception e) {
            LOG.error("Cannot start", e);
            System.exit(1);
        }
    }
}
