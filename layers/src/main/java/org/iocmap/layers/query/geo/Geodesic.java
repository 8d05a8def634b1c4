package org.iocmap.layers.query.geo;

import java.util.List;
import java.util.Objects;
import org.locationtech.jts.algorithm.RayCrossingCounter;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Measures distances in metres on the WGS84 ellipsoid between points and geometries given in EPSG:4326 degrees,
 * x = longitude, y = latitude.
 *
 * <p>The model is the one of PostGIS {@code geography}, so that a filter evaluated here in a live stream and the same
 * filter run in SQL as {@code ST_DWithin(geom::geography, …)} put a feature on the same side of a threshold:
 *
 * <ul>
 *   <li>Between two points the distance is the ellipsoidal geodesic, computed with Vincenty's inverse method. Where
 *       that iteration does not converge (points within a few tenths of a degree of being antipodal) the distance is
 *       found instead by minimising the length of a path through a free midpoint.
 *   <li>An edge between two vertices is the great-circle arc between them (geodetic latitude taken as spherical
 *       latitude), not the straight line in lon/lat. Its nearest point is found on the sphere and the distance to that
 *       point is measured on the ellipsoid, which is exactly what PostGIS does.
 *   <li>Edges take the short way round: an edge from 179.95 to -179.95 is 0.1° long and crosses the antimeridian, and
 *       a point at -179.95 is a few kilometres from a vertex at 179.95.
 *   <li>A point inside a polygon (and not inside one of its holes) is at distance 0. Inside is decided on the sphere with
 *       the same great-circle edges, by counting edge crossings along the meridian from the point to a pole outside the
 *       ring. A ring that winds around a pole or has a vertex on it contains that pole; a ring that would contain both
 *       poles (such as the whole-world box) is tested in the lon/lat plane instead.
 * </ul>
 *
 * <p>Latitudes must lie within [-90, 90]; longitudes may be any finite number and are taken modulo 360. Geometries with
 * an SRID other than 0 or 4326 are rejected, because their coordinates are not degrees.
 *
 * <p>Thread-safe: every method is static and shares no mutable state. Allocation-light: one small object per call and
 * nothing per vertex, because the distance functions run for every row of a query and every change of a live stream.
 */
public final class Geodesic {
    /** Semi-major axis of WGS84, metres. */
    public static final double WGS84_A = 6_378_137.0;

    /** Flattening of WGS84. */
    public static final double WGS84_F = 1 / 298.257223563;

    private static final double B = WGS84_A * (1 - WGS84_F);
    private static final double E2 = WGS84_F * (2 - WGS84_F);
    private static final double EP2 = (WGS84_A * WGS84_A - B * B) / (B * B);

    /**
     * Smallest radius of curvature anywhere on the ellipsoid (the meridian at the equator), metres. A path of angular
     * length σ on the sphere is never shorter than {@code MIN_RADIUS * σ} on the ellipsoid, which makes this the
     * radius for lower bounds.
     */
    private static final double MIN_RADIUS = WGS84_A * (1 - E2);

    /** Largest radius of curvature (at the poles), metres: the radius for upper bounds. */
    private static final double MAX_RADIUS = WGS84_A / Math.sqrt(1 - E2);

    /** Relative margin added to bounding boxes so that rounding never drops a point exactly at the distance. */
    private static final double BOX_MARGIN = 1e-9;

    private static final int VINCENTY_MAX_ITERATIONS = 200;

    private Geodesic() {}

    /**
     * Computes the length in metres of the shortest geodesic on the WGS84 ellipsoid between two points given as
     * longitude and latitude in degrees. Agrees with PostGIS {@code ST_Distance(a::geography, b::geography)} to well
     * under a millimetre at any distance, antipodal points included.
     *
     * @throws IllegalArgumentException if a latitude is outside [-90, 90] or a coordinate is not finite
     */
    public static double distanceMetres(double lon1, double lat1, double lon2, double lat2) {
        checkCoordinate(lon1, lat1, "first point");
        checkCoordinate(lon2, lat2, "second point");
        return inverse(lon1, lat1, lon2, lat2);
    }

    /**
     * Computes the smallest distance in metres on the WGS84 ellipsoid from {@code p} to any part of {@code g}: a point,
     * line, polygon, multi-geometry or collection. A point inside a polygon's area, holes excluded, is at distance 0;
     * so is a point on an edge or a vertex. Empty parts of a collection are skipped.
     *
     * @throws IllegalArgumentException if {@code p} or {@code g} is empty, has a latitude outside [-90, 90] or an SRID
     *     other than 0 or 4326
     */
    public static double distanceMetres(Point p, Geometry g) {
        Objects.requireNonNull(p, "p");
        checkPoint(p);
        return distanceMetres(p.getX(), p.getY(), g);
    }

    /**
     * Computes the smallest distance in metres on the WGS84 ellipsoid from the point ({@code lon}, {@code lat}) to any
     * part of {@code g}; the same as {@link #distanceMetres(Point, Geometry)} without a {@link Point} to allocate.
     *
     * @throws IllegalArgumentException if {@code g} is empty, if a latitude is outside [-90, 90] or if {@code g} has an
     *     SRID other than 0 or 4326
     */
    public static double distanceMetres(double lon, double lat, Geometry g) {
        checkCoordinate(lon, lat, "point");
        checkGeometry(g);
        Search search = new Search(lon, lat, Double.POSITIVE_INFINITY, 0);
        search.visit(g);
        return search.best;
    }

