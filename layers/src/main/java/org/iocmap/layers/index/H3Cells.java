package org.iocmap.layers.index;

import com.uber.h3core.AreaUnit;
import com.uber.h3core.H3Core;
import com.uber.h3core.LengthUnit;
import com.uber.h3core.util.LatLng;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Numbers the hexagons of Uber's H3 grid: a position's cell at resolution 15 is computed once (through H3's native
 * library) and its cell at any coarser resolution is read from it by bit operations, as the H3 index holds the whole
 * path from the base cell (a parent keeps the digits above its resolution and marks the others unused, 7). This is
 * H3's own hierarchy ({@code cellToParent}), the usual way to roll H3 counts up. H3's children do not tile their
 * parent exactly, so near a hexagon's edge (about 6 % of positions at any resolution) a position's parent is the
 * neighbour of the hexagon that holds it; its descendants reach at most about an eighth of an edge past the outline.
 *
 * <p>Thread-safe.
 */
public final class H3Cells {
    /** The finest resolution. */
    public static final int RESOLUTION = 15;

    private static final H3Core H3 = load();
    private static final double[] EDGE_METRES = new double[RESOLUTION + 1];
    private static final double[] AREA_M2 = new double[RESOLUTION + 1];

    static {
        for (int r = 0; r <= RESOLUTION; r++) {
            EDGE_METRES[r] = H3.getHexagonEdgeLengthAvg(r, LengthUnit.m);
            AREA_M2[r] = H3.getHexagonAreaAvg(r, AreaUnit.m2);
        }
    }

    private H3Cells() {}

    private static H3Core load() {
        try {
            return H3Core.newInstance();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load H3's native library", e);
        }
    }

    /** Returns the resolution-15 cell of a position. */
    public static long cellOf(double lon, double lat) {
        return H3.latLngToCell(lat, lon, RESOLUTION);
    }

    /** Returns the cell at {@code resolution} that holds the resolution-15 cell {@code cell}. */
    public static long parent(long cell, int resolution) {
        long unused = (1L << (3 * (RESOLUTION - resolution))) - 1; // the digits below the resolution, all 7
        return (cell & ~(0xFL << 52)) | ((long) resolution << 52) | unused;
    }

    /** Returns the cell's boundary as {@code [lon, lat]} vertices, not closed; longitudes made continuous across 180°. */
    public static double[][] boundary(long cell) {
        List<LatLng> vertices = H3.cellToBoundary(cell);
        double[][] ring = new double[vertices.size()][];
        for (int i = 0; i < ring.length; i++) {
            LatLng v = vertices.get(i);
            double lon = v.lng;
            if (i > 0 && lon - ring[0][0] > 180) {
                lon -= 360;
            } else if (i > 0 && ring[0][0] - lon > 180) {
                lon += 360;
            }
            ring[i] = new double[] {lon, v.lat};
        }
        return ring;
    }

    /** Returns the cell's centre as {@code [lon, lat]}. */
    public static double[] centre(long cell) {
        LatLng c = H3.cellToLatLng(cell);
        return new double[] {c.lng, c.lat};
    }

    /** Returns the cell's index in its usual hexadecimal form, such as {@code 8f6914d558f3c6b}. */
    public static String address(long cell) {
        return H3.h3ToString(cell);
    }

    /** Returns the mean edge length of cells at {@code resolution}, in metres (also their mean circumradius). */
    public static double edgeMetres(int resolution) {
        return EDGE_METRES[resolution];
    }

    /** Returns the mean area of cells at {@code resolution}, in square metres. */
    public static double areaSquareMetres(int resolution) {
        return AREA_M2[resolution];
    }

    /**
     * Returns the resolution whose mean cell area is nearest (on a log scale) to a square of {@code sideMetres}: the
     * resolution to draw cells of about that size.
     */
    public static int resolutionFor(double sideMetres) {
        double target = Math.log(sideMetres * sideMetres);
        int best = 0;
        for (int r = 1; r <= RESOLUTION; r++) {
            if (Math.abs(Math.log(AREA_M2[r]) - target) < Math.abs(Math.log(AREA_M2[best]) - target)) {
                best = r;
            }
        }
        return best;
    }
}
