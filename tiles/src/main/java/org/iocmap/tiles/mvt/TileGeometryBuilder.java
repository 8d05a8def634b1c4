package org.iocmap.tiles.mvt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.iocmap.tiles.grid.TileCoord;
import org.iocmap.tiles.grid.WebMercator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.TopologyException;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.precision.GeometryPrecisionReducer;

/**
 * Turns a longitude/latitude geometry into the integer geometry of one tile, step for step as PostGIS 3.3 (built with
 * Wagyu, as Debian's is) does in {@code ST_AsMVTGeom(ST_Transform(geom, 3857), ST_TileEnvelope(z, x, y), extent,
 * buffer, true)}, so that tiles made here and tiles made by the database agree:
 *
 * <ol>
 *   <li>project to Web Mercator and scale to tile coordinates (y down), then round every vertex to the nearest integer,
 *       ties to even, dropping repeated points;
 *   <li>drop points lying on the straight segment between their neighbours, lines left with fewer than 2 points and
 *       rings left with fewer than 3;
 *   <li>clip to the tile grown by {@code buffer} on every side (the box): a point is kept when inside or on the box,
 *       but the points of a multipoint reaching past the box only when strictly inside; lines are cut where they leave
 *       the box, and stretches running along its edge are dropped; polygon rings are cut to the box's x range, then to
 *       its y range, with the new points truncated toward zero;
 *   <li>snap-round polygons (a segment passing within half a unit of another vertex is bent through it), drop spikes,
 *       repair what is still invalid (a ring cut into pieces that touch, a hole cut open by the edge), drop rings of
 *       zero area, and wind exterior rings positive and holes negative by the surveyor's formula in tile coordinates,
 *       as vector tile specification 2.1 section 4.3.4.4 requires.
 * </ol>
 *
 * <p>The result matches PostGIS's to within one tile unit per coordinate. Only polygons a few units across, with more
 * vertices than units, can differ in how their sub-unit details are drawn (which of two touching rings is split off, for
 * instance); their outlines still lie within one unit of PostGIS's. A geometry collection keeps only its parts of the
 * highest dimension, as in PostGIS.
 *
 * <p>Thread-safe: instances hold only immutable tile parameters.
 */
final class TileGeometryBuilder {
    private static final PrecisionModel WHOLE_UNITS = new PrecisionModel(1.0);

    private final double scaleX;
    private final double offsetX;
    private final double scaleY;
    private final double offsetY;
    /** The clip box is [min, max] on both axes: the tile grown by the buffer. */
    private final long min;

    private final long max;
    private final GeometryFactory factory = new GeometryFactory();

    TileGeometryBuilder(TileCoord tile, int extent, int buffer) {
        Envelope bounds = WebMercator.boundsMetres(tile);
        // The same affine transform, term for term, as ST_AsMVTGeom, so that both round the same doubles.
        scaleX = extent / bounds.getWidth();
        scaleY = -(extent / bounds.getHeight());
        offsetX = -bounds.getMinX() * scaleX;
        offsetY = -bounds.getMaxY() * scaleY;
        min = -buffer;
        max = (long) extent + buffer;
    }

    /**
     * Returns the tile geometry of {@code lonLat} (EPSG:4326, x = longitude); empty when nothing of it is left in the
     * buffered tile, or when a polygon cannot be repaired (PostGIS drops those too).
     *
     * @throws IllegalArgumentException when a coordinate is outside ±180° longitude or ±90° latitude
     */
    Optional<TileGeometry> build(Geometry lonLat) {
        List<Geometry> parts = new ArrayList<>();
        int dimension = highestDimension(lonLat);
        collect(lonLat, dimension, parts);
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        return switch (dimension) {
            case 0 -> points(parts);
            case 1 -> lines(parts);
            default -> polygons(parts);
        };
    }

    // ---- points ----

