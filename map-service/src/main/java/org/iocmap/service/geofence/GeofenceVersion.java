package org.iocmap.service.geofence;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Lineal;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.operation.valid.IsValidOp;

/**
 * Holds one version of a fence: everything about it that can change, and the instant from which it applies. The
 * version in effect at an instant is the one with the latest {@code effectiveFrom} at or before it; every event names
 * the version in effect at the event's time.
 *
 * @param version the version number, 1 or more, increasing with {@code effectiveFrom}
 * @param effectiveFrom the first instant this version applies, truncated to the millisecond
 * @param name the name shown to officers
 * @param kind what the fence stands for
 * @param geometry a polygon or multipolygon (an area fence) or a line or multiline (a line fence), EPSG:4326 with
 *     x = longitude; valid, not empty, SRID 0 or 4326, not crossing the antimeridian or holding a pole
 * @param schedule when the fence is active
 * @param vesselClasses the classes of vessel the fence applies to; {@link VesselClass#any()} for every vessel
 * @param rules which events the fence reports, and their parameters
 */
public record GeofenceVersion(
        int version,
        Instant effectiveFrom,
        String name,
        FenceKind kind,
        Geometry geometry,
        Schedule schedule,
        Set<VesselClass> vesselClasses,
        FenceRules rules) {

    /**
     * Checks the version and copies the class set.
     *
     * @throws IllegalArgumentException naming what is wrong: the version number, the geometry's type, SRID,
     *     coordinates or validity (a self-intersecting ring, say), an empty class set, or a rule that the geometry
     *     cannot report (dwell on a line)
     */
    public GeofenceVersion {
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(geometry, "geometry");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(vesselClasses, "vesselClasses");
        Objects.requireNonNull(rules, "rules");
        if (version < 1) {
            throw new IllegalArgumentException("version must be 1 or more, was " + version);
        }
        effectiveFrom = effectiveFrom.truncatedTo(ChronoUnit.MILLIS);
        if (vesselClasses.isEmpty()) {
            throw new IllegalArgumentException(
                    "vesselClasses must not be empty; use VesselClass.any() for a fence that applies to every vessel");
        }
        vesselClasses = Set.copyOf(EnumSet.copyOf(vesselClasses));
        checkGeometry(geometry);
        if (geometry instanceof Lineal) {
            for (EventType type : rules.events()) {
                if (type != EventType.CROSS && type != EventType.APPROACH) {
                    throw new IllegalArgumentException(
                            "a line fence reports only CROSS and APPROACH, but its rules enable " + type);
                }
            }
        }
    }

    /** Tests whether this is an area fence (polygon or multipolygon) rather than a line fence. */
    public boolean isArea() {
        return geometry instanceof Polygonal;
    }

    /** Tests whether the fence applies to vessels of class {@code vesselClass}. */
    public boolean appliesTo(VesselClass vesselClass) {
        return vesselClasses.contains(vesselClass);
    }

    private static void checkGeometry(Geometry g) {
        if (!(g instanceof Polygonal) && !(g instanceof Lineal)) {
            throw new IllegalArgumentException(
                    "a fence is a Polygon, MultiPolygon, LineString or MultiLineString, not a " + g.getGeometryType());
        }
        if (g.getSRID() != 0 && g.getSRID() != 4326) {
            throw new IllegalArgumentException("expected EPSG:4326 longitude/latitude, but the SRID is " + g.getSRID());
        }
        if (g.isEmpty()) {
            throw new IllegalArgumentException("the fence's " + g.getGeometryType() + " is empty");
        }
        Envelope env = g.getEnvelopeInternal();
        if (!(env.getMinX() >= -180 && env.getMaxX() <= 180 && env.getMinY() > -90 && env.getMaxY() < 90)) {
            throw new IllegalArgumentException("the fence's coordinates must be longitudes within ±180 and latitudes"
                    + " within ±90 excluding the poles; its envelope is " + env);
        }
        if (env.getWidth() > 180) {
            // Such a fence must be split at the antimeridian into a multipolygon before it is added.
            throw new IllegalArgumentException("the fence spans " + env.getWidth()
                    + "° of longitude; fences crossing the antimeridian are not" + " supported");
        }
        IsValidOp validity = new IsValidOp(g);
        if (!validity.isValid()) {
            throw new IllegalArgumentException(
                    "the fence's " + g.getGeometryType() + " is invalid: " + validity.getValidationError());
        }
    }
}
