package org.iocmap.service.auth;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * Describes an area a user can be limited to: a province, a district or any polygon an administrator drew. EPSG:4326,
 * x = longitude. A point on the area's boundary counts as inside ({@code covers}), so an incident on the line between
 * two districts is seen from both.
 *
 * <p>Immutable; safe to share between threads.
 */
public final class Area {
    private final String code;
    private final String nameVi;
    private final String nameEn;
    private final String level;
    private final Geometry geometry;
    private final PreparedGeometry prepared;

    public Area(String code, String nameVi, String nameEn, String level, Geometry geometry) {
        this.code = code;
        this.nameVi = nameVi;
        this.nameEn = nameEn;
        this.level = level;
        this.geometry = geometry;
        this.prepared = PreparedGeometryFactory.prepare(geometry);
    }

    public String code() {
        return code;
    }

    public String nameVi() {
        return nameVi;
    }

    public String nameEn() {
        return nameEn;
    }

    /** Returns {@code province}, {@code district}, {@code ward} or {@code custom}. */
    public String level() {
        return level;
    }

    public Geometry geometry() {
        return geometry;
    }

    /** Tests whether the point (lon, lat) lies inside the area or on its boundary. */
    public boolean covers(double lon, double lat) {
        return prepared.covers(geometry.getFactory().createPoint(new org.locationtech.jts.geom.Coordinate(lon, lat)));
    }

    /** Tests whether a geometry touches the area at all (for features that are not points). */
    public boolean meets(Geometry g) {
        return prepared.intersects(g);
    }

    @Override
    public String toString() {
        return code + " (" + nameVi + ")";
    }
}