    private Optional<TileGeometry> points(List<Geometry> points) {
        List<Long2> snapped = new ArrayList<>(points.size());
        for (Geometry g : points) {
            Coordinate c = ((Point) g).getCoordinate();
            snapped.add(new Long2(snapX(c), snapY(c)));
        }
        if (snapped.size() > 1) {
            // PostGIS removes repeated points of a multipoint by sorting them (by x, then y) and dropping duplicates,
            // so its points come out in that order.
            snapped = new ArrayList<>(new TreeSet<>(snapped));
        }
        int n = 0;
        long[] xy = new long[snapped.size() * 2];
        for (Long2 p : snapped) {
            xy[n++] = p.x();
            xy[n++] = p.y();
        }
        boolean allInside = true;
        for (int i = 0; i < n; i += 2) {
            allInside &= covers(xy[i], xy[i + 1]);
        }
        if (allInside) {
            return Optional.of(new TileGeometry(TileGeometry.Type.POINT, List.of(toInts(xy, n))));
        }
        // Partly outside: PostGIS clips with GEOS, which keeps only points strictly inside the box.
        long[] kept = new long[n];
        int k = 0;
        for (int i = 0; i < n; i += 2) {
            if (xy[i] > min && xy[i] < max && xy[i + 1] > min && xy[i + 1] < max) {
                kept[k++] = xy[i];
                kept[k++] = xy[i + 1];
            }
        }
        return k == 0
                ? Optional.empty()
                : Optional.of(new TileGeometry(TileGeometry.Type.POINT, List.of(toInts(kept, k))));
    }

    // ---- lines ----

