package org.iocmap.service.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.iocmap.layers.ais.AisDecoded;
import org.iocmap.layers.ais.AisDecoder;
import org.iocmap.layers.ais.AisEncoder;
import org.iocmap.layers.ais.AisResult;
import org.iocmap.layers.ais.ShipDimensions;
import org.iocmap.layers.kinds.VesselPositions;
import org.iocmap.layers.query.geo.Geodesic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulates a small fleet of Vietnamese fishing vessels for the demo: writes real AIS NMEA sentences for them
 * ({@link AisEncoder}: a position report every {@value #REPORT_SECONDS} s, staggered by MMSI, and static data with
 * name and ship type 30 every {@value #STATIC_SECONDS} s), decodes them with {@link AisDecoder} and stores them with
 * {@link VesselPositions#store}, as any AIS source does; the geofence monitor then sees them like real traffic.
 *
 * <p><b>Scenarios.</b> Four vessels replay, every hour on the hour ({@link #SCENARIO_PERIOD}), a scenario placed
 * against the demo fences ({@code org.iocmap.service.geofence.DemoFences}): one crosses into Indonesian waters north
 * of the Natuna islands, fishes there and comes back; one heads for the demo closed zone off Nha Trang and turns
 * away 1.8 nm short (APPROACH); one goes silent for 15 minutes off Khánh Hòa and reappears 2.5 nm further on (DARK);
 * one enters the closed zone and drifts at 1.5 knots for 19 minutes (ENTER, DWELL, LOITER, EXIT). Ten more vessels
 * circle on fishing grounds from Đà Nẵng to Côn Đảo and sometimes cross the 6 and 24 nm lines.
 *
 * <p><b>Time.</b> Simulated time is the clock's time: positions are never in the future, so tracks, the change feed
 * and the vessel registry stay consistent with the rest of the demo. Events come within minutes because the
 * scenarios are short (an entry 8 minutes into the hour) and the demo fences' rules are shortened, and because a
 * vessel reporting every 30 s has an expected interval of 10 minutes once the monitor has learnt it (the floor of
 * {@code DarkSettings.defaults()}): a 15-minute silence makes it dark without waiting for the 30-minute default.
 * Each vessel's position is a function of the time alone, so a restart continues the same hour; a monitor that was
 * stopped for longer than 10 minutes sees every simulated vessel go dark and come back, as it would real ones.
 *
 * <p>{@link #tick()} writes every report due since the last tick up to the clock's time (at most
 * {@link #MAX_CATCH_UP} of them), so a test driving the clock gets the same sentences whatever the tick rate. The
 * thread started by {@link #start()} ticks every {@value #TICK_MILLIS} ms; {@link #close()} stops it. Thread-safe.
 */
public final class DemoFleet implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoFleet.class);

    /** The tag block source of the simulated sentences. */
    public static final String SOURCE = "iocmap-demo";

    /** How long one pass of the scenarios takes; they restart on the hour. */
    public static final Duration SCENARIO_PERIOD = Duration.ofHours(1);

    static final int REPORT_SECONDS = 30;
    static final int STATIC_SECONDS = 360;
    static final long TICK_MILLIS = 5_000;
    static final Duration MAX_CATCH_UP = Duration.ofMinutes(10);
    private static final double METRES_PER_SECOND_PER_KNOT = 1852.0 / 3600;

    private final VesselPositions positions;
    private final IngestStats.Source stats;
    private final Runnable afterStore;
    private final Clock clock;
    private final List<SimVessel> fleet = fleet();
    private final AisDecoder decoder = new AisDecoder();
    private final Set<Integer> introduced = new HashSet<>();
    private Instant last;
    private int sequence;
    private volatile boolean running;
    private Thread thread;

    /**
     * Creates the fleet; nothing is written before {@link #tick()} or {@link #start()}.
     *
     * @param afterStore called after each stored batch (the geofence monitor's nudge)
     * @param clock the simulated time; the geofence monitor must use the same clock
     */
    public DemoFleet(VesselPositions positions, IngestStats.Source stats, Runnable afterStore, Clock clock) {
        this.positions = positions;
        this.stats = stats;
        this.afterStore = afterStore;
        this.clock = clock;
    }

    /** Returns the MMSIs of the simulated vessels, scenario vessels first. */
    public List<Integer> mmsis() {
        return fleet.stream().map(SimVessel::mmsi).toList();
    }

    /** Starts the thread that ticks every {@value #TICK_MILLIS} ms. */
    public synchronized void start() {
        running = true;
        thread = Thread.ofPlatform().name("iocmap-demo-fleet").daemon().start(() -> {
            while (running) {
                try {
                    tick();
                } catch (RuntimeException e) {
                    LOG.warn("Demo fleet tick failed; retrying: {}", e.toString());
                }
                LockSupport.parkNanos(Duration.ofMillis(TICK_MILLIS).toNanos());
            }
        });
    }

    /**
     * Writes, decodes and stores every report due after the last tick and up to the clock's time; returns the number
     * of sentences written. The first tick writes one report of each vessel (that is not silent).
     */
    public synchronized int tick() {
        Instant now = clock.instant();
        Instant from = last == null || Duration.between(last, now).compareTo(MAX_CATCH_UP) > 0
                ? now.minusSeconds(REPORT_SECONDS)
                : last;
        if (!now.isAfter(from)) {
            return 0;
        }
        List<String> lines = sentencesBetween(from, now);
        last = now;
        if (lines.isEmpty()) {
            return 0;
        }
        List<AisDecoded> decoded = new ArrayList<>();
        for (String line : lines) {
            stats.line(now);
            for (AisResult r : decoder.feed(line, now)) {
                if (r instanceof AisDecoded d) {
                    stats.decoded();
                    decoded.add(d);
                } else {
                    stats.rejected(String.valueOf(((org.iocmap.layers.ais.AisReject) r).reason()));
                }
            }
        }
        try {
            VesselPositions.Outcome outcome = positions.store(decoded);
            stats.stored(decoded.size(), outcome.positions());
        } catch (RuntimeException e) {
            stats.storeFailed();
            throw e;
        }
        afterStore.run();
        return lines.size();
    }

    /** Returns the sentences of every report due in ({@code after}, {@code upTo}], in time order. */
    List<String> sentencesBetween(Instant after, Instant upTo) {
        record Timed(long second, int order, List<String> lines) {}
        List<Timed> out = new ArrayList<>();
        for (SimVessel v : fleet) {
            int offset = Math.floorMod(v.mmsi(), REPORT_SECONDS);
            long first = after.getEpochSecond() + 1;
            long t = first + Math.floorMod(offset - first, REPORT_SECONDS);
            for (; t <= upTo.getEpochSecond(); t += REPORT_SECONDS) {
                State s = v.route().at(t);
                if (s.silent()) {
                    continue;
                }
                Instant time = Instant.ofEpochSecond(t);
                out.add(new Timed(
                        t,
                        0,
                        List.of(AisEncoder.positionReport(
                                SOURCE,
                                time,
                                v.mmsi(),
                                s.lon(),
                                s.lat(),
                                s.knots(),
                                s.courseDegrees(),
                                (int) Math.round(s.courseDegrees()) % 360))));
                // Static data after the position: the registry makes a vessel from its first position.
                if (introduced.add(v.mmsi()) || Math.floorMod(t, STATIC_SECONDS) < REPORT_SECONDS) {
                    sequence = (sequence + 1) % 10;
                    out.add(new Timed(
                            t,
                            1,
                            AisEncoder.staticAndVoyage(
                                    SOURCE,
                                    time,
                                    sequence,
                                    v.mmsi(),
                                    v.callSign(),
                                    v.name(),
                                    30,
                                    new ShipDimensions(12, 6, 3, 3),
                                    v.port())));
                }
            }
        }
        out.sort(Comparator.comparingLong(Timed::second).thenComparingInt(Timed::order));
        List<String> lines = new ArrayList<>();
        out.forEach(timed -> lines.addAll(timed.lines()));
        return lines;
    }

    /** Stops the thread; a tick under way finishes first. */
    @Override
    public void close() {
        running = false;
        Thread t;
        synchronized (this) {
            t = thread;
            thread = null;
        }
        if (t == null) {
            return;
        }
        LockSupport.unpark(t);
        try {
            t.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A simulated vessel: AIS identity and its looping route. */
    record SimVessel(int mmsi, String name, String callSign, String port, Route route) {}

    /** Where a vessel is at one instant, and whether it is silent (transponder off). */
    record State(double lon, double lat, double knots, double courseDegrees, boolean silent) {}

    /**
     * A closed route of legs sailed at constant speed, repeated forever from {@code anchorSecond} (epoch seconds): a
     * vessel's position is a function of the time alone. A leg from a point to itself holds the vessel there.
     */
    static final class Route {
        private final List<Leg> legs;
        private final long period;
        private final long anchorSecond;

        private record Leg(double lon0, double lat0, double lon1, double lat1, long seconds, boolean silent) {}

        private Route(List<Leg> legs, long anchorSecond) {
            this.legs = legs;
            this.period = legs.stream().mapToLong(Leg::seconds).sum();
            this.anchorSecond = anchorSecond;
        }

        long periodSeconds() {
            return period;
        }

        State at(long epochSecond) {
            long into = Math.floorMod(epochSecond - anchorSecond, period);
            double course = 0;
            for (Leg leg : legs) {
                boolean moving = leg.lon0() != leg.lon1() || leg.lat0() != leg.lat1();
                if (moving) {
                    course = bearing(leg);
                }
                if (into < leg.seconds()) {
                    double f = (double) into / leg.seconds();
                    double metres =
                            moving ? Geodesic.distanceMetres(leg.lon0(), leg.lat0(), leg.lon1(), leg.lat1()) : 0;
                    return new State(
                            leg.lon0() + f * (leg.lon1() - leg.lon0()),
                            leg.lat0() + f * (leg.lat1() - leg.lat0()),
                            Math.round(metres / leg.seconds() / METRES_PER_SECOND_PER_KNOT * 10) / 10.0,
                            course,
                            leg.silent());
                }
                into -= leg.seconds();
            }
            throw new IllegalStateException("cannot happen: the legs fill the period");
        }

        private static double bearing(Leg leg) {
            double dx = (leg.lon1() - leg.lon0()) * Math.cos(Math.toRadians((leg.lat0() + leg.lat1()) / 2));
            double dy = leg.lat1() - leg.lat0();
            double deg = Math.toDegrees(Math.atan2(dx, dy));
            return Math.round(Math.floorMod(Math.round(deg * 10), 3600)) / 10.0;
        }
    }

    /** Builds a route leg by leg, from a start point. */
    static final class RouteBuilder {
        private final List<Route.Leg> legs = new ArrayList<>();
        private final double startLon;
        private final double startLat;
        private double lon;
        private double lat;

        RouteBuilder(double lon, double lat) {
            this.startLon = lon;
            this.startLat = lat;
            this.lon = lon;
            this.lat = lat;
        }

        /** Sails to a point at {@code knots}. */
        RouteBuilder sail(double toLon, double toLat, double knots) {
            return leg(toLon, toLat, knots, false);
        }

        /** Sails to a point at {@code knots} with the transponder off. */
        RouteBuilder sailSilent(double toLon, double toLat, double knots) {
            return leg(toLon, toLat, knots, true);
        }

        private RouteBuilder leg(double toLon, double toLat, double knots, boolean silent) {
            double metres = Geodesic.distanceMetres(lon, lat, toLon, toLat);
            long seconds = Math.max(1, Math.round(metres / (knots * METRES_PER_SECOND_PER_KNOT)));
            legs.add(new Route.Leg(lon, lat, toLon, toLat, seconds, silent));
            lon = toLon;
            lat = toLat;
            return this;
        }

        /** Sails back to the start at {@code knots} and holds there until {@code period} is full. */
        Route closeWithin(double knots, Duration period, long anchorSecond) {
            sail(startLon, startLat, knots);
            long used = legs.stream().mapToLong(Route.Leg::seconds).sum();
            long rest = period.toSeconds() - used;
            if (rest < 0) {
                throw new IllegalStateException("the route takes " + used + " s, more than " + period);
            }
            if (rest > 0) {
                legs.add(new Route.Leg(startLon, startLat, startLon, startLat, rest, false));
            }
            return new Route(List.copyOf(legs), anchorSecond);
        }

        /** Sails back to the start at {@code knots}; the route lasts as long as its legs. */
        Route close(double knots) {
            sail(startLon, startLat, knots);
            return new Route(List.copyOf(legs), 0);
        }
    }

    /** A loop of eight legs around a fishing ground, {@code radiusDegrees} of latitude in radius. */
    private static Route circle(double lon, double lat, double radiusDegrees, double knots) {
        double k = 1 / Math.cos(Math.toRadians(lat));
        RouteBuilder b = new RouteBuilder(lon + radiusDegrees * k, lat);
        for (int i = 1; i < 8; i++) {
            double a = Math.PI * 2 * i / 8;
            b.sail(lon + radiusDegrees * k * Math.cos(a), lat + radiusDegrees * Math.sin(a), knots);
        }
        return b.close(knots);
    }

    /** Returns the demo fleet: the four scenario vessels, then the background fleet. */
    static List<SimVessel> fleet() {
        Duration hour = SCENARIO_PERIOD;
        long onTheHour = 0; // epoch second 0 is on the hour, so each scenario starts at every full hour
        List<SimVessel> fleet = new ArrayList<>();
        // Into Indonesian waters north of Natuna (boundary about 4.983 N here), fishing there, back out.
        fleet.add(new SimVessel(
                574990001,
                "BD-97531-TS",
                "XVDM01",
                "QUY NHON",
                new RouteBuilder(108.05, 5.000)
                        .sail(108.05, 4.965, 8)
                        .sail(108.058, 4.958, 2)
                        .closeWithin(8, hour, onTheHour)));
        // Towards the closed zone's east side (109.60 E at 12.04 N), turning away 1.8 nm short.
        fleet.add(new SimVessel(
                574990002,
                "KH-96012-TS",
                "XVDM02",
                "NHA TRANG",
                new RouteBuilder(109.68, 12.04).sail(109.63, 12.04, 8).closeWithin(8, hour, onTheHour)));
        // Northwards between the 6 and 24 nm lines, silent from minute 8 to minute 23, then back south.
        fleet.add(new SimVessel(
                574990003,
                "QNG-90456-TS",
                "XVDM03",
                "NHA TRANG",
                new RouteBuilder(109.65, 12.45)
                        .sail(109.65, 12.4723, 10)
                        .sailSilent(109.65, 12.5139, 10)
                        .sail(109.65, 12.53, 10)
                        .closeWithin(10, hour, onTheHour)));
        // Into the closed zone from the north, drifting inside at 1.5 kn for about 19 minutes, then out.
        fleet.add(new SimVessel(
                574990004,
                "KH-95213-TS",
                "XVDM04",
                "NHA TRANG",
                new RouteBuilder(109.50, 12.135)
                        .sail(109.50, 12.09, 9)
                        .sail(109.503, 12.0825, 1.5)
                        .closeWithin(9, hour, onTheHour)));
        String[][] background = {
            {"PY-90321-TS", "TUY HOA", "109.75", "13.25", "6"},
            {"BD-98123-TS", "QUY NHON", "109.60", "14.05", "5"},
            {"KH-97456-TS", "NHA TRANG", "109.90", "12.60", "6"},
            {"NT-90876-TS", "PHAN RANG", "109.35", "11.45", "5"},
            {"BTH-99012-TS", "PHAN THIET", "108.75", "10.75", "6"},
            {"BV-98765-TS", "VUNG TAU", "107.45", "10.05", "7"},
            {"KH-99870-TS", "CAM RANH", "110.60", "11.80", "6"},
            {"QNG-98001-TS", "SA HUYNH", "109.60", "15.00", "5"},
            {"BV-96543-TS", "CON DAO", "106.60", "8.40", "6"},
            {"QNA-90123-TS", "DA NANG", "108.80", "16.40", "7"}
        };
        for (int i = 0; i < background.length; i++) {
            String[] b = background[i];
            fleet.add(new SimVessel(
                    574990011 + i,
                    b[0],
                    String.format(java.util.Locale.ROOT, "XVDM%02d", 11 + i),
                    b[1],
                    circle(Double.parseDouble(b[2]), Double.parseDouble(b[3]), 0.06, Double.parseDouble(b[4]))));
        }
        return List.copyOf(fleet);
    }
}
