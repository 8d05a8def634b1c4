package org.iocmap.layers.model;

import java.util.List;
import org.iocmap.layers.query.cql2.Cql2Expr;

/**
 * Asks a layer for features. Every part is optional but {@code limit}; the parts combine with AND.
 *
 * @param bbox the box features must intersect; null for everywhere
 * @param time the interval the layer's time value must lie in; null for any time
 * @param spatial a geodesic or area restriction; null for none
 * @param filter a CQL2 condition on the layer's attributes and geometry; null for none
 * @param sortBy the order of results, ties broken by id; empty for id order
 * @param limit the most features to return, at least 1
 * @param offset how many matching features to skip
 */
public record FeatureQuery(
        BoundingBox bbox,
        TimeInterval time,
        SpatialFilter spatial,
        Cql2Expr filter,
        List<SortKey> sortBy,
        int limit,
        long offset) {
    public FeatureQuery {
        sortBy = sortBy == null ? List.of() : List.copyOf(sortBy);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, was " + offset);
        }
    }

    /** Creates a query by box and time only, in id order. */
    public FeatureQuery(BoundingBox bbox, TimeInterval time, int limit, long offset) {
        this(bbox, time, null, null, List.of(), limit, offset);
    }

    /** Creates a query for every feature, first page of {@code limit}. */
    public static FeatureQuery all(int limit) {
        return new FeatureQuery(null, null, limit, 0);
    }

    /** Returns a copy with a spatial restriction. */
    public FeatureQuery withSpatial(SpatialFilter filter) {
        return new FeatureQuery(bbox, time, filter, this.filter, sortBy, limit, offset);
    }

    /** Returns a copy with a CQL2 condition. */
    public FeatureQuery withFilter(Cql2Expr condition) {
        return new FeatureQuery(bbox, time, spatial, condition, sortBy, limit, offset);
    }

    /** Returns a copy with another page. */
    public FeatureQuery withPage(int newLimit, long newOffset) {
        return new FeatureQuery(bbox, time, spatial, filter, sortBy, newLimit, newOffset);
    }

    /** Returns a copy with another order. */
    public FeatureQuery withSortBy(List<SortKey> keys) {
        return new FeatureQuery(bbox, time, spatial, filter, keys, limit, offset);
    }
}
