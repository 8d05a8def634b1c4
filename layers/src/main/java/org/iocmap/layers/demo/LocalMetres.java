package org.iocmap.layers.demo;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;

/**
 * Converts between degrees (EPSG:4326, x = longitude) and metres with a local equirectangular approximation on a
 * sphere of the Earth's mean radius.
 *
 * <p>Across one province and for lengths of a few kilometres the error is far below a percent, which is plenty for
 * demo data. Uses {@link StrictMath} so that the results, and the rows built from them, are bit-identical on every JVM.
 */
final class LocalMetres {
    /** Mean Earth radius (IUGG), metres. */
    static final double EARTH_RADIUS_METRES = 6_371_008.8;

    private static final double METRES_PER_DEGREE = EARTH_RADIUS_METRES * StrictMath.PI / 180;

    private LocalMetres() {}

    /** Returns how many metres one degree of latitude spans. */
    static double metresPerDegreeLat() {
        return METRES_PER_DEGREE;
    }

    /** Returns how many metres one degree of longitude spans at latitude {@code lat}. */
    static double metresPerDegreeLon(double lat) {
        return METRES_PER_DEGREE * StrictMath.cos(StrictMath.toRadians(lat));
    }

    /** Returns the distance in metres between two nearby points. */
    static double distance(double lon1, double lat1, double lon2, double lat2) {
        double dx = (lon2 - lon1) * metresPerDegreeLon((lat1 + lat2) / 2);
        double dy = (lat2 - lat1) * METRES_PER_DEGREE;
        return StrictMath.sqrt(dx * dx + dy * dy);
    }

    /**
     * Computes the area of a small polygon in square metres: the shoelace formula on coordinates scaled to metres
     * around the polygon's mean latitude. For quads under a kilometre across this agrees with the geodesic area to
     * well within 0.1 %.
     */
    static double areaSquareMetres(Polygon polygon) {
        Coordinate[] ring = polygon.getExteriorRing().getCoordinates();
        double meanLat = 0;
        for (int i = 0; i < ring.length - 1; i++) {
            meanLat += ring[i].y;
        }
        meanLat /= ring.length - 1;
        double kx = metresPerDegreeLon(meanLat);
        double twice = 0;
        // Relative to the first vertex: products of small numbers keep the precision that absolute ones would lose.
        for (int i = 0; i < ring.length - 1; i++) {
            double x1 = (ring[i].x - ring[0].x) * kx;
            double y1 = (ring[i].y - ring[0].y) * METRES_PER_DEGREE;
            double x2 = (ring[i + 1].x - ring[0].x) * kx;
            double y2 = (ring[i + 1].y - ring[0].y) * METRES_PER_DEGREE;
            twice += x1 * y2 - x2 * y1;
        }
        return StrictMath.abs(twice) / 2; // holes are not subtracted: the demo quads have none
    }
}
