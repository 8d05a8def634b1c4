package org.iocmap.service;

import java.time.Duration;
import org.iocmap.layers.changes.ChangeLog;

/** Waits for an application's geofence monitor, for tests that drive positions and a clock. */
final class GeofenceMonitors {
    private GeofenceMonitors() {}

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
