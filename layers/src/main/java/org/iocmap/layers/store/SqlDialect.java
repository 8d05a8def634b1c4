package org.iocmap.layers.store;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.WKBWriter;

/**
 * Renders the spatial parts of queries for one backend. Geometries are bound as WKB with SRID 4326; distances are
 * geodesic metres on the WGS84 ellipsoid (PostGIS geography; on H2GIS the {@link H2Functions} in Java).
 *
 * <p>Every spatial predicate starts with the bounding-box operator {@code &&}: H2GIS uses its spatial index only for
 * that operator, and on PostGIS it lets the geometry index serve geodesic predicates too (a geography cast alone
 * would bypass it).
 */
public sealed interface SqlDialect permits SqlDialect.Postgis, SqlDialect.H2gis {
    GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

    /** Returns the dialect of a backend. */
    static SqlDialect of(StoreKind kind) {
        return kind == StoreKind.POSTGIS ? new Postgis() : new H2gis();
    }

    /** Returns the expression that reads a geometry column as WKB. */
    default String asBinary(String column) {
        return "ST_AsBinary(" + column + ")";
    }

    /** Returns {@code column} intersects {@code area} (boundary included, holes excluded). */
    default SqlFragment intersects(String column, Geometry area) {
        return predicate("ST_Intersects", column, area);
    }

    /**
     * Returns {@code function(column, area)} for a two-geometry predicate such as {@code ST_Within}, behind the
     * {@code &&} pre-filter on the area's box.
     */
    default SqlFragment predicate(String function, String column, Geometry area) {
        byte[] wkb = wkb(area);
        return SqlFragment.of(
                "(" + column + " && ST_GeomFromWKB(?, 4326) AND " + function + "(" + column
                        + ", ST_GeomFromWKB(?, 4326)))",
                wkb,
                wkb);
    }

    /** Returns: the geodesic distance from {@code column} to {@code origin} is at most {@code metres}. */
    default SqlFragment withinDistance(String column, Geometry origin, double metres) {
        return SqlFragment.of(
                "(" + column + " && ST_GeomFromWKB(?, 4326) AND " + geodesicWithin(column) + ")",
                wkb(envelopeAround(origin, metres)),
                wkb(origin),
                metres);
    }

    /**
     * Returns the exact geodesic test of {@code column} against a geometry parameter within a metres parameter, in
     * that order; {@link #withinDistance} puts the box pre-filter in front of it.
     */
    String geodesicWithin(String column);

    /** Returns the geodesic distance in metres from {@code column} to {@code origin}, for ordering and display. */
    SqlFragment distance(String column, Geometry origin);

    /**
     * Returns an expression that orders rows by closeness to {@code origin} through the spatial index (planar, in
     * degrees), for a nearest-neighbour search; empty when the backend's index cannot order by distance.
     */
    default java.util.Optional<SqlFragment> indexOrderedDistance(String column, Geometry origin) {
        return java.util.Optional.empty();
    }

    /** Returns the text of one top-level key of a JSON column; null when absent. */
    String jsonText(String column, String key);

    /** Returns {@code expression} converted to a double precision number. */
    default String toNumber(String expression) {
        return "CAST(" + expression + " AS DOUBLE PRECISION)";
    }

    /** Returns {@code expression} compared by code point (binary), whatever the database collation. */
    default String binaryCollation(String expression) {
        return expression;
    }

    /** Returns a WKB encoding of {@code g} with its SRID, for binding. */
    static byte[] wkb(Geometry g) {
        return new WKBWriter(2, false).write(g);
    }

    /**
     * Returns a lon/lat box that holds every point within {@code metres} of {@code g}: its envelope grown by the
     * metres at the most poleward latitude it reaches, plus 1 %. Near a pole it spans every longitude; across the
     * antimeridian it is clamped to [-180, 180] and so spans the whole band (correct, only less selective).
     */
    public static Polygon envelopeAround(Geometry g, double metres) {
        Envelope e = g.getEnvelopeInternal();
        double dLat = metres / 110_574.0 * 1.01; // a degree of latitude is at least 110,574 m (at the equator)
        double minLat = Math.max(-90, e.getMinY() - dLat);
        double maxLat = Math.min(90, e.getMaxY() + dLat);
        double poleward = Math.max(Math.abs(minLat), Math.abs(maxLat));
        double minLon;
        double maxLon;
        if (poleward >= 89.0) {
            minLon = -180;
            maxLon = 180;
        } else {
            double dLon = metres / (111_320.0 * Math.cos(Math.toRadians(poleward))) * 1.01;
            minLon = e.getMinX() - dLon;
            maxLon = e.getMaxX() + dLon;
            if (minLon < -180 || maxLon > 180) {
                minLon = -180;
                maxLon = 180;
            }
        }
        Polygon box = (Polygon) WGS84.toGeometry(new Envelope(minLon, maxLon, minLat, maxLat));
        box.setSRID(4326);
        return box;
    }

    /** Renders for PostgreSQL + PostGIS: geodesic predicates on the geography type. */
    final class Postgis implements SqlDialect {
        @Override
        public String geodesicWithin(String column) {
            return "ST_DWithin(" + column + "::geography, ST_GeomFromWKB(?, 4326)::geography, ?)";
        }

        @Override
        public SqlFragment distance(String column, Geometry origin) {
            return SqlFragment.of(
                    "ST_Distance(" + column + "::geography, ST_GeomFromWKB(?, 4326)::geography)", wkb(origin));
        }

        @Override
        public java.util.Optional<SqlFragment> indexOrderedDistance(String column, Geometry origin) {
            return java.util.Optional.of(SqlFragment.of(column + " <-> ST_GeomFromWKB(?, 4326)", wkb(origin)));
        }

        @Override
        public String binaryCollation(String expression) {
            return expression + " COLLATE \"C\"";
        }

        @Override
        public String jsonText(String column, String key) {
            return "(" + column + " ->> '" + key.replace("'", "''") + "')";
        }
    }

    /** Renders for H2 + H2GIS: geodesic predicates call the Java functions of {@link H2Functions}. */
    final class H2gis implements SqlDialect {
        @Override
        public String geodesicWithin(String column) {
            return "IOCMAP_DWITHIN(" + column + ", ST_GeomFromWKB(?, 4326), ?)";
        }

        @Override
        public SqlFragment distance(String column, Geometry origin) {
            return SqlFragment.of("IOCMAP_DISTANCE(" + column + ", ST_GeomFromWKB(?, 4326))", wkb(origin));
        }

        @Override
        public String jsonText(String column, String key) {
            return "IOCMAP_JSON_TEXT(" + column + ", '" + key.replace("'", "''") + "')";
        }
    }
}
