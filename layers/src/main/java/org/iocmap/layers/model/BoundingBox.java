package org.iocmap.layers.model;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * Holds a box in EPSG:4326 degrees, x = longitude. A box whose {@code minLon} is greater than {@code maxLon} crosses
 * the antimeridian: it spans from {@code minLon} east to 180 and from -180 east to {@code maxLon}.
 */
public record BoundingBox(double minLon, double minLat, double maxLon, double maxLat) {
    public BoundingBox {
        check(minLon, -180, 180, "minLon");
        check(maxLon, -180, 180, "maxLon");
        check(minLat, -90, 90, "minLat");
        check(maxLat, -90, 90, "maxLat");
        if (minLat > maxLat) {
            throw new IllegalArgumentException("minLat must be <= maxLat, was " + minLat + " > " + maxLat);
        }
    }

    private static void check(double value, double min, double max, String name) {
        if (!(value >= min && value <= max)) { // the negation also rejects NaN
            throw new IllegalArgumentException(name + " must be within [" + min + ", " + max + "], was " + value);
        }
    }

    /** Tests whether this box crosses the antimeridian. */
    public boolean crossesAntimeridian() {
        return minLon > maxLon;
    }

    /**
     * Returns this box as a polygon, or as a two-part multipolygon split at the antimeridian when it crosses it.
     */
    public Geometry toGeometry(GeometryFactory factory) {
        if (!crossesAntimeridian()) {
            return factory.toGeometry(new Envelope(minLon, maxLon, minLat, maxLat));
        }
        Polygon east = (Polygon) factory.toGeometry(new Envelope(minLon, 180, minLat, maxLat));
        Polygon west = (Polygon) factory.toGeometry(new Envelope(-180, maxLon, minLat, maxLat));
        return factory.createMultiPolygon(new Polygon[] {east, west});
    }
}
