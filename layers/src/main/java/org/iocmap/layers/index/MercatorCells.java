package org.iocmap.layers.index;

/**
 * Numbers the square cells of the Web Mercator grid (the XYZ tile grid, carried down to level 24): a position's cell
 * at level 24 is computed once and packed in a long, and its cell at any coarser level is a shift of it.
 */
public final class MercatorCells {
    /** The finest level. */
    public static final int LEVEL = 24;

    private static final double MAX_LATITUDE = 85.05112878;
    private static final int SIDE = 1 << LEVEL;

    private MercatorCells() {}

    /** Returns the level-24 cell of a position, packed as {@code x << 32 | y}; latitudes beyond ±85.05° are clamped. */
    public static long cellOf(double lon, double lat) {
        double clamped = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat));
        double fx = (lon + 180) / 360;
        double s = Math.sin(Math.toRadians(clamped));
        double fy = 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
        int x = (int) Math.min(SIDE - 1, Math.max(0, Math.floor(fx * SIDE)));
        int y = (int) Math.min(SIDE - 1, Math.max(0, Math.floor(fy * SIDE)));
        return ((long) x << 32) | y;
    }

    /** Returns the column of a packed level-24 cell at {@code level}. */
    public static int x(long cell, int level) {
        return (int) (cell >>> 32) >>> (LEVEL - level);
    }

    /** Returns the row of a packed level-24 cell at {@code level}. */
    public static int y(long cell, int level) {
        return ((int) cell) >>> (LEVEL - level);
    }

    /** Returns the longitude of a column's west edge at {@code level}. */
    public static double lonOf(int x, int level) {
        return x / (double) (1L << level) * 360 - 180;
    }

    /** Returns the latitude of a row's north edge at {@code level}. */
    public static double latOf(int y, int level) {
        double n = Math.PI - 2 * Math.PI * y / (double) (1L << level);
        return Math.toDegrees(Math.atan(Math.sinh(n)));
    }
}
