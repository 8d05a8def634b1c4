package org.iocmap.layers.model;

/**
 * One cell of a heat map, with how many features fell in it and the sum of their weights.
 *
 * @param grid the grid the cell belongs to
 * @param level the grid level (square) or resolution (H3)
 * @param cell the cell: for squares column {@code x} (from the antimeridian eastwards) and row {@code y} (from the
 *     north) packed as {@code x << 32 | y}; for H3 the H3 index
 */
public record HeatCell(HeatGrid grid, int level, long cell, long count, double sum) {
    /** A square cell of the Web Mercator grid at {@code level}. */
    public HeatCell(int level, int x, int y, long count, double sum) {
        this(HeatGrid.SQUARE, level, ((long) x << 32) | (y & 0xffffffffL), count, sum);
    }

    /** Returns a square cell's column. */
    public int x() {
        return (int) (cell >>> 32);
    }

    /** Returns a square cell's row. */
    public int y() {
        return (int) cell;
    }

    /** Returns the value a heat map shows: the sum when weighted, else the count. */
    public double value(boolean weighted) {
        return weighted ? sum : count;
    }
}
