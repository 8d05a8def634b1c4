package org.iocmap.service.geofence.internal;

import org.iocmap.layers.query.geo.Geodesic;
import org.locationtech.jts.geom.Envelope;

/**
 * Holds the great-circle arc between two positions given in EPSG:4326 degrees, x = longitude: the path a vessel is
 * taken to sail between two fixes, or along its course when its position is projected ahead.
 *
 * <p>The model is the one of {@code org.iocmap.layers.query.geo.Geodesic} and of PostGIS {@code geography}: geodetic
 * latitude is used as spherical latitude and the arc takes the short way round. A fraction along the arc is a fraction
 * of its great-circle length, so a vessel at constant speed is at fraction {@code f} after the same fraction of the
 * time.
 *
 * <p>Immutable.
 */
public final class Arc {
    private final double lon0;
    private final double lat0;
    private final double lon1;
    private final double lat1;
    // Unit vectors of the two ends and their cross product p × q (not normalised), the arc's normal.
    final double px;
    final double py;
    final double pz;
    final double qx;
    final double qy;
    final double qz;
    final double nx;
    final double ny;
    final double nz;
    private final double angle;

    private Arc(double lon0, double lat0, double lon1, double lat1) {
        this.lon0 = lon0;
        this.lat0 = lat0;
        this.lon1 = lon1;
        this.lat1 = lat1;
        double phi0 = Math.toRadians(lat0);
        double lambda0 = Math.toRadians(lon0);
        double phi1 = Math.toRadians(lat1);
        double lambda1 = Math.toRadians(lon1);
        px = Math.cos(phi0) * Math.cos(lambda0);
        py = Math.cos(phi0) * Math.sin(lambda0);
        pz = Math.sin(phi0);
        qx = Math.cos(phi1) * Math.cos(lambda1);
        qy = Math.cos(phi1) * Math.sin(lambda1);
        qz = Math.sin(phi1);
        nx = py * qz - pz * qy;
        ny = pz * qx - px * qz;
        nz = px * qy - py * qx;
        angle = Math.atan2(Math.sqrt(nx * nx + ny * ny + nz * nz), px * qx + py * qy + pz * qz);
    }

    /** Creates the arc from ({@code lon0}, {@code lat0}) to ({@code lon1}, {@code lat1}), degrees. */
    public static Arc between(double lon0, double lat0, double lon1, double lat1) {
        return new Arc(lon0, lat0, lon1, lat1);
    }

    /**
     * Creates the arc that starts at ({@code lon}, {@code lat}) with the initial bearing {@code bearingDegrees}
     * (clockwise from north) and ends {@code metres} away on the WGS84 ellipsoid: the position {@code metres} ahead on
     * the course. The end is found on the sphere (spherical direct formula), then the angle is scaled once so that
     * {@link Geodesic#distanceMetres(double, double, double, double)} between the ends is {@code metres} to within a
     * millimetre per kilometre.
     */
    public static Arc along(double lon, double lat, double bearingDegrees, double metres) {
        double delta = metres / MEAN_RADIUS_METRES;
        double[] end = destination(lon, lat, bearingDegrees, delta);
        double measured = Geodesic.distanceMetres(lon, lat, end[0], end[1]);
        if (measured > 0) {
            end = destination(lon, lat, bearingDegrees, delta * metres / measured);
        }
        return new Arc(lon, lat, end[0], end[1]);
    }

    /** Mean radius of the Earth (IUGG), metres: the first guess of the angle in {@link #along}. */
    private static final double MEAN_RADIUS_METRES = 6_371_008.8;

    private static double[] destination(double lon, double lat, double bearingDegrees, double delta) {
        double phi = Math.toRadians(lat);
        double theta = Math.toRadians(bearingDegrees);
        double sinPhi = Math.sin(phi);
        double sinLat1 = sinPhi * Math.cos(delta) + Math.cos(phi) * Math.sin(delta) * Math.cos(theta);
        double phi1 = Math.asin(Math.max(-1, Math.min(1, sinLat1)));
        double lambda1 = Math.toRadians(lon)
                + Math.atan2(Math.sin(theta) * Math.sin(delta) * Math.cos(phi), Math.cos(delta) - sinPhi * sinLat1);
        double lon1 = Math.toDegrees(lambda1);
        if (lon1 > 180) {
            lon1 -= 360;
        } else if (lon1 < -180) {
            lon1 += 360;
        }
        return new double[] {lon1, Math.toDegrees(phi1)};
    }

    /** Returns the start longitude, degrees. */
    public double startLon() {
        return lon0;
    }

    /** Returns the start latitude, degrees. */
    public double startLat() {
        return lat0;
    }

    /** Returns the end longitude, degrees. */
    public double endLon() {
        return lon1;
    }

    /** Returns the end latitude, degrees. */
    public double endLat() {
        return lat1;
    }