    /**
     * Tests whether some part of {@code g} lies within {@code metres} of {@code p} on the WGS84 ellipsoid, the bound
     * included; equivalent to {@code distanceMetres(p, g) <= metres} and to PostGIS
     * {@code ST_DWithin(g::geography, p::geography, metres)}, but faster: the geometry's envelope is checked against
     * {@link #expandedEnvelope(Point, double)} first, edges far away are skipped without trigonometry, and the search
     * stops at the first part close enough.
     *
     * @throws IllegalArgumentException if {@code metres} is negative or NaN, or for the reasons {@link
     *     #distanceMetres(Point, Geometry)} gives
     */
    public static boolean isWithinDistance(Point p, Geometry g, double metres) {
        Objects.requireNonNull(p, "p");
        checkPoint(p);
        return isWithinDistance(p.getX(), p.getY(), g, metres);
    }

    /**
     * Tests whether some part of {@code g} lies within {@code metres} of the point ({@code lon}, {@code lat}), the
     * bound included; the same as {@link #isWithinDistance(Point, Geometry, double)} without a {@link Point}.
     *
     * @throws IllegalArgumentException if {@code metres} is negative or NaN, if a latitude is outside [-90, 90], or if
     *     {@code g} is empty or has an SRID other than 0 or 4326
     */
    public static boolean isWithinDistance(double lon, double lat, Geometry g, double metres) {
        checkCoordinate(lon, lat, "point");
        checkGeometry(g);
        checkMetres(metres);
        if (!envelopeMayBeWithin(lon, lat, g.getEnvelopeInternal(), metres)) {
            return false;
        }
        Search search = new Search(lon, lat, metres, metres);
        search.visit(g);
        return search.best <= metres;
    }

    /**
     * Tests whether some part of {@code a} lies within {@code metres} of some part of {@code b} on the WGS84
     * ellipsoid, the bound included.
     *
     * <p>When either geometry is a single point this is exact, as {@link #isWithinDistance(Point, Geometry, double)}.
     * Otherwise every vertex of each geometry is measured against the other geometry (exact, and enough whenever the
     * closest approach involves a vertex, as it does for any two geometries whose edges do not cross) and then, if no
     * vertex is close enough, the two are tested for intersection in the lon/lat plane with JTS. That last step can
     * differ from PostGIS, which intersects great-circle edges, only for edges crossing the antimeridian or long edges
     * far from the equator whose great-circle and lon/lat shapes are metres apart.
     *
     * @throws IllegalArgumentException for the reasons {@link #isWithinDistance(Point, Geometry, double)} gives
     */
    public static boolean isWithinDistance(Geometry a, Geometry b, double metres) {
        checkGeometry(a);
        checkGeometry(b);
        checkMetres(metres);
        if (a instanceof Point p) {
            return isWithinDistance(p.getX(), p.getY(), b, metres);
        }
        if (b instanceof Point p) {
            return isWithinDistance(p.getX(), p.getY(), a, metres);
        }
        if (isAnyVertexWithinDistance(a, b, metres) || isAnyVertexWithinDistance(b, a, metres)) {
            return true;
        }
        return a.intersects(b);
    }

    /**
     * Returns a lon/lat box, in degrees, that contains every point within {@code metres} of {@code p} on the WGS84
     * ellipsoid. The box is conservative (slightly larger than the circle it bounds) and is meant for an index or
     * {@code &&} query before an exact test.
     *
     * <p>Latitudes are clamped to [-90, 90]. When the circle reaches a pole, or is wider than the whole globe, the box
     * spans every longitude, -180 to 180. Across the antimeridian the box is <em>not</em> wrapped: its longitudes run
     * continuously past ±180 (for example 179.9 to 180.1), so that it stays one {@link Envelope}. Use {@link
     * #splitAtAntimeridian(Envelope)} to turn it into one or two boxes within -180..180.
     *
     * @throws IllegalArgumentException if {@code p} is empty or its latitude is outside [-90, 90], or if {@code metres}
     *     is negative or NaN
     */
    public static Envelope expandedEnvelope(Point p, double metres) {
        Objects.requireNonNull(p, "p");
        checkPoint(p);
        checkMetres(metres);
        double lon = normalizeLongitude(p.getX());
        double lat = p.getY();
        double padded = metres * (1 + BOX_MARGIN) + 1e-9;
        double dLat = latitudeReachDegrees(padded);
        double dLon = longitudeReachDegrees(lat, padded);
        double minLat = Math.max(-90, lat - dLat);
        double maxLat = Math.min(90, lat + dLat);
        if (Double.isInfinite(dLon)) {
            return new Envelope(-180, 180, minLat, maxLat);
        }
        return new Envelope(lon - dLon, lon + dLon, minLat, maxLat);
    }

