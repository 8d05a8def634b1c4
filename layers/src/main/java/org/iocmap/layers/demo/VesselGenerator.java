package org.iocmap.layers.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.iocmap.layers.kinds.Vessel;
import org.iocmap.layers.kinds.VesselPosition;
import org.locationtech.jts.geom.Point;

/**
 * Generates the fishing fleet of Khánh Hòa with one day of positions per vessel.
 *
 * <p>Tracks are random walks at 2–9 knots: slow with frequent turns while fishing (many boats jig for squid under
 * lights at night), steady while steaming. Every fix and every leg between two fixes stays at least
 * {@link DemoGeography#COAST_CLEARANCE_DEGREES} off the land polygon, so no track crosses an island.
 */
final class VesselGenerator {
    static final int COUNT = 500;
    static final int FIXES = 48;
    static final Duration INTERVAL = Duration.ofMinutes(30);

    /** Home ports with their weights and the point of the coast that boats leave from. */
    record HomePort(String name, double weight, double lon, double lat) {}

    static final List<HomePort> HOME_PORTS = List.of(
            new HomePort("Cảng cá Hòn Rớ", 35, 109.1925, 12.2030),
            new HomePort("Cảng cá Vĩnh Lương", 20, 109.2012, 12.3276),
            new HomePort("Cảng cá Đá Bạc", 20, 109.1660, 11.9480),
            new HomePort("Cảng cá Đại Lãnh", 10, 109.3500, 12.8275),
            new HomePort("Cảng cá Ninh Thủy", 15, 109.2200, 12.5200));

    private static final List<String> BOAT_NAMES = List.of(
            "Phước Lộc",
            "Tân Phát",
            "Hải Âu",
            "Bình An",
            "Thuận Phong",
            "Kim Long",
            "Hồng Phúc",
            "Trường Hải",
            "Đại Phát",
            "Ngọc Thạch",
            "Thành Công",
            "Vạn Lợi",
            "Hòa Bình",
            "Phú Quý",
            "Đức Tài");

    /** Holds a vessel with its fixes, oldest first; fixes get the vessel id once the vessel has one. */
    record Track(Vessel vessel, List<VesselPosition> positions) {}

    private enum Ground {
        COASTAL,
        SHELF,
        OFFSHORE
    }

    private VesselGenerator() {}

