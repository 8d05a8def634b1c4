package org.iocmap.layers.model;

/**
 * Asks a point layer for a heat map.
 *
 * @param bbox the box the features must lie in; null for everywhere
 * @param level the grid level: the world is {@code 2^level} square cells across, 0 to {@value #MAX_LEVEL}
 * @param time the window the layer's time must lie in; null for any time
 * @param weight the numeric attribute summed per cell; null to count only
 */
public record HeatQuery(BoundingBox bbox, int level, TimeInterval time, String weight) {
    /** The finest grid level, about 2.4 m cells at the equator. */
    public static final int MAX_LEVEL = 24;

    public HeatQuery {
        if (level < 0 || level > MAX_LEVEL) {
            throw new IllegalArgumentException("level must be within 0.." + MAX_LEVEL + ", was " + level);
        }
    }
}
