package org.iocmap.service.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/** Writes JTS geometries and feature properties as GeoJSON (RFC 7946): x = longitude, no {@code crs} member. */
public final class GeoJson {
    private GeoJson() {}

    /** Returns the GeoJSON geometry object; an empty geometry becomes {@code null}, as RFC 7946 allows. */
    public static JsonObject geometry(Geometry g) {
        if (g == null || g.isEmpty()) {
            return null;
        }
        return switch (g) {
            case Point p -> typed("Point", position(p.getCoordinate()));
            case LineString l -> typed("LineString", positions(l.getCoordinates()));
            case Polygon p -> typed("Polygon", rings(p));
            case MultiPoint m -> typed("MultiPoint", parts(m, part -> position(part.getCoordinate())));
            case MultiLineString m -> typed("MultiLineString", parts(m, part -> positions(part.getCoordinates())));
            case MultiPolygon m -> typed("MultiPolygon", parts(m, part -> rings((Polygon) part)));
            case GeometryCollection c -> {
                JsonArray members = new JsonArray();
                for (int i = 0; i < c.getNumGeometries(); i++) {
                    members.add(geometry(c.getGeometryN(i)));
                }
                yield new JsonObject().put("type", "GeometryCollection").put("geometries", members);
            }
            default -> throw new IllegalArgumentException("unsupported geometry type " + g.getGeometryType());
        };
    }

    /** Returns a GeoJSON Feature with its id, geometry and the given properties (already filtered for the viewer). */
    public static JsonObject feature(org.iocmap.layers.model.Feature feature, Map<String, Object> properties) {
        return new JsonObject()
                .put("type", "Feature")
                .put("id", feature.id())
                .put("geometry", geometry(feature.geometry()))
                .put("properties", properties(properties));
    }

    /** Returns a JSON-ready value: instants as ISO-8601 UTC text, everything else unchanged. */
    public static Object value(Object value) {
        return value instanceof Instant t ? t.toString() : value;
    }

    /** Returns the properties as a JSON object, converting each value with {@link #value(Object)}. */
    public static JsonObject properties(Map<String, Object> properties) {
        JsonObject json = new JsonObject();
        properties.forEach((k, v) -> json.put(k, value(v)));
        return json;
    }

    private static JsonObject typed(String type, JsonArray coordinates) {
        return new JsonObject().put("type", type).put("coordinates", coordinates);
    }

    private static JsonArray position(Coordinate c) {
        return new JsonArray().add(c.getX()).add(c.getY());
    }

    private static JsonArray positions(Coordinate[] coordinates) {
        JsonArray result = new JsonArray();
        for (Coordinate c : coordinates) {
            result.add(position(c));
        }
        return result;
    }

    private static JsonArray rings(Polygon p) {
        JsonArray result = new JsonArray().add(positions(p.getExteriorRing().getCoordinates()));
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            result.add(positions(p.getInteriorRingN(i).getCoordinates()));
        }
        return result;
    }

    private static JsonArray parts(Geometry multi, java.util.function.Function<Geometry, JsonArray> writer) {
        JsonArray result = new JsonArray();
        for (int i = 0; i < multi.getNumGeometries(); i++) {
            result.add(writer.apply(multi.getGeometryN(i)));
        }
        return result;
    }

    /** Reads a GeoJSON geometry object, in 2D, SRID 4326; a bad one is an {@link InvalidInputException} on {@code geometry}. */
    public static Geometry toGeometry(Object value) {
        String expected = "a GeoJSON geometry object such as {\"type\":\"Point\",\"coordinates\":[109.19,12.24]}";
        if (!(value instanceof JsonObject json)) {
            throw new InvalidInputException("geometry", value == null ? null : String.valueOf(value), expected);
        }
        Geometry parsed;
        try {
            parsed = new org.locationtech.jts.io.geojson.GeoJsonReader(org.iocmap.layers.store.SqlDialect.WGS84)
                    .read(json.encode());
        } catch (org.locationtech.jts.io.ParseException | RuntimeException e) {
            // The reader throws unchecked exceptions for some malformed input (a missing member, a wrong nesting).
            throw new InvalidInputException(
                    "geometry", json.encode(), expected + "; " + (e.getMessage() == null ? e : e.getMessage()));
        }
        if (parsed == null) {
            throw new InvalidInputException("geometry", json.encode(), expected);
        }
        // Back through 2D WKB: drops heights (the store keeps x and y) and gives plain coordinate sequences.
        try {
            Geometry flat = new org.locationtech.jts.io.WKBReader(org.iocmap.layers.store.SqlDialect.WGS84)
                    .read(new org.locationtech.jts.io.WKBWriter(2).write(parsed));
            flat.setSRID(4326);
            return flat;
        } catch (org.locationtech.jts.io.ParseException e) {
            throw new IllegalStateException("cannot re-read a geometry just written as WKB", e);
        }
    }
}
