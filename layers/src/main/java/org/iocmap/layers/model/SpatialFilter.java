package org.iocmap.layers.model;

import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/**
 * Restricts a query to the features near or inside a geometry (EPSG:4326, x = longitude). Distances are geodesic, in
 * metres on the WGS84 ellipsoid, the same on PostGIS (geography) and on H2GIS (computed in Java).
 */
public sealed interface SpatialFilter {
    /** Keeps features that intersect {@code area}: inside it or touching its boundary (holes excluded). */
    record Intersects(Geometry area) implements SpatialFilter {
        public Intersects {
            Objects.requireNonNull(area, "area");
            if (area.isEmpty()) {
                throw new IllegalArgumentException("area must not be empty");
            }
        }
    }

    /**
     * Keeps features whose geodesic distance to {@code origin} is at most {@code metres}: a radius around a point, or
     * a buffer along a line or around a polygon.
     */
    record WithinDistance(Geometry origin, double metres) implements SpatialFilter {
        public WithinDistance {
            Objects.requireNonNull(origin, "origin");
            if (origin.isEmpty()) {
                throw new IllegalArgumentException("origin must not be empty");
            }
            if (!(metres >= 0) || Double.isInfinite(metres)) { // the negation also rejects NaN
                throw new IllegalArgumentException("metres must be a finite number >= 0, was " + metres);
            }
        }
    }
}
