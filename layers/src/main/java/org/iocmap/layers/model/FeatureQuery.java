package org.iocmap.layers.model;

/**
 * Asks a layer for features.
 *
 * @param bbox the box features must intersect; null for everywhere
 * @param time the interval the layer's time value must lie in; null for any time
 * @param limit the most features to return, at least 1
 * @param offset how many matching features to skip, in id order
 */
public record FeatureQuery(BoundingBox bbox, TimeInterval time, int limit, long offset) {
    public FeatureQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, was " + offset);
        }
    }

    /** Creates a query for every feature, first page of {@code limit}. */
    public static FeatureQuery all(int limit) {
        return new FeatureQuery(null, null, limit, 0);
    }
}