    private Optional<TileGeometry> lines(List<Geometry> lines) {
        List<long[]> snapped = new ArrayList<>();
        long minX = Long.MAX_VALUE;
        long minY = Long.MAX_VALUE;
        long maxX = Long.MIN_VALUE;
        long maxY = Long.MIN_VALUE;
        for (Geometry g : lines) {
            long[] line = snap(((LineString) g).getCoordinateSequence(), false);
            if (line.length < 4) {
                continue; // a line of one point
            }
            line = dropStraightPoints(line);
            snapped.add(line);
            for (int i = 0; i < line.length; i += 2) {
                minX = Math.min(minX, line[i]);
                maxX = Math.max(maxX, line[i]);
                minY = Math.min(minY, line[i + 1]);
                maxY = Math.max(maxY, line[i + 1]);
            }
        }
        if (snapped.isEmpty() || maxX < min || minX > max || maxY < min || minY > max) {
            return Optional.empty();
        }
        List<int[]> parts = new ArrayList<>();
        if (minX >= min && maxX <= max && minY >= min && maxY <= max) {
            for (long[] line : snapped) {
                parts.add(toInts(line, line.length));
            }
        } else {
            for (long[] line : snapped) {
                clipLine(line, parts);
            }
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(new TileGeometry(TileGeometry.Type.LINESTRING, parts));
    }

    /**
     * Clips one line to the box and adds the pieces inside, rounded, to {@code out}. A stretch lying along the edge of
     * the box counts as outside, as in GEOS's rectangle clipping, which PostGIS uses for lines.
     */
    private void clipLine(long[] line, List<int[]> out) {
        double[] segment = new double[4];
        LongList current = null;
        for (int i = 0; i + 3 < line.length; i += 2) {
            segment[0] = line[i];
            segment[1] = line[i + 1];
            segment[2] = line[i + 2];
            segment[3] = line[i + 3];
            if (!clipSegment(segment) || runsAlongEdge(segment)) {
                current = flush(current, out);
                continue;
            }
            long x0 = Math.round(Math.rint(segment[0]));
            long y0 = Math.round(Math.rint(segment[1]));
            long x1 = Math.round(Math.rint(segment[2]));
            long y1 = Math.round(Math.rint(segment[3]));
            // A piece continues the current one only when this segment starts where the last one ended, inside.
            boolean continues =
                    current != null && segment[0] == line[i] && segment[1] == line[i + 1] && current.endsWith(x0, y0);
            if (!continues) {
                current = flush(current, out);
                current = new LongList();
                current.addPoint(x0, y0);
            }
            if (!current.endsWith(x1, y1)) {
                current.addPoint(x1, y1); // an intersection can round onto the point before it
            }
        }
        flush(current, out);
    }

    private static LongList flush(LongList part, List<int[]> out) {
        if (part != null && part.size() >= 4) {
            out.add(toInts(part.values(), part.size()));
        }
        return null;
    }

    /**
     * Clips the segment {@code x0, y0, x1, y1} in place to the closed box, one side at a time; returns false when
     * nothing of it is left or only one point.
     */
    private boolean clipSegment(double[] s) {
        for (int side = 0; side < 4; side++) {
            boolean in0 = inside(s[0], s[1], side);
            boolean in1 = inside(s[2], s[3], side);
            if (!in0 && !in1) {
                return false;
            }
            if (in0 != in1) {
                int out = in0 ? 2 : 0;
                int other = in0 ? 0 : 2;
                double bound = (side == 0 || side == 2) ? min : max;
                if (side < 2) {
                    // sides 0 and 1 bound x
                    double y = s[other + 1] + (bound - s[other]) * (s[out + 1] - s[other + 1]) / (s[out] - s[other]);
                    s[out] = bound;
                    s[out + 1] = y;
                } else {
                    double x = s[other] + (bound - s[other + 1]) * (s[out] - s[other]) / (s[out + 1] - s[other + 1]);
                    s[out] = x;
                    s[out + 1] = bound;
                }
            }
        }
        return s[0] != s[2] || s[1] != s[3];
    }

    /** Tests a point against one side of the closed box: 0 is x ≥ min, 1 is x ≤ max, 2 is y ≥ min, 3 is y ≤ max. */
    private boolean inside(double x, double y, int side) {
        return switch (side) {
            case 0 -> x >= min;
            case 1 -> x <= max;
            case 2 -> y >= min;
            default -> y <= max;
        };
    }

    private boolean runsAlongEdge(double[] s) {
        return (s[0] == s[2] && (s[0] == min || s[0] == max)) || (s[1] == s[3] && (s[1] == min || s[1] == max));
    }

    // ---- polygons ----

    private Optional<TileGeometry> polygons(List<Geometry> polygons) {
        // Each polygon as its rings (shell first), rounded, straightened and clipped.
        List<List<long[]>> clipped = new ArrayList<>();
        List<long[]> allRings = new ArrayList<>();
        for (Geometry g : polygons) {
            Polygon polygon = (Polygon) g;
            long[] shell = dropStraightPointsInRing(clipRing(prepareRing(polygon.getExteriorRing())));
            if (shell.length < 6) {
                continue; // a polygon without its exterior ring is gone, holes and all
            }
            List<long[]> rings = new ArrayList<>();
            rings.add(shell);
            for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
                long[] hole = dropStraightPointsInRing(clipRing(prepareRing(polygon.getInteriorRingN(i))));
                if (hole.length >= 6) {
                    rings.add(hole);
                }
            }
            clipped.add(rings);
            allRings.addAll(rings);
        }
        if (clipped.isEmpty()) {
            return Optional.empty();
        }
        PixelSnapper snapper = new PixelSnapper(allRings);
        List<Polygon> snapped = new ArrayList<>();
        for (List<long[]> rings : clipped) {
            long[] shell = dropSpikes(snapper.snap(rings.get(0)));
            if (shell.length < 6) {
                continue;
            }
            List<LinearRing> holes = new ArrayList<>();
            for (long[] hole : rings.subList(1, rings.size())) {
                long[] h = dropSpikes(snapper.snap(hole));
                if (h.length >= 6) {
                    holes.add(toRing(h));
                }
            }
            snapped.add(factory.createPolygon(toRing(shell), holes.toArray(LinearRing[]::new)));
        }
        if (snapped.isEmpty()) {
            return Optional.empty();
        }
        Geometry result =
                snapped.size() == 1 ? snapped.get(0) : factory.createMultiPolygon(snapped.toArray(Polygon[]::new));
        if (!IsValidOp.isValid(result)) {
            // Clipping each ring on its own leaves pieces joined along the box edge, and rounding can make rings
            // touch or cross: repair, then snap the repaired geometry back to whole tile units. Most polygons are
            // valid here and skip this, which is the expensive part.
            result = repair(result);
            if (result == null) {
                return Optional.empty();
            }
        }
        List<int[]> parts = new ArrayList<>();
        for (int i = 0; i < result.getNumGeometries(); i++) {
            if (result.getGeometryN(i) instanceof Polygon polygon && !polygon.isEmpty()) {
                addPolygon(polygon, parts);
            }
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(new TileGeometry(TileGeometry.Type.POLYGON, parts));
    }

    /** Returns a ring rounded to whole units, as an open ring without repeated points or points on straight runs. */
    private long[] prepareRing(LineString ring) {
        long[] snapped = snap(ring.getCoordinateSequence(), true);
        return snapped.length < 6 ? snapped : dropStraightPointsInRing(snapped);
    }

    private static Geometry repair(Geometry invalid) {
        try {
            Geometry fixed = GeometryFixer.fix(invalid);
            return GeometryPrecisionReducer.reduce(fixed, WHOLE_UNITS);
        } catch (TopologyException | IllegalArgumentException e) {
            return null; // as PostGIS does when its polygon clipper gives up: the feature is left out of the tile
        }
    }

    private void addPolygon(Polygon polygon, List<int[]> parts) {
        int[] shell = cleanRing(polygon.getExteriorRing());
        if (shell == null) {
            return;
        }
        parts.add(wind(shell, true));
        for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
            int[] hole = cleanRing(polygon.getInteriorRingN(i));
            if (hole != null) {
                parts.add(wind(hole, false));
            }
        }
    }

