package org.iocmap.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.iocmap.layers.ais.AisDecoded;
import org.iocmap.layers.ais.AisEncoder;
import org.iocmap.layers.changes.ChangeLog;
import org.iocmap.layers.kinds.VesselPositions;
import org.iocmap.layers.model.Feature;
import org.iocmap.layers.model.FeatureQuery;
import org.iocmap.service.config.ServiceConfig;
import org.iocmap.service.geofence.FenceRules;
import org.iocmap.service.geofence.GeofenceMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the service in the middle of a stream of positions and starts it again on the same store: the alerts are
 * exactly those of an uninterrupted run on the same positions, none missing and none twice.
 */
class GeofenceRestartTest {
    private static final Instant START = Instant.parse("2026-03-02T01:00:00Z");

    /** A clock the test moves with the traffic, as a live feed would: never ahead of the fixes still to come. */
    private static final class FeedClock extends java.time.Clock {
        private volatile Instant now = START;

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final FeedClock clock = new FeedClock();

    @Test
    void aKilledAndRestartedServiceRaisesExactlyTheAlertsOfAnUninterruptedRun(@TempDir Path temp) throws Exception {
        List<List<String>> batches = traffic();
        List<String> uninterrupted;
        clock.now = START;
        try (Application app = start(temp.resolve("once"))) {
            addFence(app);
            for (List<String> batch : batches) {
                store(app, batch);
            }
            uninterrupted = alerts(app);
        }
        assertThat(uninterrupted).as("the traffic raises fence alerts").hasSizeGreaterThanOrEqualTo(6);

        Path twice = temp.resolve("twice");
        for (int cut : new int[] {1, 4, 9, 14, batches.size() - 1}) {
            deleteTree(twice);
            clock.now = START;
            Application first = start(twice);
            addFence(first);
            for (List<String> batch : batches.subList(0, cut - 1)) {
                store(first, batch);
            }
            // The last batch before the kill: read by the monitor, or (every other time) killed before it may be.
            List<AisDecoded> last = decode(batches.get(cut - 1));
            new VesselPositions(first.store(), new ChangeLog(first.store())).store(last);
            if (cut % 2 == 1) {
                waitUntilCaughtUp(first);
            }
            first.geofences().monitor().halt(); // killed: nothing saved on the way out
            clock.now = last.stream()
                    .map(AisDecoded::sourceTime)
                    .max(Instant::compareTo)
                    .orElseThrow();
            first.close();
            try (Application second = start(twice)) {
                for (List<String> batch : batches.subList(cut, batches.size())) {
                    store(second, batch);
                }
                assertThat(alerts(second))
                        .as("alerts when killed after batch %d", cut)
                        .isEqualTo(uninterrupted);
            }
        }
    }

    /** Four vessels around a closed zone at 110.0-110.2 E, 10.0-10.2 N, in batches of a few positions. */
    private static List<List<String>> traffic() {
        List<String> lines = new ArrayList<>();
        for (int minute = 0; minute < 60; minute += 2) {
            Instant t = START.plus(Duration.ofMinutes(minute));
            // 1 sails east through the zone at 10 kn; 2 enters and stays slow (loiters); 3 crosses between sparse
            // fixes.
            lines.add(AisEncoder.positionReport("t", t, 574200001, 109.95 + minute * 0.006, 10.10, 10.0, 90.0, 90));
            lines.add(AisEncoder.positionReport(
                    "t",
                    t,
                    574200002,
                    Math.min(110.05, 109.97 + minute * 0.004),
                    10.05,
                    minute < 20 ? 8.0 : 0.5,
                    90.0,
                    90));
            if (minute <= 4 || minute >= 50) { // 4 goes silent for 46 minutes: dark, then back
                lines.add(AisEncoder.positionReport("t", t, 574200004, 109.50, 10.50 + minute * 0.001, 6.0, 0.0, 0));
            }
            if (minute % 20 == 0) {
                lines.add(AisEncoder.positionReport("t", t, 574200003, 109.90 + minute * 0.02, 10.15, 20.0, 90.0, 90));
            }
        }
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < lines.size(); i += 5) {
            batches.add(lines.subList(i, Math.min(lines.size(), i + 5)));
        }
        return batches;
    }

    private Application start(Path dir) throws Exception {
        return Application.start(
                ServiceConfig.fromEnvironment(Map.of(
                        "IOCMAP_HTTP_HOST", "127.0.0.1", "IOCMAP_HTTP_PORT", "0", "IOCMAP_DATA_DIR", dir.toString())),
                clock);
    }

    private static void addFence(Application app) {
        GeofenceMonitors.addClosedZone(
                app,
                "closed-zone",
                START.minus(Duration.ofDays(1)),
                FenceRules.allForArea().withLoiter(3, Duration.ofMinutes(10)).withDwell(Duration.ofMinutes(15)));
    }

    private static List<AisDecoded> decode(List<String> lines) {
        return GeofenceMonitors.decode(lines);
    }

    /**
     * Stores the positions, then moves the clock to the last of them: the caller waits for the monitor first, so that
     * the clock never runs ahead of positions the monitor has not read (as with a live feed).
     */
    private void store(Application app, List<String> lines) {
        List<AisDecoded> decoded = decode(lines);
        new VesselPositions(app.store(), new ChangeLog(app.store())).store(decoded);
        try {
            waitUntilCaughtUp(app);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        decoded.stream().map(AisDecoded::sourceTime).max(Instant::compareTo).ifPresent(t -> clock.now = t);
    }

    private static void waitUntilCaughtUp(Application app) throws InterruptedException {
        GeofenceMonitors.waitUntilCaughtUp(app);
    }

    /** Returns the alerts, as text in a stable order. */
    private static List<String> alerts(Application app) throws InterruptedException {
        waitUntilCaughtUp(app);
        Thread.sleep(300); // one more step after the last change
        waitUntilCaughtUp(app);
        List<Feature> features = app.catalog()
                .find(GeofenceMonitor.ALERT_LAYER)
                .orElseThrow()
                .query(FeatureQuery.all(10_000))
                .features();
        return features.stream()
                .map(f -> f.properties().get("mmsi") + " " + f.properties().get("event") + " "
                        + f.properties().get("fence_id") + "@" + f.properties().get("fence_version") + " " + f.time()
                        + " " + f.properties().get("summary"))
                .sorted()
                .toList();
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
