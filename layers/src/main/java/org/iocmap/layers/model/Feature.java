package org.iocmap.layers.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/**
 * Holds one feature of a layer: an id unique within the layer, a geometry in EPSG:4326 (x = longitude), the
 * layer's time value (null when the feature has none) and its properties in schema order.
 */
public record Feature(long id, Geometry geometry, Instant time, Map<String, Object> properties) {
    public Feature {
        Objects.requireNonNull(geometry, "geometry");
        Objects.requireNonNull(properties, "properties");
    }
}