    /**
     * Returns a ring of a valid polygon as open integer coordinates without repeated points or spikes; null when fewer
     * than 3 points or no area is left.
     */
    private static int[] cleanRing(LineString ring) {
        CoordinateSequence seq = ring.getCoordinateSequence();
        int n = seq.size() - 1; // the last point repeats the first
        long[] open = new long[Math.max(0, n) * 2];
        for (int i = 0; i < n; i++) {
            open[2 * i] = Math.round(seq.getX(i)); // whole numbers already; round only drops the .0
            open[2 * i + 1] = Math.round(seq.getY(i));
        }
        long[] cleaned = dropSpikes(open);
        if (cleaned.length < 6 || twiceSignedArea(cleaned) == 0) {
            return null;
        }
        return toInts(cleaned, cleaned.length);
    }

    /**
     * Drops repeated points and spikes (a point the ring goes to and straight back from) from an open ring, round the
     * seam too. Points that snapping put on a straight run stay, as in Wagyu: such a point is often where another ring
     * touches this one.
     */
    static long[] dropSpikes(long[] ring) {
        LongList s = new LongList();
        for (int i = 0; i < ring.length; i += 2) {
            long x = ring[i];
            long y = ring[i + 1];
            if (s.size() >= 2 && s.x(-1) == x && s.y(-1) == y) {
                continue;
            }
            if (s.size() >= 4 && s.x(-2) == x && s.y(-2) == y) {
                s.removeLast(); // A, B, A: back to A
                continue;
            }
            s.addPoint(x, y);
        }
        long[] v = s.values();
        int start = 0;
        int end = s.size();
        boolean changed = true;
        while (changed && end - start >= 6) {
            changed = false;
            if (v[end - 2] == v[start] && v[end - 1] == v[start + 1]) {
                end -= 2; // the last point repeats the first
                changed = true;
            } else if (v[end - 4] == v[start] && v[end - 3] == v[start + 1]) {
                end -= 2; // …, A, B | A: a spike across the seam
                changed = true;
            } else if (v[end - 2] == v[start + 2] && v[end - 1] == v[start + 3]) {
                start += 2; // …, B | A, B: a spike at the first point
                changed = true;
            }
        }
        return end - start < 6 ? new long[0] : Arrays.copyOfRange(v, start, end);
    }

