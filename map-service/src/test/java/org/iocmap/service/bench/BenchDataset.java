package org.iocmap.service.bench;

import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Generates the benchmark data and query positions from one seed, so every run and every machine sees the same
 * features and asks the same questions. Coordinates are EPSG:4326, x = longitude.
 *
 * <p>Points are spread uniformly over 102–117° E, 8–23° N (Vietnam's land and sea, the East Sea with the Hoàng Sa and
 * Trường Sa archipelagos, and neighbours), about 4,400 per square degree for a million points. Polygons are
 * land-use-like quads of roughly 100–300 m across, packed into one province-sized area (108.70–109.45° E,
 * 11.80–12.85° N, about the size of Khánh Hòa), about ten per km² for 100,000 of them, so a 1 km query area meets a
 * dozen of them, as a query over real land-use parcels would.
 */
final class BenchDataset {
    static final String POINTS_LAYER = "bench_points";
    static final String POLYGONS_LAYER = "bench_polygons";
    /** Changes whenever the generator changes, so data loaded by an older generator is replaced. */
    static final int GENERATOR_VERSION = 1;

    static final double POINTS_MIN_LON = 102;
    static final double POINTS_MIN_LAT = 8;
    static final double POINTS_SPAN_DEGREES = 15;
    static final double PARCELS_MIN_LON = 108.70;
    static final double PARCELS_MAX_LON = 109.45;
    static final double PARCELS_MIN_LAT = 11.80;
    static final double PARCELS_MAX_LAT = 12.85;
    static final double METRES_PER_DEGREE_LAT = 110_574;
    static final double METRES_PER_DEGREE_LON_AT_EQUATOR = 111_320;

    private static final String[] LABELS = {
        "Trạm quan trắc",
        "Camera giao thông",
        "Điểm báo cháy",
        "Tàu cá",
        "Phao tiêu",
        "Trạm đo mưa",
        "Điểm ngập",
        "Cột đèn",
        "Trạm sạc",
        "Điểm tập kết rác"
    };
    private static final String[] LAND_USE_CODES = {
        "ONT", "ODT", "LUC", "LUK", "CLN", "HNK", "RSX", "RPH", "NTS", "SKC", "TMD", "DGT", "DTL", "DGD", "DYT"
    };
    static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

    private final long seed;
    private final int points;
    private final int polygons;

    BenchDataset(long seed, int points, int polygons) {
        this.seed = seed;
        this.points = points;
        this.polygons = polygons;
    }

    int points() {
        return points;
    }

    int polygons() {
        return polygons;
    }

    /** Returns a text that differs whenever the generated data of {@code layer} would differ. */
    String describe(String layer) {
        int count = layer.equals(POINTS_LAYER) ? points : polygons;
        return layer + " v" + GENERATOR_VERSION + " seed=" + seed + " count=" + count;
    }

    /** Returns the mean number of points per square degree. */
    double pointsPerSquareDegree() {
        return points / (POINTS_SPAN_DEGREES * POINTS_SPAN_DEGREES);
    }

    /** Receives generated points. */
    interface PointSink {
        void accept(long index, double lon, double lat, String label, double weight) throws Exception;
    }

    /** Receives generated polygons. */
    interface PolygonSink {
        void accept(long index, Polygon polygon, String code, double areaM2) throws Exception;
    }

    /** Generates every point in order; the same seed gives the same points. */
    void forEachPoint(PointSink sink) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        for (long i = 0; i < points; i++) {
            double lon = round6(POINTS_MIN_LON + POINTS_SPAN_DEGREES * random.nextDouble());
            double lat = round6(POINTS_MIN_LAT + POINTS_SPAN_DEGREES * random.nextDouble());
            String label = LABELS[random.nextInt(LABELS.length)] + " " + (i + 1);
            double weight = Math.round(random.nextDouble() * 10_000) / 100.0;
            sink.accept(i, lon, lat, label, weight);
        }
    }

    /**
     * Generates every polygon in order: a quad around a random centre, its four corners at jittered right angles and
     * radii, so it is simple (star-shaped around the centre), counter-clockwise, and a little irregular like a parcel.
     */
    void forEachPolygon(PolygonSink sink) throws Exception {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (long i = 0; i < polygons; i++) {
            double lon = PARCELS_MIN_LON + (PARCELS_MAX_LON - PARCELS_MIN_LON) * random.nextDouble();
            double lat = PARCELS_MIN_LAT + (PARCELS_MAX_LAT - PARCELS_MIN_LAT) * random.nextDouble();
            double radiusMetres = 50 + 100 * random.nextDouble();
            double turn = random.nextDouble() * Math.PI / 2;
            double[] radii = new double[4];
            double[] angles = new double[4];
            for (int c = 0; c < 4; c++) {
                radii[c] = radiusMetres * (0.8 + 0.4 * random.nextDouble());
                angles[c] = turn + c * Math.PI / 2 + (random.nextDouble() - 0.5) * Math.toRadians(30);
            }
            Polygon quad = ring(lon, lat, radii, angles);
            String code = LAND_USE_CODES[random.nextInt(LAND_USE_CODES.length)];
            double areaM2 = Math.round(quad.getArea() * metresPerDegreeLon(lat) * METRES_PER_DEGREE_LAT);
            sink.accept(i, quad, code, areaM2);
        }
    }

    /** Returns a polygon around (lon, lat) with a vertex at each (radius, angle), angles increasing. */
    static Polygon ring(double lon, double lat, double[] radiiMetres, double[] angles) {
        double perLon = metresPerDegreeLon(lat);
        Coordinate[] ring = new Coordinate[radiiMetres.length + 1];
        for (int c = 0; c < radiiMetres.length; c++) {
            ring[c] = new Coordinate(
                    round6(lon + radiiMetres[c] * Math.cos(angles[c]) / perLon),
                    round6(lat + radiiMetres[c] * Math.sin(angles[c]) / METRES_PER_DEGREE_LAT));
        }
        ring[radiiMetres.length] = ring[0].copy();
        Polygon polygon = WGS84.createPolygon(ring);
        polygon.setSRID(4326);
        return polygon;
    }

    /** Returns the metres in one degree of longitude at {@code lat} (spherical approximation, enough for sizing). */
    static double metresPerDegreeLon(double lat) {
        return METRES_PER_DEGREE_LON_AT_EQUATOR * Math.cos(Math.toRadians(lat));
    }

    /** Returns a random generator for the query positions of {@code workload}, fixed by the seed. */
    SplittableRandom queryRandom(String workload) {
        return new SplittableRandom(seed * 31 + workload.hashCode());
    }

    private static double round6(double degrees) {
        return Math.rint(degrees * 1e6) / 1e6;
    }
}
