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

    /**
     * Stores and watches a no-fishing zone over 110.0-110.2 E, 10.0-10.2 N with one version effective from {@code
     * effectiveFrom}, as the fences API would.
     */
    static void addClosedZone(
            Application app, String id, java.time.Instant effectiveFrom, org.iocmap.service.geofence.FenceRules rules) {
        org.locationtech.jts.geom.Coordinate[] ring = {
            new org.locationtech.jts.geom.Coordinate(110.0, 10.0),
            new org.locationtech.jts.geom.Coordinate(110.2, 10.0),
            new org.locationtech.jts.geom.Coordinate(110.2, 10.2),
            new org.locationtech.jts.geom.Coordinate(110.0, 10.2),
            new org.locationtech.jts.geom.Coordinate(110.0, 10.0)
        };
        org.iocmap.service.geofence.GeofenceVersion v1 = new org.iocmap.service.geofence.GeofenceVersion(
                1,
                effectiveFrom,
                "Vùng cấm khai thác",
                org.iocmap.service.geofence.FenceKind.NO_FISHING_ZONE,
                new org.locationtech.jts.geom.GeometryFactory().createPolygon(ring),
                org.iocmap.service.geofence.Schedule.always(),
                org.iocmap.service.geofence.VesselClass.any(),
                rules);
        if (!app.geofences().store().create(id, v1, "test")) {
            throw new AssertionError("a fence '" + id + "' exists already");
        }
        app.geofences().catalog().put(org.iocmap.service.geofence.Geofence.of(id, v1));
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