    /** Reverses {@code ring} when needed so that its area is positive for an exterior ring, negative for a hole. */
    private static int[] wind(int[] ring, boolean exterior) {
        long area = 0;
        int n = ring.length;
        for (int i = 0; i < n; i += 2) {
            int j = (i + 2) % n;
            area += (long) ring[i] * ring[j + 1] - (long) ring[j] * ring[i + 1];
        }
        if ((area > 0) == exterior) {
            return ring;
        }
        int[] reversed = new int[n];
        // keep the first point first, reverse the rest
        reversed[0] = ring[0];
        reversed[1] = ring[1];
        for (int i = 2, j = n - 2; i < n; i += 2, j -= 2) {
            reversed[i] = ring[j];
            reversed[i + 1] = ring[j + 1];
        }
        return reversed;
    }

    /**
     * Clips an open ring to the box as PostGIS 3.3 does before its polygon clean-up: first to the x range, then to the
     * y range, each time walking the closed ring and putting a point where it crosses the range's bounds (points on a
     * bound count as inside); intersections are computed in doubles and then truncated toward zero, as a cast to a
     * 32-bit integer does. Returns an open ring, with fewer than 3 points when nothing is left.
     */
    private long[] clipRing(long[] ring) {
        if (isInsideBox(ring)) {
            return ring;
        }
        int n = ring.length / 2;
        double[] closed = new double[2 * n + 2];
        for (int i = 0; i < 2 * n; i++) {
            closed[i] = ring[i];
        }
        closed[2 * n] = ring[0];
        closed[2 * n + 1] = ring[1];
        double[] clipped = clampRing(closed, closed.length, 0);
        if (clipped.length < 8) {
            return new long[0];
        }
        clipped = clampRing(clipped, clipped.length, 1);
        if (clipped.length < 8) {
            return new long[0];
        }
        long[] out = new long[clipped.length];
        int m = 0;
        for (int i = 0; i < clipped.length; i += 2) {
            m = appendDistinct(out, m, (long) clipped[i], (long) clipped[i + 1]); // (long) truncates toward zero
        }
        if (m >= 4 && out[0] == out[m - 2] && out[1] == out[m - 1]) {
            m -= 2;
        }
        return Arrays.copyOf(out, m);
    }

    /**
     * Clips a closed ring of {@code length / 2} points to [min, max] on one axis (0 for x, 1 for y) and returns the
     * closed result, as PostGIS's {@code ptarray_clamp_to_ordinate_range}.
     */
    private double[] clampRing(double[] ring, int length, int axis) {
        double[] out = new double[length * 2 + 4];
        int m = 0;
        double from = min;
        double to = max;
        int side1 = side(ring[axis], from, to);
        if (side1 == 0) {
            out[m++] = ring[0];
            out[m++] = ring[1];
        }
        for (int i = 2; i < length; i += 2) {
            int side2 = side(ring[i + axis], from, to);
            if (side1 == 0 && side2 == 0) {
                out[m++] = ring[i];
                out[m++] = ring[i + 1];
            } else if (side1 != side2) {
                // entering, leaving, or jumping over the range: a point on each bound passed, then the point if inside
                if (side1 != 0) {
                    m = interpolate(ring, i - 2, i, axis, side1 < 0 ? from : to, out, m);
                }
                if (side2 != 0) {
                    m = interpolate(ring, i - 2, i, axis, side2 < 0 ? from : to, out, m);
                } else {
                    out[m++] = ring[i];
                    out[m++] = ring[i + 1];
                }
            }
            side1 = side2;
        }
        if (m > 4) {
            out[m++] = out[0];
            out[m++] = out[1];
        }
        return Arrays.copyOf(out, m);
    }

    private static int side(double value, double from, double to) {
        return value < from ? -1 : (value > to ? 1 : 0);
    }

    /** Appends the point where the segment from point a to point b reaches {@code value} on {@code axis}. */
    private static int interpolate(double[] ring, int a, int b, int axis, double value, double[] out, int m) {
        double proportion = (value - ring[a + axis]) / (ring[b + axis] - ring[a + axis]);
        int other = 1 - axis;
        double otherValue = ring[a + other] + proportion * (ring[b + other] - ring[a + other]);
        out[m + axis] = value;
        out[m + other] = otherValue;
        return m + 2;
    }

