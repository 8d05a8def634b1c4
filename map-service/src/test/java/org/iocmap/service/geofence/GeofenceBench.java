package org.iocmap.service.geofence;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.iocmap.service.geofence.SyntheticTraffic.Item;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * Measures how many fixes per second one engine processes on one thread: 5,000 vessels (three quarters AIS-like,
 * reporting every 20 s to 4 min, a quarter VMS-like) moving for 4 hours over the sea off Vietnam (105-113 E,
 * 8-20 N) against 200 fences (160 polygons of 8 to 200 vertices and 5 to 25 km across, 40 lines; every event enabled,
 * a fifth with a nightly schedule, a tenth for fishing vessels only, a tenth with a second version), with a clock tick
 * every simulated minute. The input is generated first and not timed; one warm-up run, then the median of three.
 *
 * <p>Prints {@code BENCH geofence_fixes_per_second <value> fixes/s peer=jts_point_in_polygon <value> ratio=<r>}: the
 * peer tests each fix against the fences and nothing more (see {@link #pointInPolygonPeer}). Run it with {@code
 * map-service/bin/iocmap bench geofence}.
 */
public final class GeofenceBench {
    private static final Instant START = Instant.parse("2025-06-10T00:00:00Z");
    private static final Envelope SEA = new Envelope(105, 113, 8, 20);

    private GeofenceBench() {}

    public static void main(String[] args) {
        int vessels = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int fences = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        List<Geofence> fenceList = fences(fences, new SplittableRandom(11));
        List<Item> items = SyntheticTraffic.generate(
                vessels, 574_000_000, SEA, START, Duration.ofHours(4), Duration.ofMinutes(1), 7);
        long fixes = items.stream().filter(i -> !i.isTick()).count();
        System.out.printf(
                Locale.ROOT,
                "input: %d vessels, %d fences, %d fixes, %d ticks%n",
                vessels,
                fenceList.size(),
                fixes,
                items.size() - fixes);

        double[] rates = new double[4];
        Map<EventType, Integer> byType = new EnumMap<>(EventType.class);
        for (int run = 0; run < rates.length; run++) {
            GeofenceEngine engine = new GeofenceEngine(
                    new GeofenceCatalog(fenceList),
                    mmsi -> mmsi % 4 == 0 ? VesselClass.CARGO : VesselClass.FISHING,
                    DarkSettings.defaults());
            long count = 0;
            byType.clear();
            long t0 = System.nanoTime();
            for (Item item : items) {
                List<GeofenceEvent> found = item.isTick() ? engine.advanceTo(item.tick()) : engine.accept(item.fix());
                count += found.size();
                for (GeofenceEvent e : found) {
                    byType.merge(e.type(), 1, Integer::sum);
                }
            }
            long nanos = System.nanoTime() - t0;
            rates[run] = fixes / (nanos / 1e9);
            System.out.printf(
                    Locale.ROOT,
                    "%s %d: %.0f ms, %.0f fixes/s, %d events, %s%n",
                    run == 0 ? "warm-up" : "run",
                    run,
                    nanos / 1e6,
                    rates[run],
                    count,
                    engine.stats());
        }
        double[] measured = Arrays.copyOfRange(rates, 1, rates.length);
        Arrays.sort(measured);
        System.out.printf(Locale.ROOT, "events per run by type: %s%n", byType);
        double peer = pointInPolygonPeer(fenceList, items, fixes);
        double ours = measured[measured.length / 2];
        System.out.printf(
                Locale.ROOT,
                "BENCH geofence_fixes_per_second %.0f fixes/s peer=jts_point_in_polygon %.0f ratio=%.2f (ours/peer)%n",
                ours,
                peer,
                ours / peer);
    }

    /**
     * The peer: what a geofencer that only tests each fix against the fences does (an R-tree of the fences' latest
     * versions, a prepared covers test per candidate, ENTER and EXIT when the set of fences a vessel is in changes),
     * with no interpolation between fixes, no hysteresis, schedules, dwell or dark periods. Median of three runs after
     * a warm-up, in fixes per second.
     */
    private static double pointInPolygonPeer(List<Geofence> fences, List<Item> items, long fixes) {
        org.locationtech.jts.index.strtree.STRtree tree = new org.locationtech.jts.index.strtree.STRtree();
        for (Geofence f : fences) {
            org.locationtech.jts.geom.Geometry g = f.latest().geometry();
            tree.insert(
                    g.getEnvelopeInternal(),
                    java.util.Map.entry(f.id(), org.locationtech.jts.geom.prep.PreparedGeometryFactory.prepare(g)));
        }
        tree.build();
        org.locationtech.jts.geom.GeometryFactory factory = new org.locationtech.jts.geom.GeometryFactory();
        double[] rates = new double[4];
        for (int run = 0; run < rates.length; run++) {
            java.util.Map<Integer, java.util.Set<String>> inside = new java.util.HashMap<>();
            long events = 0;
            long t0 = System.nanoTime();
            for (Item item : items) {
                if (item.isTick()) {
                    continue;
                }
                PositionFix fix = item.fix();
                org.locationtech.jts.geom.Point p =
                        factory.createPoint(new org.locationtech.jts.geom.Coordinate(fix.lon(), fix.lat()));
                java.util.Set<String> now = new java.util.HashSet<>();
                for (Object o : tree.query(p.getEnvelopeInternal())) {
                    @SuppressWarnings("unchecked")
                    java.util.Map.Entry<String, org.locationtech.jts.geom.prep.PreparedGeometry> e =
                            (java.util.Map.Entry<String, org.locationtech.jts.geom.prep.PreparedGeometry>) o;
                    if (e.getValue().covers(p)) {
                        now.add(e.getKey());
                    }
                }
                java.util.Set<String> before = inside.put(fix.mmsi(), now);
                if (before != null && !before.equals(now)) {
                    events++;
                }
            }
            rates[run] = fixes / ((System.nanoTime() - t0) / 1e9);
            if (run == 0 && events < 0) {
                throw new IllegalStateException(); // keeps the loop's work from being optimised away
            }
        }
        double[] measured = Arrays.copyOfRange(rates, 1, rates.length);
        Arrays.sort(measured);
        return measured[measured.length / 2];
    }

    private static List<Geofence> fences(int count, SplittableRandom r) {
        List<Geofence> list = new ArrayList<>();
        FenceRules area = FenceRules.allForArea();
        Schedule nights = Schedule.yearly(Schedule.Window.days(MonthDay.of(1, 1), MonthDay.of(12, 31))
                .hours(LocalTime.of(18, 0), LocalTime.of(6, 0)));
        for (int i = 0; i < count; i++) {
            double lon = r.nextDouble(SEA.getMinX() + 0.5, SEA.getMaxX() - 0.5);
            double lat = r.nextDouble(SEA.getMinY() + 0.5, SEA.getMaxY() - 0.5);
            boolean line = i % 5 == 4;
            Geometry geometry = line ? line(lon, lat, r) : star(lon, lat, r);
            FenceRules rules = line ? FenceRules.allForLine() : area;
            Schedule schedule = i % 5 == 1 ? nights : Schedule.always();
            Set<VesselClass> classes = i % 10 == 2 ? Set.of(VesselClass.FISHING) : VesselClass.any();
            GeofenceVersion first = new GeofenceVersion(
                    1,
                    Instant.parse("2020-01-01T00:00:00Z"),
                    "Fence " + i,
                    FenceKind.values()[i % FenceKind.values().length],
                    geometry,
                    schedule,
                    classes,
                    rules);
            Geofence fence = Geofence.of("f" + i, first);
            if (i % 10 == 3) {
                fence = fence.withVersion(new GeofenceVersion(
                        2,
                        START.plus(Duration.ofHours(2)),
                        "Fence " + i + " v2",
                        first.kind(),
                        line ? line(lon, lat, r) : star(lon, lat, r),
                        schedule,
                        classes,
                        rules));
            }
            list.add(fence);
        }
        return list;
    }

    /** Returns a star-shaped polygon around the point: 5 to 25 km across, 8 to 200 vertices. */
    private static Geometry star(double lon, double lat, SplittableRandom r) {
        int n = r.nextDouble() < 0.1 ? 200 : r.nextInt(8, 49);
        double radiusDegrees = r.nextDouble(2.5, 12.5) / 111.32;
        Coordinate[] ring = new Coordinate[n + 1];
        for (int k = 0; k < n; k++) {
            double a = 2 * Math.PI * k / n;
            double rr = radiusDegrees * r.nextDouble(0.6, 1.0);
            ring[k] = new Coordinate(lon + rr * Math.cos(a) / Math.cos(Math.toRadians(lat)), lat + rr * Math.sin(a));
        }
        ring[n] = ring[0];
        return Fixtures.WGS84.createPolygon(ring);
    }

    /** Returns a line of 3 to 10 vertices, 30 to 100 km long, heading roughly one way. */
    private static Geometry line(double lon, double lat, SplittableRandom r) {
        int n = r.nextInt(3, 11);
        double step = r.nextDouble(30, 100) / 111.32 / (n - 1);
        double heading = r.nextDouble(2 * Math.PI);
        Coordinate[] points = new Coordinate[n];
        double x = lon;
        double y = lat;
        for (int k = 0; k < n; k++) {
            points[k] = new Coordinate(x, y);
            double h = heading + r.nextDouble(-0.5, 0.5);
            x += step * Math.cos(h);
            y += step * Math.sin(h);
        }
        return Fixtures.WGS84.createLineString(points);
    }
}