    /**
     * Splits a box whose longitudes run past ±180, such as one from {@link #expandedEnvelope(Point, double)}, into one
     * or two boxes whose longitudes lie within [-180, 180]. A box that is already inside comes back alone; a box
     * spanning 360° or more comes back as -180..180.
     */
    public static List<Envelope> splitAtAntimeridian(Envelope box) {
        Objects.requireNonNull(box, "box");
        if (box.isNull()) {
            return List.of(box);
        }
        if (box.getWidth() >= 360) {
            return List.of(new Envelope(-180, 180, box.getMinY(), box.getMaxY()));
        }
        // Shift so that minX lies in [-180, 180); maxX then lies below 540.
        double shift = 360 * Math.floor((box.getMinX() + 180) / 360);
        double minX = box.getMinX() - shift;
        double maxX = box.getMaxX() - shift;
        if (maxX <= 180) {
            return List.of(new Envelope(minX, maxX, box.getMinY(), box.getMaxY()));
        }
        return List.of(
                new Envelope(minX, 180, box.getMinY(), box.getMaxY()),
                new Envelope(-180, maxX - 360, box.getMinY(), box.getMaxY()));
    }

    /**
     * Computes the initial bearing (forward azimuth) in degrees clockwise from true north, in [0, 360), of the shortest
     * geodesic on the WGS84 ellipsoid from the first point to the second: 0 due north, 90 due east. Agrees with PostGIS
     * {@code ST_Azimuth(a::geography, b::geography)} to 1e-7°. The bearing of a point from itself is undefined and returned as
     * 0; between nearly antipodal points, where the geodesic is not unique and Vincenty's method does not converge,
     * the great-circle bearing on the sphere is returned.
     *
     * @throws IllegalArgumentException if a latitude is outside [-90, 90] or a coordinate is not finite
     */
    public static double initialBearingDegrees(double lon1, double lat1, double lon2, double lat2) {
        checkCoordinate(lon1, lat1, "first point");
        checkCoordinate(lon2, lat2, "second point");
        double l = Math.toRadians(normalizeLongitude(lon2 - lon1));
        double u1 = Math.atan2((1 - WGS84_F) * Math.sin(Math.toRadians(lat1)), Math.cos(Math.toRadians(lat1)));
        double u2 = Math.atan2((1 - WGS84_F) * Math.sin(Math.toRadians(lat2)), Math.cos(Math.toRadians(lat2)));
        double sinU1 = Math.sin(u1);
        double cosU1 = Math.cos(u1);
        double sinU2 = Math.sin(u2);
        double cosU2 = Math.cos(u2);
        double lambda = l;
        boolean converged = false;
        // The same iteration as the distance (Vincenty 1975), kept to the longitude difference on the auxiliary sphere.
        for (int i = 0; i < VINCENTY_MAX_ITERATIONS; i++) {
            double sinLambda = Math.sin(lambda);
            double cosLambda = Math.cos(lambda);
            double t1 = cosU2 * sinLambda;
            double t2 = cosU1 * sinU2 - sinU1 * cosU2 * cosLambda;
            double sinSigma = Math.sqrt(t1 * t1 + t2 * t2);
            double cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
            if (sinSigma == 0) {
                if (cosSigma > 0) {
                    return 0; // the same point
                }
                break; // exactly antipodal
            }
            double sigma = Math.atan2(sinSigma, cosSigma);
            double sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma;
            double cos2Alpha = 1 - sinAlpha * sinAlpha;
            double cos2SigmaM = cos2Alpha == 0 ? 0 : cosSigma - 2 * sinU1 * sinU2 / cos2Alpha;
            double c = WGS84_F / 16 * cos2Alpha * (4 + WGS84_F * (4 - 3 * cos2Alpha));
            double previous = lambda;
            lambda = l
                    + (1 - c)
                            * WGS84_F
                            * sinAlpha
                            * (sigma + c * sinSigma * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
            if (Math.abs(lambda) > Math.PI) {
                break;
            }
            if (Math.abs(lambda - previous) <= 1e-12) {
                converged = true;
                break;
            }
        }
        double bearing;
        if (converged) {
            bearing = Math.atan2(cosU2 * Math.sin(lambda), cosU1 * sinU2 - sinU1 * cosU2 * Math.cos(lambda));
        } else {
            double phi1 = Math.toRadians(lat1);
            double phi2 = Math.toRadians(lat2);
            bearing = Math.atan2(
                    Math.sin(l) * Math.cos(phi2),
                    Math.cos(phi1) * Math.sin(phi2) - Math.sin(phi1) * Math.cos(phi2) * Math.cos(l));
        }
        double degrees = Math.toDegrees(bearing) + 0.0; // + 0.0 turns -0.0 into 0.0
        degrees = degrees < 0 ? degrees + 360 : degrees;
        return degrees >= 360 ? 0 : degrees; // a bearing a rounding below 0 lands on 360
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Point to point

    /** Computes the geodesic distance in metres; coordinates have been checked. */
    static double inverse(double lon1, double lat1, double lon2, double lat2) {
        double d = vincenty(lon1, lat1, lon2, lat2);
        return Double.isNaN(d) ? byMidpointSearch(lon1, lat1, lon2, lat2) : d;
    }

    /**
     * Computes the geodesic distance with Vincenty's inverse formula (Survey Review 23(176), 1975), iterating on the
     * longitude difference on the auxiliary sphere until it changes by less than 1e-12 rad (a few micrometres).
     * Returns NaN when the iteration does not converge, which happens only for nearly antipodal points.
     */
    private static double vincenty(double lon1, double lat1, double lon2, double lat2) {
        double l = Math.toRadians(normalizeLongitude(lon2 - lon1));
        // Reduced latitudes via atan2, which stays exact at the poles where tan() would overflow.
        double u1 = Math.atan2((1 - WGS84_F) * Math.sin(Math.toRadians(lat1)), Math.cos(Math.toRadians(lat1)));
        double u2 = Math.atan2((1 - WGS84_F) * Math.sin(Math.toRadians(lat2)), Math.cos(Math.toRadians(lat2)));
        double sinU1 = Math.sin(u1);
        double cosU1 = Math.cos(u1);
        double sinU2 = Math.sin(u2);
        double cosU2 = Math.cos(u2);

        double lambda = l;
        double sinSigma;
        double cosSigma;
        double sigma;
        double cos2Alpha;
        double cos2SigmaM;
        for (int i = 0; ; i++) {
            double sinLambda = Math.sin(lambda);
            double cosLambda = Math.cos(lambda);
            double t1 = cosU2 * sinLambda;
            double t2 = cosU1 * sinU2 - sinU1 * cosU2 * cosLambda;
            sinSigma = Math.sqrt(t1 * t1 + t2 * t2);
            cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
            if (sinSigma == 0) {
                // Coincident points; exactly antipodal ones land here too and need the fallback.
                return cosSigma > 0 ? 0 : Double.NaN;
            }
            sigma = Math.atan2(sinSigma, cosSigma);
            double sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma;
            cos2Alpha = 1 - sinAlpha * sinAlpha;
            // On the equator cos²α is 0 and the term is undefined; its limit is 0.
            cos2SigmaM = cos2Alpha == 0 ? 0 : cosSigma - 2 * sinU1 * sinU2 / cos2Alpha;
            double c = WGS84_F / 16 * cos2Alpha * (4 + WGS84_F * (4 - 3 * cos2Alpha));
            double previous = lambda;
            lambda = l
                    + (1 - c)
                            * WGS84_F
                            * sinAlpha
                            * (sigma + c * sinSigma * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
            if (Math.abs(lambda) > Math.PI || i >= VINCENTY_MAX_ITERATIONS) {
                return Double.NaN;
            }
            if (Math.abs(lambda - previous) <= 1e-12) {
                break;
            }
        }
        double uSq = cos2Alpha * EP2;
        double bigA = 1 + uSq / 16384 * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)));
        double bigB = uSq / 1024 * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)));
        double deltaSigma = bigB
                * sinSigma
                * (cos2SigmaM
                        + bigB
                                / 4
                                * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)
                                        - bigB
                                                / 6
                                                * cos2SigmaM
                                                * (-3 + 4 * sinSigma * sinSigma)
                                                * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
        return B * bigA * (sigma - deltaSigma);
    }

    /**
     * Computes the geodesic distance between nearly antipodal points as the shortest path through a free midpoint M:
     * {@code min over M of d(P, M) + d(M, Q)}, which equals d(P, Q) for any M on a shortest geodesic. Both halves are
     * about a quarter of the globe long, where Vincenty converges. A pattern search in the tangent plane at M, started
     * from the spherical midpoint, both poles and the two points a quarter turn from P and Q, finds the minimum; its
     * value is insensitive to where along the geodesic M ends, and a metre of sideways error costs well under a
     * micrometre of length. Slow (a few thousand Vincenty solutions), but only reached for nearly antipodal pairs.
     */
    private static double byMidpointSearch(double lon1, double lat1, double lon2, double lat2) {
        double[] p = unitVector(lon1, lat1);
        double[] q = unitVector(lon2, lat2);
        double[] cross = {p[1] * q[2] - p[2] * q[1], p[2] * q[0] - p[0] * q[2], p[0] * q[1] - p[1] * q[0]};
        double[][] starts = {
            {p[0] + q[0], p[1] + q[1], p[2] + q[2]}, {0, 0, 1}, {0, 0, -1}, cross, {-cross[0], -cross[1], -cross[2]}
        };
        double best = Double.POSITIVE_INFINITY;
        for (double[] start : starts) {
            double norm = Math.sqrt(start[0] * start[0] + start[1] * start[1] + start[2] * start[2]);
            if (norm < 1e-9) {
                continue; // no usable direction (e.g. the midpoint of exact antipodes)
            }
            double[] m = {start[0] / norm, start[1] / norm, start[2] / norm};
            best = Math.min(best, minimiseThroughMidpoint(lon1, lat1, lon2, lat2, m));
        }
        if (Double.isInfinite(best)) {
            throw new IllegalStateException(
                    "no geodesic found between (" + lon1 + " " + lat1 + ") and (" + lon2 + " " + lat2 + ")");
        }
        return best;
    }

    private static double minimiseThroughMidpoint(double lon1, double lat1, double lon2, double lat2, double[] m) {
        double value = pathThrough(lon1, lat1, lon2, lat2, m);
        double[] trial = new double[3];
        double[] e1 = new double[3];
        double[] e2 = new double[3];
        // Step in radians on the unit sphere: from about 600 km down to under a millimetre.
        for (double step = 0.1; step > 1e-10; ) {
            tangentBasis(m, e1, e2);
            boolean moved = false;
            for (int k = 0; k < 4 && !moved; k++) {
                double[] e = k < 2 ? e1 : e2;
                double sign = (k & 1) == 0 ? 1 : -1;
                for (int j = 0; j < 3; j++) {
                    trial[j] = m[j] + sign * step * e[j];
                }
                normalize(trial);
                double v = pathThrough(lon1, lat1, lon2, lat2, trial);
                if (v < value) {
                    value = v;
                    System.arraycopy(trial, 0, m, 0, 3);
                    moved = true;
                }
            }
            if (!moved) {
                step /= 2;
            }
        }
        return value;
    }

    private static double pathThrough(double lon1, double lat1, double lon2, double lat2, double[] m) {
        double mLat = Math.toDegrees(Math.atan2(m[2], Math.sqrt(m[0] * m[0] + m[1] * m[1])));
        double mLon = Math.toDegrees(Math.atan2(m[1], m[0]));
        double first = vincenty(lon1, lat1, mLon, mLat);
        double second = vincenty(mLon, mLat, lon2, lat2);
        double sum = first + second;
        return Double.isNaN(sum) ? Double.POSITIVE_INFINITY : sum;
    }

    private static void tangentBasis(double[] m, double[] east, double[] north) {
        // east = z × m, or x × m at the poles where z × m vanishes
        east[0] = -m[1];
        east[1] = m[0];
        east[2] = 0;
        if (east[0] * east[0] + east[1] * east[1] < 1e-12) {
            east[0] = 0;
            east[1] = -m[2];
            east[2] = m[1];
        }
        normalize(east);
        north[0] = m[1] * east[2] - m[2] * east[1];
        north[1] = m[2] * east[0] - m[0] * east[2];
        north[2] = m[0] * east[1] - m[1] * east[0];
    }

    private static void normalize(double[] v) {
        double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        v[0] /= n;
        v[1] /= n;
        v[2] /= n;
    }

    private static double[] unitVector(double lon, double lat) {
        double phi = Math.toRadians(lat);
        double lambda = Math.toRadians(lon);
        return new double[] {Math.cos(phi) * Math.cos(lambda), Math.cos(phi) * Math.sin(lambda), Math.sin(phi)};
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Bounds

    /** Returns how many degrees of latitude a path of {@code metres} can cover at most, anywhere on the ellipsoid. */
    private static double latitudeReachDegrees(double metres) {
        return Math.toDegrees(metres / MIN_RADIUS);
    }

    /**
     * Returns how many degrees of longitude a path of {@code metres} starting at latitude {@code lat} can cover at most,
     * or infinity when it can reach a pole. Along such a path |latitude| stays below {@code |lat| + reach}, where a
     * degree of longitude is at least {@code a·cos(latitude)} long (the prime-vertical radius is never below a).
     */
    private static double longitudeReachDegrees(double lat, double metres) {
        double maxAbsLat = Math.abs(lat) + latitudeReachDegrees(metres);
        if (maxAbsLat >= 90) {
            return Double.POSITIVE_INFINITY;
        }
        double reach = Math.toDegrees(metres / (WGS84_A * Math.cos(Math.toRadians(maxAbsLat))));
        return reach >= 180 ? Double.POSITIVE_INFINITY : reach;
    }

    /**
     * Returns an upper bound, in degrees, on how far a great-circle arc spanning {@code deltaLonDegrees} of longitude
     * can bulge poleward beyond the latitude of its endpoints, or 90 when the arc is too long for the bound.
     *
     * <p>The arc's highest point V satisfies {@code tan φV ≤ tan φ / cos(δ/2)} with φ the higher endpoint latitude, since
     * one endpoint is within δ/2 of V in longitude. Then {@code φV − φ ≤ (1/cos(δ/2) − 1)·sin φ·cos φ ≤ δ²/(16(1 −
     * δ²/8))}. No trigonometry, because this runs once per edge.
     */
    private static double bulgeDegrees(double deltaLonDegrees) {
        double delta = Math.toRadians(Math.abs(deltaLonDegrees));
        if (delta > 1) {
            return 90;
        }
        double d2 = delta * delta;
        return Math.toDegrees(d2 / (16 * (1 - d2 / 8))) * (1 + BOX_MARGIN) + 1e-12;
    }

    private static boolean envelopeMayBeWithin(double lon, double lat, Envelope env, double metres) {
        double padded = metres * (1 + BOX_MARGIN) + 1e-9;
        double dLat = latitudeReachDegrees(padded);
        double width = env.getWidth();
        // Edges can only be as wide as the envelope, so this bounds how far they bulge beyond the vertices.
        double bulge = width >= 180 ? 90 : bulgeDegrees(width);
        if (env.getMinY() - bulge > lat + dLat || env.getMaxY() + bulge < lat - dLat) {
            return false;
        }
        double dLon = longitudeReachDegrees(lat, padded);
        if (Double.isInfinite(dLon) || width >= 180) {
            // An envelope this wide may hold edges across the antimeridian, which the planar envelope misplaces.
            return true;
        }
        return overlapsWrapped(env.getMinX() - lon, env.getMaxX() - lon, dLon);
    }

    /** Tests whether the longitude range [min, max], relative to the point, meets [-reach, reach] modulo 360. */
    private static boolean overlapsWrapped(double min, double max, double reach) {
        double shift = 360 * Math.floor((min + 180) / 360); // bring min into [-180, 180)
        min -= shift;
        max -= shift;
        return (min <= reach && max >= -reach) || (min - 360 <= reach && max - 360 >= -reach);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Point to geometry

    /**
     * Searches the parts of a geometry for the one nearest to a point. Candidates whose lower bound exceeds the
     * threshold (the best distance so far, or the caller's limit) are skipped; the search stops once the best
     * distance is at or below {@code stopAt}.
     */
    private static final class Search {
        final double lon;
        final double lat;
        final double px;
        final double py;
        final double pz;
        final double tanLat;
        final double cap;
        final double stopAt;
        double best = Double.POSITIVE_INFINITY;
        double threshold;
        /** Half widths in degrees of the box in which a closer candidate can lie; infinite when unknown. */
        double reachLat = Double.POSITIVE_INFINITY;

        double reachLon = Double.POSITIVE_INFINITY;

        Search(double lon, double lat, double cap, double stopAt) {
            this.lon = normalizeLongitude(lon);
            this.lat = lat;
            double phi = Math.toRadians(lat);
            double lambda = Math.toRadians(this.lon);
            this.px = Math.cos(phi) * Math.cos(lambda);
            this.py = Math.cos(phi) * Math.sin(lambda);
            this.pz = Math.sin(phi);
            this.tanLat = Math.tan(phi);
            this.cap = cap;
            this.stopAt = stopAt;
            setThreshold(cap);
        }

        private void setThreshold(double t) {
            threshold = t;
            if (Double.isInfinite(t)) {
                return;
            }
            double padded = t * (1 + BOX_MARGIN) + 1e-9;
            reachLat = latitudeReachDegrees(padded);
            reachLon = longitudeReachDegrees(lat, padded);
        }

        boolean isDone() {
            return best <= stopAt;
        }

        void visit(Geometry g) {
            if (isDone() || g.isEmpty()) {
                return;
            }
            if (g instanceof Point point) {
                line(point.getCoordinateSequence()); // a sequence of one vertex and no edges
            } else if (g instanceof LineString line) {
                line(line.getCoordinateSequence());
            } else if (g instanceof Polygon polygon) {
                polygon(polygon);
            } else if (g instanceof GeometryCollection collection) {
                for (int i = 0; i < collection.getNumGeometries() && !isDone(); i++) {
                    visit(collection.getGeometryN(i));
                }
            } else {
                throw new IllegalArgumentException("unsupported geometry type " + g.getGeometryType());
            }
        }

        private void polygon(Polygon polygon) {
            line(polygon.getExteriorRing().getCoordinateSequence());
            for (int i = 0; i < polygon.getNumInteriorRing() && !isDone(); i++) {
                line(polygon.getInteriorRingN(i).getCoordinateSequence());
            }
            // The boundary is measured first: it often settles the search, and the area test costs a full pass.
            if (!isDone() && isInside(polygon)) {
                offer(0);
            }
        }

        private boolean isInside(Polygon polygon) {
            if (!isInsideRing(lon, lat, tanLat, polygon.getExteriorRing().getCoordinateSequence())) {
                return false;
            }
            for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
                if (isInsideRing(lon, lat, tanLat, polygon.getInteriorRingN(i).getCoordinateSequence())) {
                    return false;
                }
            }
            return true;
        }

        private void line(CoordinateSequence seq) {
            int n = seq.size();
            double aLon = 0;
            double aLat = 0;
            double ax = 0;
            double ay = 0;
            double az = 0;
            boolean aVector = false; // whether ax, ay, az hold the unit vector of the previous vertex
            for (int i = 0; i < n && !isDone(); i++) {
                double bLon = seq.getX(i);
                double bLat = seq.getY(i);
                checkCoordinate(bLon, bLat, "vertex");
                boolean bVector = false;
                double bx = 0;
                double by = 0;
                double bz = 0;
                if (mayBeNear(bLon, bLat)) {
                    double phi = Math.toRadians(bLat);
                    double lambda = Math.toRadians(bLon);
                    bx = Math.cos(phi) * Math.cos(lambda);
                    by = Math.cos(phi) * Math.sin(lambda);
                    bz = Math.sin(phi);
                    bVector = true;
                    double dot = px * bx + py * by + pz * bz;
                    double cx = py * bz - pz * by;
                    double cy = pz * bx - px * bz;
                    double cz = px * by - py * bx;
                    consider(Math.atan2(Math.sqrt(cx * cx + cy * cy + cz * cz), dot), bLon, bLat);
                }
                if (i > 0 && !isDone() && edgeMayBeNear(aLon, aLat, bLon, bLat)) {
                    if (!aVector) {
                        double phi = Math.toRadians(aLat);
                        double lambda = Math.toRadians(aLon);
                        ax = Math.cos(phi) * Math.cos(lambda);
                        ay = Math.cos(phi) * Math.sin(lambda);
                        az = Math.sin(phi);
                    }
                    if (!bVector) {
                        double phi = Math.toRadians(bLat);
                        double lambda = Math.toRadians(bLon);
                        bx = Math.cos(phi) * Math.cos(lambda);
                        by = Math.cos(phi) * Math.sin(lambda);
                        bz = Math.sin(phi);
                        bVector = true;
                    }
                    edgeInterior(ax, ay, az, bx, by, bz);
                }
                aLon = bLon;
                aLat = bLat;
                ax = bx;
                ay = by;
                az = bz;
                aVector = bVector;
            }
        }

        /**
         * Considers the foot of the perpendicular from the point to the great circle through a and b, if it lies
         * strictly between them; the endpoints are considered as vertices.
         */
        private void edgeInterior(double ax, double ay, double az, double bx, double by, double bz) {
            double nx = ay * bz - az * by;
            double ny = az * bx - ax * bz;
            double nz = ax * by - ay * bx;
            double nn = Math.sqrt(nx * nx + ny * ny + nz * nz);
            if (nn < 1e-15) {
                return; // a zero-length edge (or one between antipodes, which has no defined arc): its ends suffice
            }
            nx /= nn;
            ny /= nn;
            nz /= nn;
            double pn = px * nx + py * ny + pz * nz;
            double qx = px - pn * nx;
            double qy = py - pn * ny;
            double qz = pz - pn * nz;
            double qn = Math.sqrt(qx * qx + qy * qy + qz * qz);
            if (qn < 1e-15) {
                return; // the point is a pole of the edge's great circle: every point of it is equally far
            }
            // The foot q lies on the arc when a, q, b turn the same way around n: (a × q)·n ≥ 0 and (q × b)·n ≥ 0.
            double aq = (ay * qz - az * qy) * nx + (az * qx - ax * qz) * ny + (ax * qy - ay * qx) * nz;
            double qb = (qy * bz - qz * by) * nx + (qz * bx - qx * bz) * ny + (qx * by - qy * bx) * nz;
            if (aq < 0 || qb < 0) {
                return;
            }
            double sigma = Math.atan2(Math.abs(pn), qn);
            if (MIN_RADIUS * sigma > threshold) {
                return;
            }
            double qLat = Math.toDegrees(Math.atan2(qz, Math.sqrt(qx * qx + qy * qy)));
            double qLon = Math.toDegrees(Math.atan2(qy, qx));
            consider(sigma, qLon, qLat);
        }

        /** Measures the candidate at spherical distance {@code sigma} on the ellipsoid, unless bounds settle it. */
        private void consider(double sigma, double qLon, double qLat) {
            if (MIN_RADIUS * sigma > threshold) {
                return;
            }
            if (MAX_RADIUS * sigma <= stopAt) {
                offer(MAX_RADIUS * sigma); // close enough whatever the exact figure; only isWithinDistance gets here
                return;
            }
            offer(inverse(lon, lat, qLon, qLat));
        }

        private void offer(double d) {
            if (d < best) {
                best = d;
                if (d < threshold) {
                    setThreshold(Math.min(d, cap));
                }
            }
        }

        /** Tests, without trigonometry, whether a vertex can be closer than the threshold. */
        private boolean mayBeNear(double vLon, double vLat) {
            if (Math.abs(vLat - lat) > reachLat) {
                return false;
            }
            if (Double.isInfinite(reachLon) || Math.abs(vLat) == 90) {
                return true;
            }
            return Math.abs(normalizeLongitude(vLon - lon)) <= reachLon;
        }

        /** Tests, without trigonometry, whether some point of the great-circle edge can be closer than the threshold. */
        private boolean edgeMayBeNear(double aLon, double aLat, double bLon, double bLat) {
            if (Double.isInfinite(reachLat)) {
                return true;
            }
            double dLon = normalizeLongitude(bLon - aLon);
            double bulge = Math.abs(dLon) == 180 ? 90 : bulgeDegrees(dLon);
            if (Math.min(aLat, bLat) - bulge > lat + reachLat || Math.max(aLat, bLat) + bulge < lat - reachLat) {
                return false;
            }
            if (Double.isInfinite(reachLon) || Math.abs(aLat) == 90 || Math.abs(bLat) == 90 || bulge == 90) {
                return true; // an edge through a pole spans every longitude
            }
            // Longitude along a great-circle arc is monotonic, so the arc stays between its ends' longitudes.
            double r1 = normalizeLongitude(aLon - lon);
            double r2 = r1 + dLon;
            return overlapsWrapped(Math.min(r1, r2), Math.max(r1, r2), reachLon);
        }
    }

    /**
     * Tests whether a point lies inside a ring whose edges are great-circle arcs, by counting the edges that cross the
     * meridian from the point to a pole that lies outside the ring. A point on the boundary may come out either way;
     * callers measure the boundary separately. Each edge costs a few additions; only crossing edges need trigonometry.
     */
    static boolean isInsideRing(double lon, double lat, double tanLat, CoordinateSequence ring) {
        int n = ring.size();
        if (n < 4) {
            return false;
        }
        boolean touchesNorth = false;
        boolean touchesSouth = false;
        double winding = 0;
        double latSum = 0;
        int crossingsNorth = 0;
        int crossingsSouth = 0;
        for (int i = 0; i < n - 1; i++) {
            double aLon = ring.getX(i);
            double aLat = ring.getY(i);
            double bLon = ring.getX(i + 1);
            double bLat = ring.getY(i + 1);
            latSum += aLat;
            touchesNorth |= aLat >= 90;
            touchesSouth |= aLat <= -90;
            if (Math.abs(aLat) >= 90 || Math.abs(bLat) >= 90) {
                // A meridian arc to a pole: the ray along the point's meridian cannot cross it away from the pole.
                continue;
            }
            double dLon = normalizeLongitude(bLon - aLon);
            winding += dLon;
            if (Math.abs(dLon) == 180) {
                continue; // the arc runs through a pole and has no defined side
            }
            double rA = normalizeLongitude(aLon - lon);
            double rB = rA + dLon;
            // Half-open rule: a vertex on the meridian counts as west, so a crossing at a vertex is counted once.
            if ((rA > 0) == (rB > 0)) {
                continue;
            }
            // Latitude of the arc where it meets the meridian: tan φ = (tan φA sin rB − tan φB sin rA) / sin Δλ.
            double t = (Math.tan(Math.toRadians(aLat)) * Math.sin(Math.toRadians(rB))
                            - Math.tan(Math.toRadians(bLat)) * Math.sin(Math.toRadians(rA)))
                    / Math.sin(Math.toRadians(dLon));
            if (t > tanLat) {
                crossingsNorth++;
            } else if (t < tanLat) {
                crossingsSouth++;
            }
        }
        boolean encircles = Math.abs(winding) > 180;
        boolean northInside = touchesNorth || (encircles && latSum > 0);
        boolean southInside = touchesSouth || (encircles && latSum <= 0);
        if (!northInside) {
            return (crossingsNorth & 1) == 1;
        }
        if (!southInside) {
            return (crossingsSouth & 1) == 1;
        }
        // Both poles inside (a whole-world box, say): no pole to aim at, so fall back to the lon/lat plane.
        return RayCrossingCounter.locatePointInRing(new Coordinate(lon, lat), ring) != Location.EXTERIOR;
    }

    private static boolean isAnyVertexWithinDistance(Geometry from, Geometry to, double metres) {
        Envelope toEnvelope = to.getEnvelopeInternal();
        for (int i = 0; i < from.getNumGeometries(); i++) {
            Geometry part = from.getGeometryN(i);
            if (part instanceof Polygon polygon) {
                if (isAnyVertexWithinDistance(
                        polygon.getExteriorRing().getCoordinateSequence(), to, toEnvelope, metres)) {
                    return true;
                }
                for (int r = 0; r < polygon.getNumInteriorRing(); r++) {
                    if (isAnyVertexWithinDistance(
                            polygon.getInteriorRingN(r).getCoordinateSequence(), to, toEnvelope, metres)) {
                        return true;
                    }
                }
            } else if (part instanceof LineString line) {
                if (isAnyVertexWithinDistance(line.getCoordinateSequence(), to, toEnvelope, metres)) {
                    return true;
                }
            } else if (part instanceof Point point) {
                if (!point.isEmpty()
                        && isAnyVertexWithinDistance(point.getCoordinateSequence(), to, toEnvelope, metres)) {
                    return true;
                }
            } else if (part instanceof GeometryCollection nested && isAnyVertexWithinDistance(nested, to, metres)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAnyVertexWithinDistance(
            CoordinateSequence seq, Geometry to, Envelope toEnvelope, double metres) {
        for (int i = 0; i < seq.size(); i++) {
            double vLon = seq.getX(i);
            double vLat = seq.getY(i);
            checkCoordinate(vLon, vLat, "vertex");
            if (!envelopeMayBeWithin(vLon, vLat, toEnvelope, metres)) {
                continue;
            }
            Search search = new Search(vLon, vLat, metres, metres);
            search.visit(to);
            if (search.best <= metres) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Checks and helpers

    /** Maps a longitude or a longitude difference to (-180, 180]. */
    static double normalizeLongitude(double lon) {
        double r = lon % 360;
        if (r > 180) {
            r -= 360;
        } else if (r <= -180) {
            r += 360;
        }
        return r;
    }

    private static void checkCoordinate(double lon, double lat, String what) {
        if (!Double.isFinite(lon) || !(lat >= -90 && lat <= 90)) { // the negation also rejects NaN
            throw new IllegalArgumentException(
                    what + " (" + lon + " " + lat + ") is not a longitude and a latitude within [-90, 90]");
        }
    }

    private static void checkPoint(Point p) {
        checkSrid(p);
        if (p.isEmpty()) {
            throw new IllegalArgumentException("the point is empty");
        }
    }

    private static void checkGeometry(Geometry g) {
        Objects.requireNonNull(g, "geometry");
        checkSrid(g);
        if (g.isEmpty()) {
            throw new IllegalArgumentException("cannot measure a distance to an empty " + g.getGeometryType());
        }
        // The envelope is cached by JTS, so this catches a bad vertex even when the fast rejection skips the vertices.
        Envelope env = g.getEnvelopeInternal();
        if (!(env.getMinY() >= -90 && env.getMaxY() <= 90) || !Double.isFinite(env.getWidth())) {
            throw new IllegalArgumentException("the " + g.getGeometryType() + " has coordinates outside longitude and"
                    + " latitude ranges: its envelope is " + env);
        }
    }

    private static void checkSrid(Geometry g) {
        int srid = g.getSRID();
        if (srid != 0 && srid != 4326) {
            throw new IllegalArgumentException("expected EPSG:4326 longitude/latitude, but the SRID is " + srid);
        }
    }

    private static void checkMetres(double metres) {
        if (!(metres >= 0)) { // the negation also rejects NaN
            throw new IllegalArgumentException("metres must be >= 0, was " + metres);
        }
    }
}
