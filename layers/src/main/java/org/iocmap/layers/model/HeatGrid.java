package org.iocmap.layers.model;

/** The cells a heat map counts in. */
public enum HeatGrid {
    /**
     * Squares of the Web Mercator grid (the XYZ tile grid carried down): at level {@code l} the world is {@code 2^l}
     * cells across, so cells line up with map tiles. Levels 0 to 24.
     */
    SQUARE(24),
    /** Hexagons of Uber's H3 grid: equal-area within a few percent everywhere, resolutions 0 to 15. */
    H3(15);

    private final int maxLevel;

    HeatGrid(int maxLevel) {
        this.maxLevel = maxLevel;
    }

    /** Returns the finest level (square grid level, or H3 resolution). */
    public int maxLevel() {
        return maxLevel;
    }
}
