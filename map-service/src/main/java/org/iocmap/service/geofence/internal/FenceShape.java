package org.iocmap.service.geofence.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.iocmap.service.geofence.Direction;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Holds one fence geometry prepared for the questions the engine asks at every fix: does the fence cover this
 * position, and where does this arc cross the fence's edges, in which direction.
 *
 * <p>Coordinates are EPSG:4326 degrees, x = longitude. Edges are great-circle arcs, as in
 * {@code org.iocmap.layers.query.geo.Geodesic} and PostGIS {@code geography}, so a long straight edge of a maritime
 * boundary is the same line here as in a {@code geography} query. A position on an edge or a vertex (within about
 * 6 mm) is covered. Fences crossing the antimeridian or holding a pole are not supported.
 *
 * <p>Crossings are found with the edges' own great circles, coverage by counting the edges crossed by the meridian
 * from the position to the north pole; both read the same edges, so they agree except within rounding of an edge.
 * Callers that need them to agree exactly (the engine does) check the coverage of the arc's end.
 *
 * <p>Immutable and thread-safe. Edges are indexed by an STR-tree when there are more than a few, so a boundary of
 * thousands of vertices costs a tree descent per question, not a pass over every edge.
 */
public final class FenceShape {
    /** Angular distance under which a position counts as on an edge: 1e-9 rad, about 6 mm. */
    private static final double ON_EDGE_RADIANS = 1e-9;

    private static final double ON_EDGE_DEGREES = Math.toDegrees(ON_EDGE_RADIANS) * 2;
    private static final int TREE_THRESHOLD = 16;

    /** Slack at the ends of arcs and edges, radians (about 6 nm): more than rounding, far less than any distance. */
    private static final double END_TOLERANCE = 1e-15;

    private final boolean area;
    private final int size;
    private final double[] ax;
    private final double[] ay;
    private final double[] az;
    private final double[] bx;
    private final double[] by;
    private final double[] bz;
    private final double[] aLon;
    private final double[] aLat;
    private final double[] bLon;
    private final double[] bLat;
    private final double[] tanALat;
    private final double[] tanBLat;
    private final Envelope[] edgeEnvelopes;
    /** Areas: whether the fence's inside lies left of the edge. Lines: unused. */
    private final boolean[] insideOnLeft;

    private final Envelope envelope;
    private final STRtree tree;

    private FenceShape(boolean area, List<double[]> edges, List<Boolean> leftFlags) {
        this.area = area;
        this.size = edges.size();
        ax = new double[size];
        ay = new double[size];
        az = new double[size];
        bx = new double[size];
        by = new double[size];
        bz = new double[size];
        aLon = new double[size];
        aLat = new double[size];
        bLon = new double[size];
        bLat = new double[size];
        tanALat = new double[size];
        tanBLat = new double[size];
        edgeEnvelopes = new Envelope[size];
        insideOnLeft = new boolean[size];
        Envelope all = new Envelope();
        for (int i = 0; i < size; i++) {
            double[] e = edges.get(i);
            aLon[i] = e[0];
            aLat[i] = e[1];
            bLon[i] = e[2];
            bLat[i] = e[3];
            double phiA = Math.toRadians(aLat[i]);
            double lambdaA = Math.toRadians(aLon[i]);
            double phiB = Math.toRadians(bLat[i]);
            double lambdaB = Math.toRadians(bLon[i]);
            ax[i] = Math.cos(phiA) * Math.cos(lambdaA);
            ay[i] = Math.cos(phiA) * Math.sin(lambdaA);
            az[i] = Math.sin(phiA);
            bx[i] = Math.cos(phiB) * Math.cos(lambdaB);
            by[i] = Math.cos(phiB) * Math.sin(lambdaB);
            bz[i] = Math.sin(phiB);
            tanALat[i] = Math.tan(phiA);
            tanBLat[i] = Math.tan(phiB);
            double[] lat = Arc.latitudeRange(ax[i], ay[i], az[i], bx[i], by[i], bz[i], aLat[i], bLat[i]);
            edgeEnvelopes[i] = new Envelope(Math.min(aLon[i], bLon[i]), Math.max(aLon[i], bLon[i]), lat[0], lat[1]);
            all.expandToInclude(edgeEnvelopes[i]);
            insideOnLeft[i] = leftFlags.get(i);
        }
        this.envelope = all;
        if (size > TREE_THRESHOLD) {
            STRtree t = new STRtree();
            for (int i = 0; i < size; i++) {
                t.insert(edgeEnvelopes[i], i);
            }
            t.build(); // build now, so that concurrent queries never trigger it
            this.tree = t;
        } else {
            this.tree = null;
        }
    }

