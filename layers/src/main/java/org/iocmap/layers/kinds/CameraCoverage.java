package org.iocmap.layers.kinds;

import org.iocmap.layers.query.geo.Geodesic;

/**
 * Tests whether a camera sees a point: the point lies within the camera's range and inside its field of view, a
 * sector of {@code fov} degrees centred on its heading.
 *
 * <p>Coordinates are EPSG:4326 degrees, x = longitude. Distances are geodesic metres on the WGS84 ellipsoid and
 * bearings are initial bearings of the geodesic from the camera to the point, in degrees clockwise from true north
 * ({@link Geodesic}). The boundary counts as seen: a point at exactly the range, or at exactly heading ± fov/2, is
 * covered. The sector wraps around north (a camera heading 350° with a 40° view sees bearings 330° to 10°); a field
 * of view of 360° or more sees all round; the camera's own position is always covered, whatever its heading.
 *
 * <p>Stateless and thread-safe.
 */
public final class CameraCoverage {
    /**
     * Slack on the angle test, in degrees, so that a bearing computed as heading + fov/2 in floating point still counts
     * as on the edge: a nanodegree is a micrometre at a kilometre.
     */
    static final double ANGLE_TOLERANCE_DEGREES = 1e-9;

    private CameraCoverage() {}

    /**
     * Describes where a point lies as seen from a camera.
     *
     * @param distanceMetres the geodesic distance from the camera, metres
     * @param bearingDegrees the initial bearing from the camera to the point, in [0, 360); 0 for the camera's own
     *     position
     */
    public record Sight(double distanceMetres, double bearingDegrees) {}

    /**
     * Returns the distance and bearing of the point ({@code lon}, {@code lat}) from a camera at ({@code cameraLon},
     * {@code cameraLat}).
     *
     * @throws IllegalArgumentException if a latitude is outside [-90, 90] or a coordinate is not finite
     */
    public static Sight sight(double cameraLon, double cameraLat, double lon, double lat) {
        return new Sight(
                Geodesic.distanceMetres(cameraLon, cameraLat, lon, lat),
                Geodesic.initialBearingDegrees(cameraLon, cameraLat, lon, lat));
    }

    /**
     * Tests whether a camera looking along {@code headingDegrees} with a field of view of {@code fovDegrees} and a
     * range of {@code rangeMetres} sees a point at {@code sight}; the boundary rules are in the class comment.
     */
    public static boolean covers(double headingDegrees, double fovDegrees, double rangeMetres, Sight sight) {
        if (!(sight.distanceMetres() <= rangeMetres)) { // the negation also rejects NaN
            return false;
        }
        if (sight.distanceMetres() == 0 || fovDegrees >= 360) {
            return true;
        }
        return angleBetween(headingDegrees, sight.bearingDegrees()) <= fovDegrees / 2 + ANGLE_TOLERANCE_DEGREES;
    }

    /**
     * Returns the sight of the point from {@code camera} when the camera covers it; null when it does not. Covers
     * ignores the camera's status: an offline camera still looks that way.
     */
    public static Sight sightIfCovered(Camera camera, double lon, double lat) {
        Sight sight = sight(camera.getGeom().getX(), camera.getGeom().getY(), lon, lat);
        return covers(camera.getHeadingDeg(), camera.getFovDeg(), camera.getRangeM(), sight) ? sight : null;
    }

    /** Returns the smaller angle in degrees, in [0, 180], between two bearings, going round either way. */
    static double angleBetween(double a, double b) {
        double d = Math.abs(a - b) % 360;
        return d > 180 ? 360 - d : d;
    }
}
