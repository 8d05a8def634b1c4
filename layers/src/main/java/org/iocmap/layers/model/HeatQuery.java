package org.iocmap.layers.model;

import java.util.Objects;
import org.iocmap.layers.query.cql2.Cql2Expr;

/**
 * Asks a point layer for a heat map.
 *
 * @param bbox the box the features must lie in; null for everywhere
 * @param grid the cells to count in
 * @param level the grid's level: for squares the world is {@code 2^level} cells across (0 to 24), for H3 the
 *     resolution (0 to 15)
 * @param time the window the layer's time must lie in; null for any time
 * @param weight the numeric attribute summed per cell; null to count only
 * @param filter a CQL2 filter the features must match; null for none
 */
public record HeatQuery(BoundingBox bbox, HeatGrid grid, int level, TimeInterval time, String weight, Cql2Expr filter) {
    /** The finest square grid level, about 2.4 m cells at the equator. */
    public static final int MAX_LEVEL = 24;

    public HeatQuery {
        Objects.requireNonNull(grid, "grid");
        if (level < 0 || level > grid.maxLevel()) {
            throw new IllegalArgumentException(
                    "level must be within 0.." + grid.maxLevel() + " for " + grid + " cells, was " + level);
        }
    }

    /** Asks for square cells without a filter. */
    public HeatQuery(BoundingBox bbox, int level, TimeInterval time, String weight) {
        this(bbox, HeatGrid.SQUARE, level, time, weight, null);
    }
}
