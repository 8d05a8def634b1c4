package org.iocmap.service.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.SplittableRandom;
import org.iocmap.layers.model.BoundingBox;
import org.iocmap.layers.store.SqlDialect;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Precomputes the questions every workload asks, from the seed: the same boxes, points and areas go to the service,
 * to PostGIS and to Redis, in the same order. Lists repeat after {@link #SIZE} questions.
 */
final class BenchQueries {
    static final int SIZE = 1 << 16;
    /** How many nearest points a kNN question asks for. */
    static final int K = 10;
    /** The page size of a box question. */
    static final int BOX_LIMIT = 100;
    /** The page size of an area question: the service's default for {@code POST /api/query}. */
    static final int AREA_LIMIT = 1_000;
    /** Answers of the box workload hold 50–200 points on average, so a page of 100 is often but not always full. */
    static final int BOX_MIN_POINTS = 50;

    static final int BOX_MAX_POINTS = 200;
    /** Query areas are hexagons 1.1 km across (about 0.8 km²). */
    static final double AREA_RADIUS_METRES = 550;

    final Box[] boxes = new Box[SIZE];
    final Point[] nearestTo = new Point[SIZE];
    final String[] nearestBodies = new String[SIZE];
    final Polygon[] areas = new Polygon[SIZE];
    final byte[][] areaWkb = new byte[SIZE][];
    final String[] areaBodies = new String[SIZE];

    /** Holds one query box with what each client needs to send it. */
    record Box(
            BoundingBox bbox,
            byte[] wkb,
            String param,
            double centreLon,
            double centreLat,
            double widthMetres,
            double heightMetres) {}

    BenchQueries(BenchDataset dataset) {
        SplittableRandom boxRandom = dataset.queryRandom("bbox");
        double density = dataset.pointsPerSquareDegree();
        for (int i = 0; i < SIZE; i++) {
            double wanted = BOX_MIN_POINTS + (BOX_MAX_POINTS - BOX_MIN_POINTS) * boxRandom.nextDouble();
            double side = Math.sqrt(wanted / density); // square in degrees: the points are uniform in degrees
            double minLon =
                    BenchDataset.POINTS_MIN_LON + (BenchDataset.POINTS_SPAN_DEGREES - side) * boxRandom.nextDouble();
            double minLat =
                    BenchDataset.POINTS_MIN_LAT + (BenchDataset.POINTS_SPAN_DEGREES - side) * boxRandom.nextDouble();
            BoundingBox bbox =
                    new BoundingBox(round6(minLon), round6(minLat), round6(minLon + side), round6(minLat + side));
            double centreLat = (bbox.minLat() + bbox.maxLat()) / 2;
            boxes[i] = new Box(
                    bbox,
                    SqlDialect.wkb(bbox.toGeometry(SqlDialect.WGS84)),
                    String.format(
                            Locale.ROOT,
                            "%.6f,%.6f,%.6f,%.6f",
                            bbox.minLon(),
                            bbox.minLat(),
                            bbox.maxLon(),
                            bbox.maxLat()),
                    (bbox.minLon() + bbox.maxLon()) / 2,
                    centreLat,
                    (bbox.maxLon() - bbox.minLon()) * BenchDataset.metresPerDegreeLon(centreLat),
                    (bbox.maxLat() - bbox.minLat()) * BenchDataset.METRES_PER_DEGREE_LAT);
        }
        SplittableRandom nearRandom = dataset.queryRandom("nearest");
        for (int i = 0; i < SIZE; i++) {
            double lon = round6(BenchDataset.POINTS_MIN_LON
                    + 0.1
                    + (BenchDataset.POINTS_SPAN_DEGREES - 0.2) * nearRandom.nextDouble());
            double lat = round6(BenchDataset.POINTS_MIN_LAT
                    + 0.1
                    + (BenchDataset.POINTS_SPAN_DEGREES - 0.2) * nearRandom.nextDouble());
            Point p = BenchDataset.WGS84.createPoint(new Coordinate(lon, lat));
            p.setSRID(4326);
            nearestTo[i] = p;
            nearestBodies[i] = new JsonObject()
                    .put("layers", new JsonArray().add(BenchDataset.POINTS_LAYER))
                    .put(
                            "nearest",
                            new JsonObject().put("lon", lon).put("lat", lat).put("k", K))
                    .encode();
        }
        SplittableRandom areaRandom = dataset.queryRandom("within");
        double marginLon = 0.02;
        double marginLat = 0.02;
        for (int i = 0; i < SIZE; i++) {
            double lon = BenchDataset.PARCELS_MIN_LON
                    + marginLon
                    + (BenchDataset.PARCELS_MAX_LON - BenchDataset.PARCELS_MIN_LON - 2 * marginLon)
                            * areaRandom.nextDouble();
            double lat = BenchDataset.PARCELS_MIN_LAT
                    + marginLat
                    + (BenchDataset.PARCELS_MAX_LAT - BenchDataset.PARCELS_MIN_LAT - 2 * marginLat)
                            * areaRandom.nextDouble();
            double turn = areaRandom.nextDouble() * Math.PI / 3;
            double[] radii = new double[6];
            double[] angles = new double[6];
            for (int c = 0; c < 6; c++) {
                radii[c] = AREA_RADIUS_METRES;
                angles[c] = turn + c * Math.PI / 3;
            }
            Polygon area = BenchDataset.ring(lon, lat, radii, angles);
            areas[i] = area;
            areaWkb[i] = SqlDialect.wkb(area);
            JsonArray ring = new JsonArray();
            for (Coordinate c : area.getCoordinates()) {
                ring.add(new JsonArray().add(c.x).add(c.y));
            }
            areaBodies[i] = new JsonObject()
                    .put("layers", new JsonArray().add(BenchDataset.POLYGONS_LAYER))
                    .put(
                            "within",
                            new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(ring)))
                    .encode();
        }
    }

    /** Returns question {@code index} of a list, repeating after {@link #SIZE}. */
    static int slot(long index) {
        return (int) (index & (SIZE - 1));
    }

    private static double round6(double degrees) {
        return Math.rint(degrees * 1e6) / 1e6;
    }
}
