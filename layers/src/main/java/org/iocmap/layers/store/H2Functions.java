package org.iocmap.layers.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.iocmap.layers.query.geo.Geodesic;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/**
 * Adds to H2 the SQL functions H2GIS lacks and PostGIS has: geodesic distance on the WGS84 ellipsoid (PostGIS does it
 * with the geography type) and reading a key of a JSON column ({@code ->>}). The same Java code answers on H2 as the
 * live stream uses in memory, so both agree by construction.
 */
public final class H2Functions {
    private static final ObjectMapper JSON = new ObjectMapper();

    private H2Functions() {}

    /** Creates the aliases in the database of {@code connection}; existing ones are replaced. */
    static void register(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            String cls = H2Functions.class.getName();
            s.execute("CREATE ALIAS IF NOT EXISTS IOCMAP_DWITHIN DETERMINISTIC FOR '" + cls + ".dwithin'");
            s.execute("CREATE ALIAS IF NOT EXISTS IOCMAP_DISTANCE DETERMINISTIC FOR '" + cls + ".distance'");
            s.execute("CREATE ALIAS IF NOT EXISTS IOCMAP_JSON_TEXT DETERMINISTIC FOR '" + cls + ".jsonText'");
        }
    }

    /**
     * Tests whether {@code a} lies within {@code metres} of {@code b}, geodesically; null (unknown) when an argument is
     * null or empty.
     */
    public static Boolean dwithin(Geometry a, Geometry b, Double metres) {
        if (a == null || b == null || metres == null || a.isEmpty() || b.isEmpty()) {
            return null;
        }
        return Geodesic.isWithinDistance(a, b, metres);
    }

    /** Returns the geodesic distance in metres between {@code a} and {@code b}; null when an argument is null. */
    public static Double distance(Geometry a, Geometry b) {
        if (a == null || b == null || a.isEmpty() || b.isEmpty()) {
            return null;
        }
        if (a instanceof Point p) {
            return Geodesic.distanceMetres(p, b);
        }
        if (b instanceof Point p) {
            return Geodesic.distanceMetres(p, a);
        }
        // Neither is a point: the distance is reached at a vertex of one of them (or they intersect).
        if (a.intersects(b)) {
            return 0.0;
        }
        double best = Double.POSITIVE_INFINITY;
        for (var c : a.getCoordinates()) {
            best = Math.min(best, Geodesic.distanceMetres(a.getFactory().createPoint(c), b));
        }
        for (var c : b.getCoordinates()) {
            best = Math.min(best, Geodesic.distanceMetres(b.getFactory().createPoint(c), a));
        }
        return best;
    }

    /** Returns the text of a top-level key of a JSON document (strings unquoted, like {@code ->>}); null if absent. */
    public static String jsonText(String json, String key) {
        if (json == null || key == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(json).get(key);
            if (node == null || node.isNull()) {
                return null;
            }
            return node.isValueNode() ? node.asText() : node.toString();
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON document: " + e.getMessage(), e);
        }
    }
}