    /** Returns the angle between the ends seen from the centre of the sphere, radians. */
    public double angleRadians() {
        return angle;
    }

    /** Tests whether the ends are so close (under a tenth of a millimetre) that the arc has no usable direction. */
    public boolean isDegenerate() {
        return angle < 1e-11;
    }

    /**
     * Returns the position at {@code fraction} (0 to 1) of the arc's length as {@code {lon, lat}} in degrees. The ends
     * are returned exactly as given.
     */
    public double[] pointAt(double fraction) {
        if (fraction <= 0) {
            return new double[] {lon0, lat0};
        }
        if (fraction >= 1 || isDegenerate()) {
            return fraction <= 0.5 ? new double[] {lon0, lat0} : new double[] {lon1, lat1};
        }
        // Spherical linear interpolation: the point at the same fraction of the angle.
        double s = Math.sin(angle);
        double a = Math.sin((1 - fraction) * angle) / s;
        double b = Math.sin(fraction * angle) / s;
        return toLonLat(a * px + b * qx, a * py + b * qy, a * pz + b * qz);
    }

    /**
     * Returns the fraction of the arc's length at which the unit vector ({@code x}, {@code y}, {@code z}), a point on
     * the arc, lies.
     */
    double fractionAt(double x, double y, double z) {
        if (isDegenerate()) {
            return 0;
        }
        double cx = py * z - pz * y;
        double cy = pz * x - px * z;
        double cz = px * y - py * x;
        double f = Math.atan2(Math.sqrt(cx * cx + cy * cy + cz * cz), px * x + py * y + pz * z) / angle;
        return Math.max(0, Math.min(1, f));
    }

    /**
     * Returns the smallest longitude/latitude box holding the whole arc, including the bulge of a great circle towards
     * the pole between its ends. The arc must not cross the antimeridian.
     */
    public Envelope envelope() {
        double[] lat = latitudeRange(px, py, pz, qx, qy, qz, lat0, lat1);
        return new Envelope(Math.min(lon0, lon1), Math.max(lon0, lon1), lat[0], lat[1]);
    }

    /**
     * Returns {@code {minLat, maxLat}} of the great-circle arc between unit vectors a and b whose ends are at latitudes
     * {@code latA} and {@code latB}: the ends' range, widened to the great circle's highest (or lowest) point when that
     * point lies on the arc.
     */
    static double[] latitudeRange(
            double ax, double ay, double az, double bx, double by, double bz, double latA, double latB) {
        double min = Math.min(latA, latB);
        double max = Math.max(latA, latB);
        double nx = ay * bz - az * by;
        double ny = az * bx - ax * bz;
        double nz = ax * by - ay * bx;
        double nn = Math.sqrt(nx * nx + ny * ny + nz * nz);
        if (nn < 1e-15) {
            return new double[] {min, max};
        }
        nx /= nn;
        ny /= nn;
        nz /= nn;
        // The highest point of the great circle is the north pole projected onto its plane: (0,0,1) − nz·n.
        double vx = -nz * nx;
        double vy = -nz * ny;
        double vz = 1 - nz * nz;
        double vn = Math.sqrt(vx * vx + vy * vy + vz * vz);
        if (vn < 1e-15) {
            return new double[] {min, max}; // the equator: no bulge
        }
        vx /= vn;
        vy /= vn;
        vz /= vn;
        double top = Math.toDegrees(Math.asin(Math.min(1, vz)));
        if (isOnArc(ax, ay, az, bx, by, bz, nx, ny, nz, vx, vy, vz)) {
            max = Math.max(max, top);
        }
        if (isOnArc(ax, ay, az, bx, by, bz, nx, ny, nz, -vx, -vy, -vz)) {
            min = Math.min(min, -top);
        }
        return new double[] {min, max};
    }

    /** Tests whether unit vector v on the great circle of a and b (unit normal n) lies between a and b. */
    static boolean isOnArc(
            double ax,
            double ay,
            double az,
            double bx,
            double by,
            double bz,
            double nx,
            double ny,
            double nz,
            double vx,
            double vy,
            double vz) {
        double av = (ay * vz - az * vy) * nx + (az * vx - ax * vz) * ny + (ax * vy - ay * vx) * nz;
        double vb = (vy * bz - vz * by) * nx + (vz * bx - vx * bz) * ny + (vx * by - vy * bx) * nz;
        return av >= 0 && vb >= 0;
    }

    /** Converts a (not necessarily unit) vector to {@code {lon, lat}} in degrees. */
    static double[] toLonLat(double x, double y, double z) {
        return new double[] {Math.toDegrees(Math.atan2(y, x)), Math.toDegrees(Math.atan2(z, Math.sqrt(x * x + y * y)))};
    }

    @Override
    public String toString() {
        return "Arc(" + lon0 + " " + lat0 + " -> " + lon1 + " " + lat1 + ")";
    }
}
