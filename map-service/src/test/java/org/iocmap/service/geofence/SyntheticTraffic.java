package org.iocmap.service.geofence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Envelope;

/**
 * Generates a reproducible stream of vessel fixes and clock ticks in arrival order: AIS-like vessels reporting every
 * half minute to a few minutes with speed and course, VMS-like units every one to four hours without, changes between
 * transit, fishing and drifting, silences of hours, and the duplicates and late fixes that real feeds deliver.
 */
final class SyntheticTraffic {
    /**
     * Holds one input: a fix, or a clock tick when {@code fix} is null.
     *
     * @param fix the fix, or null
     * @param tick the tick's time, or null
     * @param arrivalMillis when it arrives, for ordering the stream
     */
    record Item(PositionFix fix, Instant tick, long arrivalMillis) {
        boolean isTick() {
            return fix == null;
        }
    }

    private SyntheticTraffic() {}

    /**
     * Returns the stream of {@code vessels} vessels (MMSI from {@code firstMmsi}) moving in {@code box} for
     * {@code length} from {@code start}, with a tick every {@code tickEvery} (none when null).
     */
    static List<Item> generate(
            int vessels, int firstMmsi, Envelope box, Instant start, Duration length, Duration tickEvery, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Item> items = new ArrayList<>();
        long end = start.plus(length).toEpochMilli();
        for (int v = 0; v < vessels; v++) {
            vessel(firstMmsi + v, box, start.toEpochMilli(), end, random.split(), items);
        }
        if (tickEvery != null) {
            for (long t = start.toEpochMilli(); t <= end; t += tickEvery.toMillis()) {
                items.add(new Item(null, Instant.ofEpochMilli(t), t));
            }
        }
        // Stable: a duplicate or late fix stays behind the fix it follows.
        items.sort(Comparator.comparingLong(Item::arrivalMillis));
        return items;
    }

    private static void vessel(int mmsi, Envelope box, long start, long end, SplittableRandom r, List<Item> out) {
        boolean vms = r.nextDouble() < 0.25;
        long interval = vms ? r.nextLong(3_600_000, 4 * 3_600_000) : r.nextLong(20_000, 240_000);
        double lon = r.nextDouble(box.getMinX(), box.getMaxX());
        double lat = r.nextDouble(box.getMinY(), box.getMaxY());
        double course = r.nextDouble(360);
        double knots = r.nextDouble(6, 12);
        long t = start + r.nextLong(interval);
        PositionFix previous = null;
        while (t <= end) {
            boolean reportsMotion = !vms && r.nextDouble() < 0.9;
            PositionFix fix = new PositionFix(
                    mmsi,
                    Instant.ofEpochMilli(t),
                    lon,
                    lat,
                    reportsMotion ? knots : null,
                    reportsMotion ? course : null);
            out.add(new Item(fix, null, t));
            if (previous != null && r.nextDouble() < 0.02) { // a duplicate, slightly different, as relays send them
                out.add(new Item(new PositionFix(mmsi, fix.time(), lon + 1e-5, lat, null, null), null, t + 1));
            }
            if (previous != null && r.nextDouble() < 0.01) { // a fix delayed behind a later one
                long late = Math.max(previous.time().toEpochMilli() + 1, t - r.nextLong(1, interval));
                out.add(new Item(
                        new PositionFix(mmsi, Instant.ofEpochMilli(late), lon, lat - 1e-4, null, null), null, t + 2));
            }
            previous = fix;
            long step = Math.max(1_000, Math.round(interval * r.nextDouble(0.8, 1.2)));
            if (r.nextDouble() < (vms ? 0.02 : 0.002)) {
                step += r.nextLong(3_600_000, 8 * 3_600_000); // silent for hours
            }
            // Change behaviour now and then: transit, fishing, drifting.
            if (r.nextDouble() < step / 7_200_000.0) {
                double mode = r.nextDouble();
                knots = mode < 0.5 ? r.nextDouble(6, 12) : mode < 0.85 ? r.nextDouble(0.5, 2.5) : r.nextDouble(0, 0.3);
            }
            course = (course + r.nextDouble(-15, 15) * Math.min(4, step / 60_000.0) + 360) % 360;
            double metres = knots * 1852 / 3600 * step / 1000;
            double dLat = metres * Math.cos(Math.toRadians(course)) / 111_320;
            double dLon = metres * Math.sin(Math.toRadians(course)) / (111_320 * Math.cos(Math.toRadians(lat)));
            lon += dLon;
            lat += dLat;
            // Turn back at the edges of the box, like vessels working one fishing ground.
            if (lon < box.getMinX() || lon > box.getMaxX()) {
                lon = Math.max(box.getMinX(), Math.min(box.getMaxX(), lon));
                course = (360 - course) % 360;
            }
            if (lat < box.getMinY() || lat > box.getMaxY()) {
                lat = Math.max(box.getMinY(), Math.min(box.getMaxY(), lat));
                course = (540 - course) % 360;
            }
            t += step;
        }
    }
}