    /** Creates {@value #COUNT} vessels whose fixes fall in the 24 hours before {@code anchor}. */
    static List<Track> generate(DemoGeography geo, Instant anchor) {
        Dice dice = new Dice(DemoData.SEED, "vessels");
        double[] portWeights = HOME_PORTS.stream().mapToDouble(HomePort::weight).toArray();
        List<Integer> numbers = distinct(dice, COUNT, 90_000, 99_999);
        List<Integer> mmsis = distinct(dice, COUNT, 0, 999_999);
        List<Integer> callSigns = distinct(dice, COUNT, 1_000, 9_999);
        List<Track> tracks = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            HomePort port = HOME_PORTS.get(dice.weighted(portWeights));
            Ground ground = Weighted.<Ground>of(Ground.COASTAL, 45, Ground.SHELF, 35, Ground.OFFSHORE, 20)
                    .draw(dice);
            // Offshore licences go to larger hulls; inshore boats are mostly small.
            double length =
                    switch (ground) {
                        case COASTAL -> dice.uniform(12, 17);
                        case SHELF -> dice.uniform(15, 24);
                        case OFFSHORE -> dice.uniform(20, 30);
                    };
            String registration = "KH-" + numbers.get(i) + "-TS";
            String name = dice.chance(0.15)
                    ? dice.pick(BOAT_NAMES) + " " + String.format(Locale.ROOT, "%02d", dice.between(1, 99))
                    : "KH " + numbers.get(i) + " TS";
            String mmsi = String.format(Locale.ROOT, "574%06d", mmsis.get(i)); // 574: Vietnam's maritime identity
            String callSign = "XV" + callSigns.get(i);
            double radiusMetres =
                    switch (ground) {
                        case COASTAL -> 20_000;
                        case SHELF -> 35_000;
                        case OFFSHORE -> 50_000;
                    };
            List<Fix> fixes = walk(dice, geo, start(dice, geo, ground, port), radiusMetres, anchor);
            // A few boats stop transmitting hours before the anchor: the monitoring centre sees them as lost.
            if (dice.chance(0.04)) {
                fixes = fixes.subList(0, fixes.size() - dice.between(6, 16));
            }
            Fix last = fixes.getLast();
            double heading = normalise(StrictMath.rint(last.course() + 4 * dice.gaussian())); // leeway and yaw
            Vessel vessel = new Vessel(
                    mmsi,
                    name,
                    callSign,
                    registration,
                    "fishing",
                    StrictMath.rint(length * 10) / 10,
                    port.name(),
                    "Việt Nam",
                    last.at(),
                    last.speed(),
                    last.course(),
                    heading,
                    last.location());
            List<VesselPosition> positions = new ArrayList<>(fixes.size());
            for (Fix f : fixes) {
                positions.add(new VesselPosition(null, mmsi, f.at(), f.speed(), f.course(), f.location()));
            }
            tracks.add(new Track(vessel, positions));
        }
        return tracks;
    }

    private static Point start(Dice dice, DemoGeography geo, Ground ground, HomePort port) {
        for (int attempt = 0; attempt < 10_000; attempt++) {
            Point p =
                    switch (ground) {
                        // Inshore grounds: off the home port, up to about 40 km out.
                        case COASTAL ->
                            DemoGeography.point(
                                    port.lon() + dice.uniform(0.03, 0.38), port.lat() + dice.uniform(-0.2, 0.2));
                        case SHELF -> DemoGeography.point(dice.uniform(109.5, 110.8), dice.uniform(10.8, 13.2));
                        // Out toward Trường Sa, where the larger boats spend weeks at sea.
                        case OFFSHORE -> DemoGeography.point(dice.uniform(110.9, 111.9), dice.uniform(9.6, 11.5));
                    };
            if (geo.isOpenSea(p)) {
                return p;
            }
        }
        throw new IllegalStateException("no open sea found off " + port.name());
    }

    /**
     * Walks a vessel from {@code start} for a day. The start is the centre of its fishing ground: a vessel that strays
     * further than {@code radiusMetres} from it turns back toward it, as a skipper returns to the grounds he knows.
     */
    private static List<Fix> walk(Dice dice, DemoGeography geo, Point start, double radiusMetres, Instant anchor) {
        Instant first = anchor.minus(INTERVAL.multipliedBy(FIXES)).plus(Duration.ofMinutes(dice.between(1, 29)));
        boolean fishing = dice.chance(0.8);
        double course = dice.between(0, 359);
        double speed = speed(dice, fishing);
        List<Fix> fixes = new ArrayList<>(FIXES);
        Point here = start;
        fixes.add(new Fix(first, speed, course, here));
        for (int i = 1; i < FIXES; i++) {
            Instant at = first.plus(INTERVAL.multipliedBy(i));
            double previous = course; // of the leg that led here
            int localHour = (at.atZone(ZoneOffset.UTC).getHour() + 7) % 24;
            boolean night = localHour >= 18 || localHour < 5;
            // Mostly fishing, with the odd run to other grounds; at night most boats jig under lights.
            if (dice.chance(fishing ? 0.05 : 0.35)) {
                fishing = !fishing;
            }
            if (night && !fishing && dice.chance(0.3)) {
                fishing = true;
            }
            double away = LocalMetres.distance(start.getX(), start.getY(), here.getX(), here.getY());
            if (away > radiusMetres) {
                double back = bearing(here, start);
                double turn = ((back - course) % 360 + 540) % 360 - 180; // shortest turn, in (-180, 180]
                course += StrictMath.max(-60, StrictMath.min(60, turn));
            }
            course += (fishing ? 35 : 8) * dice.gaussian();
            speed = speed(dice, fishing);
            Leg leg = leg(dice, geo, here, normalise(course), speed, normalise(previous + 180));
            course = leg.course();
            speed = leg.speed();
            here = leg.to();
            fixes.add(new Fix(at, speed, course, here));
        }
        return fixes;
    }

    /**
     * Returns the leg from {@code from}; turns away when the wanted course would run ashore or out of bounds, and as a
     * last resort heads back the way it came ({@code back}), which retraces water that was clear.
     */
    private static Leg leg(Dice dice, DemoGeography geo, Point from, double course, double speed, double back) {
        int side = dice.chance(0.5) ? 1 : -1;
        for (int turn : new int[] {0, 30, -30, 60, -60, 90, -90, 120, -120, 150, -150, 180}) {
            double c = normalise(course + side * turn);
            for (double s : new double[] {speed, 2.0}) {
                Point to = move(from, c, s);
                if (geo.isOpenSea(from, to)) {
                    return new Leg(to, normalise(StrictMath.rint(c * 10) / 10), s);
                }
            }
        }
        Point to = move(from, back, 2.0);
        if (geo.isOpenSea(from, to)) {
            return new Leg(to, normalise(StrictMath.rint(back * 10) / 10), 2.0);
        }
        // Boxed in even so (only conceivable on the first leg): drift in place rather than run aground.
        return new Leg(from, normalise(StrictMath.rint(course * 10) / 10), 2.0);
    }

    /** Returns the initial course from one point to another, degrees clockwise from north. */
    private static double bearing(Point from, Point to) {
        double dx = (to.getX() - from.getX()) * LocalMetres.metresPerDegreeLon(from.getY());
        double dy = (to.getY() - from.getY()) * LocalMetres.metresPerDegreeLat();
        return normalise(StrictMath.toDegrees(StrictMath.atan2(dx, dy)));
    }

    private static Point move(Point from, double course, double knots) {
        double metres = knots * 1852 * INTERVAL.toMinutes() / 60.0;
        double rad = StrictMath.toRadians(course);
        double dLat = metres * StrictMath.cos(rad) / LocalMetres.metresPerDegreeLat();
        double dLon = metres * StrictMath.sin(rad) / LocalMetres.metresPerDegreeLon(from.getY());
        return DemoGeography.point(from.getX() + dLon, from.getY() + dLat);
    }

    private static double speed(Dice dice, boolean fishing) {
        double knots = fishing ? dice.uniform(2, 4) : dice.uniform(6, 9);
        return StrictMath.rint(knots * 10) / 10;
    }

    private static double normalise(double degrees) {
        double d = degrees % 360;
        return d < 0 ? d + 360 : d;
    }

    /** Returns {@code count} distinct integers in [min, max], in the order drawn. */
    private static List<Integer> distinct(Dice dice, int count, int min, int max) {
        Set<Integer> seen = new HashSet<>(); // only for membership; the order comes from the list
        List<Integer> values = new ArrayList<>(count);
        while (values.size() < count) {
            int v = dice.between(min, max);
            if (seen.add(v)) {
                values.add(v);
            }
        }
        return values;
    }

    private record Fix(Instant at, double speed, double course, Point location) {}

    private record Leg(Point to, double course, double speed) {}
}
