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
}
