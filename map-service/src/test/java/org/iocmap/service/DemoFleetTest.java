package org.iocmap.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.iocmap.layers.model.FeatureQuery;
import org.iocmap.service.config.ServiceConfig;
import org.iocmap.service.geofence.DemoFences;
import org.iocmap.service.geofence.FenceKind;
import org.iocmap.service.geofence.GeofenceMonitor;
import org.iocmap.service.geofence.GeofenceStore;
import org.iocmap.service.geofence.GeofenceVersion;
import org.iocmap.service.ingest.DemoFleet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Lineal;
import org.locationtech.jts.geom.Polygonal;

/**
 * Starts the platform in demo mode on a clock the test drives: the demo fences are loaded, and one hour of the
 * simulated fleet raises the alerts its scenarios are built for, and not others.
 */
class DemoFleetTest {
    /** On the hour, so every scenario starts; in May, so the demo zone's season (May to July) is open. */
    private static final Instant START = Instant.parse("2026-05-10T01:00:00Z");

    private static final class TestClock extends Clock {
        private volatile Instant now = START;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void demoModeLoadsTheFencesAndTheFleetRaisesEveryScenarioAlert(@TempDir Path dir) throws Exception {
        TestClock clock = new TestClock();
        ServiceConfig config = ServiceConfig.fromEnvironment(Map.of(
                "IOCMAP_HTTP_HOST", "127.0.0.1",
                "IOCMAP_HTTP_PORT", "0",
                "IOCMAP_DATA_DIR", dir.toString(),
                "IOCMAP_DEMO", "true"));
        try (Application app = Application.start(config, clock)) {
            Map<String, GeofenceVersion> fences = app.geofences().store().readAll().stream()
                    .map(GeofenceStore.StoredFence::fence)
                    .collect(Collectors.toMap(f -> f.id(), f -> f.latest()));
            assertThat(fences.values().stream().map(GeofenceVersion::kind))
                    .contains(FenceKind.FOREIGN_WATERS, FenceKind.NO_FISHING_ZONE, FenceKind.CUSTOM);
            assertThat(fences.get(DemoFences.LINE_6NM_ID).geometry()).isInstanceOf(Lineal.class);
            assertThat(fences.get(DemoFences.LINE_24NM_ID).geometry()).isInstanceOf(Lineal.class);
            assertThat(fences.get(DemoFences.CLOSED_ZONE_ID).geometry()).isInstanceOf(Polygonal.class);
            assertThat(fences.get(DemoFences.CLOSED_ZONE_ID).schedule().isActiveAt(START))
                    .isTrue();
            assertThat(app.geofences().catalog().index().findFence(DemoFences.CLOSED_ZONE_ID))
                    .as("the catalog the monitor reads holds the demo fences too")
                    .isPresent();

            DemoFleet fleet = app.demoFleet().orElseThrow();
            for (Instant t = START; !t.isAfter(START.plus(Duration.ofMinutes(70))); t = t.plusSeconds(60)) {
                clock.now = t;
                fleet.tick();
                waitUntilCaughtUp(app);
            }
            Set<String> alerts = alerts(app);
            String idn = DemoFences.FOREIGN_PREFIX + "idn";
            String zone = DemoFences.CLOSED_ZONE_ID;
            assertThat(alerts)
                    .contains(
                            "574990001 ENTER " + idn + " BD-97531-TS",
                            "574990001 EXIT " + idn + " BD-97531-TS",
                            "574990002 APPROACH " + zone + " KH-96012-TS",
                            "574990003 DARK_STARTED null QNG-90456-TS",
                            "574990003 DARK_ENDED null QNG-90456-TS",
                            "574990004 ENTER " + zone + " KH-95213-TS",
                            "574990004 LOITER " + zone + " KH-95213-TS",
                            "574990004 DWELL " + zone + " KH-95213-TS",
                            "574990004 EXIT " + zone + " KH-95213-TS");
            assertThat(alerts)
                    .as("the approaching vessel turns away; only the silent vessel goes dark")
                    .doesNotContain("574990002 ENTER " + zone + " KH-96012-TS")
                    .noneMatch(a -> a.contains("DARK") && !a.startsWith("574990003"));
            assertThat(app.geofences().monitor().alertsRaised()).isGreaterThanOrEqualTo(9);
        }
    }

    private static void waitUntilCaughtUp(Application app) throws InterruptedException {
        GeofenceMonitors.waitUntilCaughtUp(app);
    }

    /** Returns the alerts as "mmsi event fence vessel", polling until they stop changing or a deadline passes. */
    private static Set<String> alerts(Application app) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Set<String> before = Set.of();
        while (true) {
            waitUntilCaughtUp(app);
            Set<String> now = app
                    .catalog()
                    .find(GeofenceMonitor.ALERT_LAYER)
                    .orElseThrow()
                    .query(FeatureQuery.all(10_000))
                    .features()
                    .stream()
                    .map(f -> f.properties().get("mmsi") + " " + f.properties().get("event") + " "
                            + f.properties().get("fence_id") + " "
                            + f.properties().get("vessel"))
                    .collect(Collectors.toSet());
            if ((now.equals(before) && !now.isEmpty()) || System.nanoTime() > deadline) {
                return now;
            }
            before = now;
            Thread.sleep(300);
        }
    }
}
