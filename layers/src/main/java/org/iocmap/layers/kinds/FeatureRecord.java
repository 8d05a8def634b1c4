package org.iocmap.layers.kinds;

import java.time.Instant;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/** Exposes a stored entity as a feature: its id, geometry (EPSG:4326), time and properties in schema order. */
public interface FeatureRecord {
    /** Returns the entity id. */
    Long getId();

    /** Returns the geometry in EPSG:4326, x = longitude. */
    Geometry geometry();

    /** Returns the layer's time value for this entity; null when it has none. */
    Instant time();

    /** Returns the properties by attribute name, in schema order; values are String, Number, Boolean or Instant. */
    Map<String, Object> properties();
}