    /**
     * Prepares a polygon or multipolygon (an area fence) or a line or multiline (a line fence). Zero-length edges are
     * dropped. The geometry is not validated here: callers check it first.
     *
     * @throws IllegalArgumentException for any other geometry type
     */
    public static FenceShape of(Geometry geometry) {
        List<double[]> edges = new ArrayList<>();
        List<Boolean> left = new ArrayList<>();
        boolean area;
        String type = geometry.getGeometryType();
        if (type.equals("Polygon") || type.equals("MultiPolygon")) {
            area = true;
            for (int i = 0; i < geometry.getNumGeometries(); i++) {
                Polygon polygon = (Polygon) geometry.getGeometryN(i);
                addRing(polygon.getExteriorRing().getCoordinateSequence(), true, edges, left);
                for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
                    addRing(polygon.getInteriorRingN(h).getCoordinateSequence(), false, edges, left);
                }
            }
        } else if (type.equals("LineString") || type.equals("MultiLineString") || type.equals("LinearRing")) {
            area = false;
            for (int i = 0; i < geometry.getNumGeometries(); i++) {
                CoordinateSequence seq = ((LineString) geometry.getGeometryN(i)).getCoordinateSequence();
                int first = edges.size();
                addEdges(seq, edges);
                for (int e = first; e < edges.size(); e++) {
                    left.add(false);
                }
            }
        } else {
            throw new IllegalArgumentException(
                    "a fence is a polygon, multipolygon, line or multiline, not a " + geometry.getGeometryType());
        }
        return new FenceShape(area, edges, left);
    }

    private static void addRing(CoordinateSequence ring, boolean exterior, List<double[]> edges, List<Boolean> left) {
        // Inside lies left of a counter-clockwise shell and right of a counter-clockwise hole (seen in lon/lat, which
        // for a ring away from the poles and the antimeridian turns the same way as on the sphere).
        boolean insideLeft = exterior == Orientation.isCCW(ring);
        int first = edges.size();
        addEdges(ring, edges);
        for (int e = first; e < edges.size(); e++) {
            left.add(insideLeft);
        }
    }

    private static void addEdges(CoordinateSequence seq, List<double[]> edges) {
        for (int i = 0; i + 1 < seq.size(); i++) {
            double x0 = seq.getX(i);
            double y0 = seq.getY(i);
            double x1 = seq.getX(i + 1);
            double y1 = seq.getY(i + 1);
            if (x0 != x1 || y0 != y1) {
                edges.add(new double[] {x0, y0, x1, y1});
            }
        }
    }

    /** Tests whether this is an area (polygon) fence rather than a line fence. */
    public boolean isArea() {
        return area;
    }

    /** Returns the box holding every edge, great-circle bulges included. */
    public Envelope envelope() {
        return new Envelope(envelope);
    }

    /** Returns the number of edges. */
    public int edgeCount() {
        return size;
    }

    /**
     * Tests whether the area fence covers the position: inside, or on an edge or vertex (within about 6 mm). Always
     * false for a line fence.
     */
    public boolean covers(double lon, double lat) {
        if (!area
                || lon < envelope.getMinX() - ON_EDGE_DEGREES
                || lon > envelope.getMaxX() + ON_EDGE_DEGREES
                || lat < envelope.getMinY() - ON_EDGE_DEGREES
                || lat > envelope.getMaxY() + ON_EDGE_DEGREES) {
            return false;
        }
        double phi = Math.toRadians(lat);
        double lambda = Math.toRadians(lon);
        double px = Math.cos(phi) * Math.cos(lambda);
        double py = Math.cos(phi) * Math.sin(lambda);
        double pz = Math.sin(phi);
        // On an edge counts as inside (covers, not contains): a vessel on the boundary does not flap.
        Envelope near = new Envelope(
                lon - ON_EDGE_DEGREES, lon + ON_EDGE_DEGREES, lat - ON_EDGE_DEGREES, lat + ON_EDGE_DEGREES);
        boolean[] onEdge = {false};
        visit(near, i -> {
            if (!onEdge[0] && angleToEdge(i, px, py, pz) <= ON_EDGE_RADIANS) {
                onEdge[0] = true;
            }
        });
        if (onEdge[0]) {
            return true;
        }
        // Count the edges the meridian from the position north to the pole crosses; the pole is outside every fence.
        double tanLat = Math.tan(phi);
        int[] crossings = {0};
        visit(new Envelope(lon, lon, lat, Math.max(lat, envelope.getMaxY())), i -> {
            double rA = aLon[i] - lon;
            double rB = bLon[i] - lon;
            // Half-open rule: a vertex on the meridian counts as east, so a crossing at a vertex is counted once.
            if ((rA > 0) == (rB > 0)) {
                return;
            }
            double dLon = bLon[i] - aLon[i];
            // Latitude of the edge's great circle at the meridian: tan φ = (tan φA sin rB − tan φB sin rA) / sin Δλ.
            double rARad = Math.toRadians(rA);
            double rBRad = Math.toRadians(rB);
            double t = (tanALat[i] * Math.sin(rBRad) - tanBLat[i] * Math.sin(rARad)) / Math.sin(Math.toRadians(dLon));
            if (t > tanLat) {
                crossings[0]++;
            }
        });
        return (crossings[0] & 1) == 1;
    }

    /**
     * Finds where {@code arc} crosses the fence's edges, in order along the arc. For an area fence each crossing is
     * {@link Direction#INBOUND} or {@link Direction#OUTBOUND}; for a line fence {@link Direction#LEFT_TO_RIGHT} or
     * {@link Direction#RIGHT_TO_LEFT} relative to the direction the line is drawn in. An arc through a vertex gives
     * a crossing on each edge that meets there; an arc running along an edge gives none for that edge. Empty when the arc is degenerate.
     */
    public List<Crossing> crossings(Arc arc) {
        if (arc.isDegenerate()) {
            return List.of();
        }
        Envelope box = arc.envelope();
        if (!box.intersects(envelope)) {
            return List.of();
        }
        double n1 = Math.sqrt(arc.nx * arc.nx + arc.ny * arc.ny + arc.nz * arc.nz);
        List<Crossing> found = new ArrayList<>(2);
        visit(box, i -> {
            Crossing c = crossing(arc, n1, i);
            if (c != null) {
                found.add(c);
            }
        });
        if (found.size() > 1) {
            found.sort(Comparator.comparingDouble(Crossing::fraction));
        }
        return found;
    }

    private Crossing crossing(Arc arc, double n1Length, int i) {
        // Unit normal of the edge's great circle; its left side (walking a → b, seen from outside) is where v·m > 0.
        double mx = ay[i] * bz[i] - az[i] * by[i];
        double my = az[i] * bx[i] - ax[i] * bz[i];
        double mz = ax[i] * by[i] - ay[i] * bx[i];
        double m = Math.sqrt(mx * mx + my * my + mz * mz);
        mx /= m;
        my /= m;
        mz /= m;
        double nx = arc.nx / n1Length;
        double ny = arc.ny / n1Length;
        double nz = arc.nz / n1Length;
        // The two great circles meet at ±d, d = n1 × n2.
        double dx = ny * mz - nz * my;
        double dy = nz * mx - nx * mz;
        double dz = nx * my - ny * mx;
        double d = Math.sqrt(dx * dx + dy * dy + dz * dz);
        if (d <= 1e-12) {
            return null; // the arc runs along the edge's great circle: no single crossing point
        }
        dx /= d;
        dy /= d;
        dz /= d;
        // Of the two intersections take the one on the arc's side of the sphere.
        boolean flipped = dx * (arc.px + arc.qx) + dy * (arc.py + arc.qy) + dz * (arc.pz + arc.qz) < 0;
        if (flipped) {
            dx = -dx;
            dy = -dy;
            dz = -dz;
        }
        // Ends are included with a few nanometres to spare, so an arc through a vertex meets both edges there rather
        // than slipping between them; the engine ignores a second crossing in the direction it already took.
        if (!isWithin(arc.px, arc.py, arc.pz, arc.qx, arc.qy, arc.qz, nx, ny, nz, dx, dy, dz)
                || !isWithin(ax[i], ay[i], az[i], bx[i], by[i], bz[i], mx, my, mz, dx, dy, dz)) {
            return null;
        }
        // Direction of travel at the crossing is n1 × x; it points to the edge's left when (n1 × x)·n2 > 0, which
        // for x = +d is −|d| (rightwards) and for x = −d is +|d| (leftwards).
        boolean leftwards = flipped;
        Direction direction = area
                ? (leftwards == insideOnLeft[i] ? Direction.INBOUND : Direction.OUTBOUND)
                : (leftwards ? Direction.RIGHT_TO_LEFT : Direction.LEFT_TO_RIGHT);
        double[] lonLat = Arc.toLonLat(dx, dy, dz);
        return new Crossing(arc.fractionAt(dx, dy, dz), lonLat[0], lonLat[1], direction);
    }

    /** Tests whether unit vector v on the great circle of unit vectors a and b (unit normal n) lies between them. */
    private static boolean isWithin(
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
        return av >= -END_TOLERANCE && vb >= -END_TOLERANCE;
    }

    /** Returns the angle in radians from unit vector p to edge i, its ends included. */
    private double angleToEdge(int i, double px, double py, double pz) {
        double mx = ay[i] * bz[i] - az[i] * by[i];
        double my = az[i] * bx[i] - ax[i] * bz[i];
        double mz = ax[i] * by[i] - ay[i] * bx[i];
        double m = Math.sqrt(mx * mx + my * my + mz * mz);
        double best = Math.min(angle(px, py, pz, ax[i], ay[i], az[i]), angle(px, py, pz, bx[i], by[i], bz[i]));
        if (m < 1e-15) {
            return best;
        }
        mx /= m;
        my /= m;
        mz /= m;
        double pn = px * mx + py * my + pz * mz;
        double fx = px - pn * mx;
        double fy = py - pn * my;
        double fz = pz - pn * mz;
        if (Arc.isOnArc(ax[i], ay[i], az[i], bx[i], by[i], bz[i], mx, my, mz, fx, fy, fz)) {
            best = Math.min(best, Math.asin(Math.min(1, Math.abs(pn))));
        }
        return best;
    }

    private static double angle(double x1, double y1, double z1, double x2, double y2, double z2) {
        double cx = y1 * z2 - z1 * y2;
        double cy = z1 * x2 - x1 * z2;
        double cz = x1 * y2 - y1 * x2;
        return Math.atan2(Math.sqrt(cx * cx + cy * cy + cz * cz), x1 * x2 + y1 * y2 + z1 * z2);
    }

    private interface EdgeVisitor {
        void visit(int edge);
    }

    private void visit(Envelope box, EdgeVisitor visitor) {
        if (tree == null) {
            for (int i = 0; i < size; i++) {
                if (edgeEnvelopes[i].intersects(box)) {
                    visitor.visit(i);
                }
            }
        } else {
            tree.query(box, item -> visitor.visit((Integer) item));
        }
    }

    /**
     * Holds one crossing of an arc with a fence edge.
     *
     * @param fraction where along the arc, 0 to 1, as a fraction of its great-circle length
     * @param lon longitude of the crossing point, degrees
     * @param lat latitude of the crossing point, degrees
     * @param direction inbound or outbound for an area fence, left-to-right or right-to-left for a line fence
     */
    public record Crossing(double fraction, double lon, double lat, Direction direction) {}
}