    private static int appendDistinct(long[] out, int m, long x, long y) {
        if (m >= 2 && out[m - 2] == x && out[m - 1] == y) {
            return m;
        }
        out[m] = x;
        out[m + 1] = y;
        return m + 2;
    }

    private boolean isInsideBox(long[] xy) {
        for (int i = 0; i < xy.length; i += 2) {
            if (!covers(xy[i], xy[i + 1])) {
                return false;
            }
        }
        return true;
    }

    private LinearRing toRing(long[] open) {
        int n = open.length / 2;
        Coordinate[] coordinates = new Coordinate[n + 1];
        for (int i = 0; i < n; i++) {
            coordinates[i] = new Coordinate(open[2 * i], open[2 * i + 1]);
        }
        coordinates[n] = coordinates[0].copy();
        return factory.createLinearRing(coordinates);
    }

    // ---- shared steps ----

    /**
     * Projects, scales and rounds a coordinate sequence, dropping repeated points. A ring comes back open (its closing
     * point dropped).
     */
    private long[] snap(CoordinateSequence seq, boolean ring) {
        int n = seq.size();
        long[] xy = new long[n * 2];
        int m = 0;
        for (int i = 0; i < n; i++) {
            Coordinate metres = WebMercator.toMetres(seq.getX(i), seq.getY(i));
            long x = Math.round(Math.rint(scaleX * metres.x + offsetX));
            long y = Math.round(Math.rint(scaleY * metres.y + offsetY));
            m = appendDistinct(xy, m, x, y);
        }
        if (ring && m >= 4 && xy[0] == xy[m - 2] && xy[1] == xy[m - 1]) {
            m -= 2;
        }
        return Arrays.copyOf(xy, m);
    }

    private long snapX(Coordinate lonLat) {
        return Math.round(Math.rint(scaleX * WebMercator.toMetres(lonLat.x, lonLat.y).x + offsetX));
    }

    private long snapY(Coordinate lonLat) {
        return Math.round(Math.rint(scaleY * WebMercator.toMetres(lonLat.x, lonLat.y).y + offsetY));
    }

    private boolean covers(long x, long y) {
        return x >= min && x <= max && y >= min && y <= max;
    }

    /**
     * Drops each inner point of a line that lies on the segment from the last point kept to the next point, in one
     * pass, as PostGIS's simplification with tolerance 0 does; the end points stay.
     */
    static long[] dropStraightPoints(long[] line) {
        int n = line.length / 2;
        if (n < 3) {
            return line;
        }
        long[] out = new long[line.length];
        out[0] = line[0];
        out[1] = line[1];
        int m = 2;
        for (int i = 1; i < n - 1; i++) {
            long keptX = out[m - 2];
            long keptY = out[m - 1];
            if (!isOnSegment(keptX, keptY, line[2 * i], line[2 * i + 1], line[2 * i + 2], line[2 * i + 3])) {
                out[m++] = line[2 * i];
                out[m++] = line[2 * i + 1];
            }
        }
        out[m++] = line[line.length - 2];
        out[m++] = line[line.length - 1];
        return Arrays.copyOf(out, m);
    }

    /**
     * Drops, from an open ring, every point lying on the segment between its neighbours (including repeated points and
     * the tip of a spike that folds back on itself), going round the ring until nothing changes.
     */
    static long[] dropStraightPointsInRing(long[] ring) {
        LongList stack = new LongList();
        for (int i = 0; i < ring.length; i += 2) {
            long x = ring[i];
            long y = ring[i + 1];
            while (stack.size() >= 4 && isOnSegment(stack.x(-2), stack.y(-2), stack.x(-1), stack.y(-1), x, y)) {
                stack.removeLast();
            }
            if (stack.size() >= 2 && stack.x(-1) == x && stack.y(-1) == y) {
                continue;
            }
            stack.addPoint(x, y);
        }
        // the ring wraps around: check the last and first points against their neighbours across the seam
        boolean changed = true;
        long[] v = stack.values();
        int start = 0;
        int end = stack.size(); // exclusive
        while (changed && end - start >= 6) {
            changed = false;
            if (isOnSegment(v[end - 4], v[end - 3], v[end - 2], v[end - 1], v[start], v[start + 1])) {
                end -= 2;
                changed = true;
            } else if (isOnSegment(v[end - 2], v[end - 1], v[start], v[start + 1], v[start + 2], v[start + 3])) {
                start += 2;
                changed = true;
            }
        }
        if (end - start < 6) {
            return new long[0];
        }
        return Arrays.copyOfRange(v, start, end);
    }

