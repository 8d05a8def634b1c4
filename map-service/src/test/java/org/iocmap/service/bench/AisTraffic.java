package org.iocmap.service.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.iocmap.layers.ais.AisEncoder;
import org.iocmap.layers.ais.ShipDimensions;
import org.iocmap.service.geofence.FenceKind;
import org.iocmap.service.geofence.FenceRules;
import org.iocmap.service.geofence.Geofence;
import org.iocmap.service.geofence.GeofenceVersion;
import org.iocmap.service.geofence.Schedule;
import org.iocmap.service.geofence.VesselClass;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Generates the AIS benchmark's data from a seed: tagged {@code !AIVDM} sentences of the mix a coastal receiver hears,
 * fences over the sea off Viet Nam and moving vessels. Positions are in EPSG:4326, x = longitude.
 */
final class AisTraffic {
    /** The sea the fences and vessels are spread over: 105-113 E, 8-20 N, as in the geofence benchmark. */
    static final double WEST = 105;

    static final double EAST = 113;
    static final double SOUTH = 8;
    static final double NORTH = 20;
    static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    static final int MMSI_BASE = 574_000_000;
    static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);
    private static final double METRES_PER_DEGREE = 111_320;
    private static final String[] STATIONS = {"vn-haiphong", "vn-danang", "vn-nhatrang", "vn-vungtau", "vn-phuquoc"};
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private AisTraffic() {}

    /**
     * Returns about {@code count} sentences (a type 5 message may add one line past it) of 100,000 vessels: by message
     * 70 % class A position reports of type 1, 10 % of type 3, 14 % class B reports (type 18) and 6 % static and voyage
     * data (type 5, two sentences each), every one with a tag block naming the station and the time.
     */
    static List<String> mixedSentences(int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> lines = new ArrayList<>(count + 1);
        long second = START.getEpochSecond();
        for (int i = 0; lines.size() < count; i++) {
            if (i % 1000 == 999) {
                second++;
            }
            Instant time = Instant.ofEpochSecond(second);
            String station = STATIONS[i % STATIONS.length];
            int mmsi = MMSI_BASE + r.nextInt(100_000);
            double lon = quantise(r.nextDouble(WEST, EAST));
            double lat = quantise(r.nextDouble(SOUTH, NORTH));
            double sog = Math.round(r.nextDouble(0, 15) * 10) / 10.0;
            double cog = Math.round(r.nextDouble(0, 360) * 10) / 10.0 % 360;
            int heading = (int) cog;
            double p = r.nextDouble();
            if (p < 0.70) {
                lines.add(AisEncoder.positionReport(station, time, mmsi, lon, lat, sog, cog, heading));
            } else if (p < 0.80) {
                lines.add(classA(3, station, time, mmsi, lon, lat, sog, cog, heading));
            } else if (p < 0.94) {
                lines.add(classB(station, time, mmsi, lon, lat, sog, cog, heading));
            } else {
                lines.addAll(AisEncoder.staticAndVoyage(
                        station,
                        time,
                        i % 10,
                        mmsi,
                        "XV" + (mmsi % 100_000),
                        "TAU CA " + (mmsi % 100_000),
                        30,
                        new ShipDimensions(12 + mmsi % 20, 6, 3, 3),
                        "DA NANG"));
            }
        }
        return lines;
    }

    /** Rounds a coordinate to the 1/10,000 minute that a class A or B report carries. */
    static double quantise(double degrees) {
        return Math.round(degrees * 600_000) / 600_000.0;
    }

    /**
     * Returns {@code count} fences of one version each, every tenth a line of 40 to 100 vertices and 10 to 60 km long,
     * the others star-shaped polygons of 80 to 120 vertices, 2 to 16 km across (mean about 40 km²): about 0.3 fences
     * over an average point of the sea. Polygons report every area event, lines CROSS and APPROACH.
     */
    static List<Geofence> fences(int count, long seed) {
        return fences(count, seed, FenceRules.allForArea(), FenceRules.allForLine());
    }

    /** Returns the same fences as {@link #fences(int, long)} with these rules for areas and for lines. */
    static List<Geofence> fences(int count, long seed, FenceRules areaRules, FenceRules lineRules) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Geofence> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            boolean line = i % 10 == 9;
            double lon = r.nextDouble(WEST + 0.2, EAST - 0.2);
            double lat = r.nextDouble(SOUTH + 0.2, NORTH - 0.2);
            Geometry geometry = line ? line(lon, lat, r) : star(lon, lat, r);
            list.add(Geofence.of(
                    fenceId(i),
                    new GeofenceVersion(
                            1,
                            Instant.parse("2020-01-01T00:00:00Z"),
                            "Vùng thử " + i,
                            FenceKind.values()[i % FenceKind.values().length],
                            geometry,
                            Schedule.always(),
                            VesselClass.any(),
                            line ? lineRules : areaRules)));
        }
        return list;
    }

    static String fenceId(int i) {
        return "bench-fence-" + i;
    }

    private static Geometry star(double lon, double lat, SplittableRandom r) {
        int n = r.nextInt(80, 121);
        double radius = r.nextDouble(1_000, 8_000) / METRES_PER_DEGREE;
        double cosLat = Math.cos(Math.toRadians(lat));
        Coordinate[] ring = new Coordinate[n + 1];
        for (int k = 0; k < n; k++) {
            double a = 2 * Math.PI * k / n;
            double rr = radius * r.nextDouble(0.75, 1.0);
            ring[k] = new Coordinate(lon + rr * Math.cos(a) / cosLat, lat + rr * Math.sin(a));
        }
        ring[n] = ring[0];
        return WGS84.createPolygon(ring);
    }

    private static Geometry line(double lon, double lat, SplittableRandom r) {
        int n = r.nextInt(40, 101);
        double step = r.nextDouble(10_000, 60_000) / METRES_PER_DEGREE / (n - 1);
        double heading = r.nextDouble(2 * Math.PI);
        Coordinate[] points = new Coordinate[n];
        double x = lon;
        double y = lat;
        for (int k = 0; k < n; k++) {
            points[k] = new Coordinate(x, y);
            double h = heading + r.nextDouble(-0.3, 0.3);
            x += step * Math.cos(h);
            y += step * Math.sin(h);
        }
        return WGS84.createLineString(points);
    }

    /**
     * Holds vessels sailing over the sea: each keeps a speed of 3 to 14 knots and turns a little at each report, and
     * turns back at the edge of the sea.
     */
    static final class Fleet {
        final int[] mmsi;
        final double[] lon;
        final double[] lat;
        final double[] knots;
        final double[] course;
        private final SplittableRandom random;

        Fleet(int vessels, int firstMmsi, long seed) {
            random = new SplittableRandom(seed);
            mmsi = new int[vessels];
            lon = new double[vessels];
            lat = new double[vessels];
            knots = new double[vessels];
            course = new double[vessels];
            for (int v = 0; v < vessels; v++) {
                mmsi[v] = firstMmsi + v;
                lon[v] = random.nextDouble(WEST, EAST);
                lat[v] = random.nextDouble(SOUTH, NORTH);
                knots[v] = random.nextDouble(3, 14);
                course[v] = random.nextDouble(360);
            }
        }

        /** Moves vessel {@code v} on for {@code seconds} along its course. */
        void move(int v, double seconds) {
            double metres = knots[v] * 1852 / 3600 * seconds;
            course[v] = (course[v] + random.nextDouble(-8, 8) + 360) % 360;
            double rad = Math.toRadians(course[v]);
            double x = lon[v] + metres * Math.sin(rad) / METRES_PER_DEGREE / Math.cos(Math.toRadians(lat[v]));
            double y = lat[v] + metres * Math.cos(rad) / METRES_PER_DEGREE;
            if (x < WEST || x > EAST || y < SOUTH || y > NORTH) {
                course[v] = (course[v] + 180) % 360; // turn back at the edge of the sea
                return;
            }
            lon[v] = x;
            lat[v] = y;
        }

        /** Returns vessel {@code v}'s position report at {@code time}, as a class A type 1 sentence. */
        String report(int v, String station, Instant time) {
            return AisEncoder.positionReport(
                    station,
                    time,
                    mmsi[v],
                    lon[v],
                    lat[v],
                    Math.round(knots[v] * 10) / 10.0,
                    Math.round(course[v] * 10) / 10.0 % 360,
                    (int) course[v]);
        }
    }

    /** Returns a class A position report of type 1, 2 or 3, under way, as {@link AisEncoder} writes type 1. */
    static String classA(
            int type, String station, Instant time, int mmsi, double lon, double lat, double sog, double cog, int hdg) {
        Bits b = new Bits(168);
        b.put(6, type).put(2, 0).put(30, mmsi).put(4, 0).put(8, -128);
        b.put(10, Math.round(sog * 10))
                .put(1, 1)
                .put(28, Math.round(lon * 600_000))
                .put(27, Math.round(lat * 600_000));
        b.put(12, Math.round(cog * 10) % 3600).put(9, hdg).put(6, time.getEpochSecond() % 60);
        b.put(2, 0).put(3, 0).put(1, 0).put(19, 0);
        return tagged(station, time, "AIVDM,1,1,,A," + b.armoured() + ",0");
    }

    /** Returns a class B position report (type 18, 168 bits): a CS unit with display, DSC, whole band and message 22. */
    static String classB(
            String station, Instant time, int mmsi, double lon, double lat, double sog, double cog, int hdg) {
        Bits b = new Bits(168);
        b.put(6, 18).put(2, 0).put(30, mmsi).put(8, 0);
        b.put(10, Math.round(sog * 10))
                .put(1, 0)
                .put(28, Math.round(lon * 600_000))
                .put(27, Math.round(lat * 600_000));
        b.put(12, Math.round(cog * 10) % 3600).put(9, hdg).put(6, time.getEpochSecond() % 60);
        b.put(2, 0)
                .put(1, 1)
                .put(1, 1)
                .put(1, 1)
                .put(1, 1)
                .put(1, 1)
                .put(1, 0)
                .put(1, 0)
                .put(20, 393222);
        return tagged(station, time, "AIVDM,1,1,,B," + b.armoured() + ",0");
    }

    private static String tagged(String station, Instant time, String sentence) {
        String tag = "s:" + station + ",c:" + time.getEpochSecond();
        return "\\" + tag + "*" + hex(xor(tag)) + "\\!" + sentence + "*" + hex(xor(sentence));
    }

    private static int xor(String text) {
        int x = 0;
        for (int i = 0; i < text.length(); i++) {
            x ^= text.charAt(i);
        }
        return x;
    }

    private static String hex(int value) {
        return new String(new char[] {HEX[(value >> 4) & 15], HEX[value & 15]});
    }

    /** Packs fields most significant bit first and armours them six bits a character. */
    private static final class Bits {
        private final long[] words;
        private final int size;
        private int at;

        Bits(int size) {
            this.size = size;
            this.words = new long[(size + 63) / 64];
        }

        Bits put(int width, long value) {
            for (int i = width - 1; i >= 0; i--) {
                if (((value >> i) & 1) != 0) {
                    words[at >> 6] |= 1L << (63 - (at & 63));
                }
                at++;
            }
            return this;
        }

        String armoured() {
            if (at != size) {
                throw new IllegalStateException("wrote " + at + " bits of " + size);
            }
            char[] text = new char[size / 6];
            for (int c = 0; c < text.length; c++) {
                int v = 0;
                for (int j = 0; j < 6; j++) {
                    int bit = c * 6 + j;
                    v = (v << 1) | (int) ((words[bit >> 6] >>> (63 - (bit & 63))) & 1);
                }
                text[c] = (char) (v < 40 ? v + 48 : v + 56);
            }
            return new String(text);
        }
    }

    /** Returns "lon lat" with six decimals, for messages. */
    static String point(double lon, double lat) {
        return String.format(Locale.ROOT, "%.6f %.6f", lon, lat);
    }
}
