package org.iocmap.layers.query.cql2;

import java.time.Instant;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * Holds what a CQL2 filter can see of one feature: its attribute values, its geometry (EPSG:4326, x = longitude) and
 * its primary instant.
 *
 * <p>In a filter, a property named {@code geom} or {@code geometry} (any case) stands for {@link #geometry()}, one named
 * {@code datetime} (any case) for {@link #time()}, and any other name for the entry of {@link #properties()} with
 * exactly that key. Values may be {@link String}, {@link Long}, {@link Integer}, {@link Double} (or another {@link
 * Number}), {@link Boolean}, {@link Instant} or {@link Geometry}; a missing key and a null value both read as SQL NULL.
 *
 * <p>The map is not copied, so that a view costs one small object per change in a live stream; do not change it while
 * a filter reads it. A null map reads as empty.
 */
public record FeatureView(Map<String, Object> properties, Geometry geometry, Instant time) {
    public FeatureView {
        properties = properties == null ? Map.of() : properties;
    }
}