    /**
     * Tests whether point c lies on the closed segment from a to b, exactly. When a equals b every point counts, as
     * in PostGIS: that is how a spike folding back to the point before it is removed.
     */
    static boolean isOnSegment(long ax, long ay, long cx, long cy, long bx, long by) {
        long abx = bx - ax;
        long aby = by - ay;
        long acx = cx - ax;
        long acy = cy - ay;
        // cross(ac, ab) == 0, 0 <= dot(ac, ab) <= |ab|^2; compared as exact 128-bit products, since far from the
        // tile, at high zoom, coordinates reach 2^37 and their products overflow a long
        if (compareProducts(acx, aby, acy, abx) != 0) {
            return false;
        }
        if (compareProducts(acx, abx, -acy, aby) < 0) {
            return false; // dot < 0
        }
        // dot > |ab|^2  ⇔  abx * (acx - abx) + aby * (acy - aby) > 0
        return compareProducts(abx, acx - abx, -aby, acy - aby) <= 0;
    }

    /** Returns the sign of {@code a*b - c*d}, computed without overflow. */
    static int compareProducts(long a, long b, long c, long d) {
        long high1 = Math.multiplyHigh(a, b);
        long high2 = Math.multiplyHigh(c, d);
        if (high1 != high2) {
            return high1 < high2 ? -1 : 1;
        }
        return Long.compareUnsigned(a * b, c * d);
    }

    private static long twiceSignedArea(long[] ring) {
        long area = 0;
        int n = ring.length;
        for (int i = 0; i < n; i += 2) {
            int j = (i + 2) % n;
            area += ring[i] * ring[j + 1] - ring[j] * ring[i + 1];
        }
        return area;
    }

    private static int[] toInts(long[] xy, int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = Math.toIntExact(xy[i]);
        }
        return out;
    }

    private static int highestDimension(Geometry g) {
        if (g instanceof GeometryCollection collection) {
            int d = -1;
            for (int i = 0; i < collection.getNumGeometries(); i++) {
                d = Math.max(d, highestDimension(collection.getGeometryN(i)));
            }
            return d;
        }
        return g.isEmpty() ? -1 : g.getDimension();
    }

    private static void collect(Geometry g, int dimension, List<Geometry> out) {
        if (g instanceof GeometryCollection collection) {
            for (int i = 0; i < collection.getNumGeometries(); i++) {
                collect(collection.getGeometryN(i), dimension, out);
            }
        } else if (!g.isEmpty() && g.getDimension() == dimension) {
            out.add(g);
        }
    }

    private record Long2(long x, long y) implements Comparable<Long2> {
        @Override
        public int compareTo(Long2 other) {
            int byX = Long.compare(x, other.x);
            return byX != 0 ? byX : Long.compare(y, other.y);
        }
    }

    /** Grows a flat array of x, y pairs. */
    private static final class LongList {
        private long[] values = new long[16];
        private int size;

        void addPoint(long x, long y) {
            if (size + 2 > values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[size++] = x;
            values[size++] = y;
        }

        /** Returns the x of the point {@code -k} from the end: -1 is the last point. */
        long x(int k) {
            return values[size + 2 * k];
        }

        long y(int k) {
            return values[size + 2 * k + 1];
        }

        boolean endsWith(long x, long y) {
            return size >= 2 && values[size - 2] == x && values[size - 1] == y;
        }

        void removeLast() {
            size -= 2;
        }

        int size() {
            return size;
        }

        long[] values() {
            return values;
        }
    }
}
