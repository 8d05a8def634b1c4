package org.iocmap.tiles.mvt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Snap-rounds polygon rings in integer tile coordinates: every vertex owns the closed unit square around it (its
 * pixel), and a segment passing through the pixel of another vertex is bent through that vertex. Rounding to whole
 * units can bring a vertex within half a unit of a segment it did not touch before; bending the segment makes the
 * near-touch an exact one, so the repair that follows sees it, the way PostGIS's polygon clipper (Wagyu) does.
 *
 * <p>The square is closed: a segment through its corner is bent too. Not thread-safe; one instance serves one
 * feature's rings.
 */
final class PixelSnapper {
    /**
     * Offsets coordinates into positive 32-bit halves of a long. Rings are clipped to the buffered tile before they
     * get here, so every coordinate lies within ±2^17 (the largest extent plus its buffer).
     */
    private static final long OFFSET = 1L << 30;

    /**
     * The vertices packed as (x, y) and sorted, so sorted by x; and packed as (y, x), so sorted by y. A segment looks
     * its candidates up along the axis where it is shorter.
     */
    private final long[] byX;

    private final long[] byY;

    /** Creates a snapper whose pixels are the vertices of {@code rings} (open rings, flat x, y arrays). */
    PixelSnapper(List<long[]> rings) {
        int n = 0;
        for (long[] ring : rings) {
            n += ring.length / 2;
        }
        byX = new long[n];
        byY = new long[n];
        int m = 0;
        for (long[] ring : rings) {
            for (int i = 0; i < ring.length; i += 2, m++) {
                byX[m] = pack(ring[i], ring[i + 1]);
                byY[m] = pack(ring[i + 1], ring[i]);
            }
        }
        Arrays.sort(byX);
        Arrays.sort(byY);
    }

    /** Returns {@code ring} (open) with every segment bent through the pixels it passes through, in order along it. */
    long[] snap(long[] ring) {
        int n = ring.length / 2;
        long[] out = new long[ring.length * 2];
        int m = 0;
        List<long[]> hits = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long ax = ring[2 * i];
            long ay = ring[2 * i + 1];
            long bx = ring[(2 * i + 2) % ring.length];
            long by = ring[(2 * i + 3) % ring.length];
            out = ensure(out, m + 2);
            out[m++] = ax;
            out[m++] = ay;
            hits.clear();
            collectHits(ax, ay, bx, by, hits);
            if (!hits.isEmpty()) {
                long dx = bx - ax;
                long dy = by - ay;
                // Order along the segment by the projection onto it; a tie (two pixels met at the same corner) goes
                // first to the pixel in the start's row, as a sweep along y meets them.
                hits.sort(Comparator.<long[]>comparingLong(p -> (p[0] - ax) * dx + (p[1] - ay) * dy)
                        .thenComparingLong(p -> Math.abs(p[1] - ay)));
                out = ensure(out, m + 2 * hits.size());
                for (long[] p : hits) {
                    if (out[m - 2] != p[0] || out[m - 1] != p[1]) {
                        out[m++] = p[0];
                        out[m++] = p[1];
                    }
                }
            }
        }
        return Arrays.copyOf(out, m);
    }

    private void collectHits(long ax, long ay, long bx, long by, List<long[]> hits) {
        boolean alongX = Math.abs(bx - ax) <= Math.abs(by - ay);
        long[] sorted = alongX ? byX : byY;
        // a pixel can only be met when its centre lies within the segment's bounding box (all values are whole)
        long lo = alongX ? Math.min(ax, bx) : Math.min(ay, by);
        long hi = alongX ? Math.max(ax, bx) : Math.max(ay, by);
        long otherLo = alongX ? Math.min(ay, by) : Math.min(ax, bx);
        long otherHi = alongX ? Math.max(ay, by) : Math.max(ax, bx);
        for (int i = firstAtLeast(sorted, pack(lo, -OFFSET)); i < sorted.length && high(sorted[i]) <= hi; i++) {
            long other = low(sorted[i]);
            if (other < otherLo || other > otherHi) {
                continue;
            }
            long px = alongX ? high(sorted[i]) : other;
            long py = alongX ? other : high(sorted[i]);
            if ((px == ax && py == ay) || (px == bx && py == by)) {
                continue;
            }
            if (passesThroughPixel(ax, ay, bx, by, px, py)) {
                hits.add(new long[] {px, py});
            }
        }
    }

    /**
     * Tests whether the segment a–b meets the closed square of side 1 centred on p. Computed on doubled coordinates, so
     * the square's sides are whole numbers and the test is exact.
     */
    static boolean passesThroughPixel(long ax, long ay, long bx, long by, long px, long py) {
        long x0 = 2 * ax;
        long y0 = 2 * ay;
        long x1 = 2 * bx;
        long y1 = 2 * by;
        long left = 2 * px - 1;
        long right = 2 * px + 1;
        long bottom = 2 * py - 1;
        long top = 2 * py + 1;
        if (Math.max(x0, x1) < left
                || Math.min(x0, x1) > right
                || Math.max(y0, y1) < bottom
                || Math.min(y0, y1) > top) {
            return false;
        }
        long dx = x1 - x0;
        long dy = y1 - y0;
        // the line misses the square when all four corners lie strictly on the same side of it
        long s1 = Long.signum(dx * (bottom - y0) - dy * (left - x0));
        long s2 = Long.signum(dx * (bottom - y0) - dy * (right - x0));
        long s3 = Long.signum(dx * (top - y0) - dy * (right - x0));
        long s4 = Long.signum(dx * (top - y0) - dy * (left - x0));
        return !((s1 > 0 && s2 > 0 && s3 > 0 && s4 > 0) || (s1 < 0 && s2 < 0 && s3 < 0 && s4 < 0));
    }

    private static long pack(long high, long low) {
        return ((high + OFFSET) << 32) | (low + OFFSET);
    }

    private static long high(long packed) {
        return (packed >>> 32) - OFFSET;
    }

    private static long low(long packed) {
        return (packed & 0xFFFFFFFFL) - OFFSET;
    }

    /** Returns the index of the first packed value not less than {@code key}. */
    private static int firstAtLeast(long[] sorted, long key) {
        int i = Arrays.binarySearch(sorted, key);
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && sorted[i - 1] == key) {
            i--;
        }
        return i;
    }

    private static long[] ensure(long[] array, int size) {
        return size <= array.length ? array : Arrays.copyOf(array, Math.max(size, array.length * 2));
    }
}
