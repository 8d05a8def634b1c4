package org.iocmap.service;

import java.time.Duration;
import org.iocmap.layers.changes.ChangeLog;

/** Waits for an application's geofence monitor, for tests that drive positions and a clock. */
final class GeofenceMonitors {
    private GeofenceMonitors() {}

    /** Decodes NMEA lines that are all good, as a feed would hand them over. */
    static java.util.List<org.iocmap.layers.ais.AisDecoded> decode(java.util.List<String> lines) {
        org.iocmap.layers.ais.AisDecoder decoder = new org.iocmap.layers.ais.AisDecoder();
        java.util.List<org.iocmap.layers.ais.AisDecoded> decoded = new java.util.ArrayList<>();
        for (String line : lines) {
            for (org.iocmap.layers.ais.AisResult r : decoder.feed(line, java.time.Instant.now())) {
                decoded.add((org.iocmap.layers.ais.AisDecoded) r);
            }
        }
        return decoded;
    }

    /** Stores decoded positions as an ingest path would. */
    static void store(Application app, java.util.List<org.iocmap.layers.ais.AisDecoded> decoded) {
        new org.iocmap.layers.kinds.VesselPositions(app.store(), new ChangeLog(app.store())).store(decoded);
    }

    /** Returns once the monitor has read every change logged so far; fails the test after 30 s. */
    static void waitUntilCaughtUp(Application app) throws InterruptedException {
        ChangeLog log = new ChangeLog(app.store());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (app.geofences().monitor().position() < log.lastId()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the monitor did not catch up with the change log");
            }
            Thread.sleep(10);
        }
    }
}
