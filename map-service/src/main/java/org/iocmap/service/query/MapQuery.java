package org.iocmap.service.query;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.iocmap.layers.model.FeatureQuery;
import org.iocmap.layers.model.SpatialFilter;
import org.iocmap.layers.model.TimeInterval;
import org.iocmap.service.http.InvalidInputException;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Parses the body of {@code POST /api/query}: which layers, one spatial question ({@code near}, {@code nearest},
 * {@code within} or {@code along}), and optional {@code datetime} and {@code limit}. Every failure names the field and
 * what was expected.
 */
record MapQuery(
        List<String> layers,
        SpatialFilter spatial,
        Point nearestTo,
        int k,
        TimeInterval time,
        String filter,
        int limit) {
    static final int MAX_LIMIT = 10_000;
    static final int MAX_K = 1_000;
    static final double MAX_METRES = 1_000_000;
    private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);
    private static final Set<String> FIELDS =
            Set.of("layers", "near", "nearest", "within", "along", "datetime", "filter", "limit");

    /** Returns the query a JSON body asks for. */
    static MapQuery parse(JsonObject body) {
        for (String field : body.fieldNames()) {
            if (!FIELDS.contains(field)) {
                throw new InvalidInputException(
                        field,
                        String.valueOf(body.getValue(field)),
                        "no field '" + field + "'; a query has "
                                + FIELDS.stream().sorted().toList());
            }
        }
        List<String> layers = layers(body.getValue("layers"));
        List<String> questions = new ArrayList<>();
        for (String q : List.of("near", "nearest", "within", "along")) {
            if (body.containsKey(q)) {
                questions.add(q);
            }
        }
        if (questions.size() != 1) {
            throw new InvalidInputException(
                    "body",
                    "questions " + questions,
                    "exactly one of near {lon, lat, radiusMetres}, nearest {lon, lat, k}, within (a GeoJSON Polygon)"
                            + " or along {line (a GeoJSON LineString), bufferMetres}");
        }
        int limit = (int) number(body, "limit", 1, MAX_LIMIT, 1_000);
        TimeInterval time = body.containsKey("datetime")
                ? org.iocmap.service.ogc.ItemsRequest.parseDatetime(String.valueOf(body.getValue("datetime")))
                : null;
        String filter = null;
        if (body.containsKey("filter")) {
            if (!(body.getValue("filter") instanceof String text) || text.isBlank()) {
                throw new InvalidInputException("filter", String.valueOf(body.getValue("filter")), "CQL2 text");
            }
            filter = text;
        }
        String cql2 = filter;
        return switch (questions.getFirst()) {
            case "near" -> {
                JsonObject near = object(body, "near");
                Point origin = point(near, "near");
                double metres = number(near, "radiusMetres", 0, MAX_METRES, Double.NaN);
                yield new MapQuery(
                        layers, new SpatialFilter.WithinDistance(origin, metres), null, 0, time, cql2, limit);
            }
            case "nearest" -> {
                JsonObject nearest = object(body, "nearest");
                int k = (int) number(nearest, "k", 1, MAX_K, 10);
                yield new MapQuery(layers, null, point(nearest, "nearest"), k, time, cql2, limit);
            }
            case "within" -> {
                Geometry area = geometry(body.getValue("within"), "within", Set.of("Polygon", "MultiPolygon"));
                yield new MapQuery(layers, new SpatialFilter.Intersects(area), null, 0, time, cql2, limit);
            }
            default -> {
                JsonObject along = object(body, "along");
                Geometry line = geometry(along.getValue("line"), "along.line", Set.of("LineString", "MultiLineString"));
                double metres = number(along, "bufferMetres", 0, MAX_METRES, Double.NaN);
                yield new MapQuery(layers, new SpatialFilter.WithinDistance(line, metres), null, 0, time, cql2, limit);
            }
        };
    }

    /** Returns the per-layer feature query of this map query (the spatial part; nearest is asked separately). */
    FeatureQuery featureQuery() {
        return new FeatureQuery(null, time, spatial, null, List.of(), limit, 0);
    }

    private static List<String> layers(Object raw) {
        if (raw == null) {
            return List.of(); // every layer the caller may read
        }
        if (!(raw instanceof JsonArray array) || array.isEmpty()) {
            throw new InvalidInputException("layers", String.valueOf(raw), "a non-empty array of layer ids");
        }
        List<String> ids = new ArrayList<>();
        for (Object id : array) {
            if (!(id instanceof String s) || s.isBlank()) {
                throw new InvalidInputException("layers", array.encode(), "layer ids as strings");
            }
            ids.add(s);
        }
        return ids;
    }

    private static JsonObject object(JsonObject body, String field) {
        if (!(body.getValue(field) instanceof JsonObject o)) {
            throw new InvalidInputException(field, String.valueOf(body.getValue(field)), "a JSON object");
        }
        return o;
    }

    private static double number(JsonObject o, String field, double min, double max, double defaultValue) {
        Object raw = o.getValue(field);
        if (raw == null && !Double.isNaN(defaultValue)) {
            return defaultValue;
        }
        if (!(raw instanceof Number n) || !(n.doubleValue() >= min && n.doubleValue() <= max)) {
            throw new InvalidInputException(
                    field, String.valueOf(raw), "a number from " + fmt(min) + " to " + fmt(max));
        }
        return n.doubleValue();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static Point point(JsonObject o, String field) {
        double lon = number(o, "lon", -180, 180, Double.NaN);
        double lat = number(o, "lat", -90, 90, Double.NaN);
        Point p = WGS84.createPoint(new Coordinate(lon, lat));
        p.setSRID(4326);
        return p;
    }

    private static Geometry geometry(Object raw, String field, Set<String> types) {
        if (!(raw instanceof JsonObject json)) {
            throw new InvalidInputException(field, String.valueOf(raw), "a GeoJSON geometry of type " + types);
        }
        if (!types.contains(json.getString("type"))) {
            throw new InvalidInputException(field, json.getString("type"), "a GeoJSON geometry of type " + types);
        }
        Geometry g;
        try {
            g = new GeoJsonReader(WGS84).read(json.encode());
        } catch (ParseException | RuntimeException e) {
            throw new InvalidInputException(field, json.encode(), "a GeoJSON " + types + "; " + e.getMessage());
        }
        for (Coordinate c : g.getCoordinates()) {
            if (!(Math.abs(c.x) <= 180 && Math.abs(c.y) <= 90)) {
                throw new InvalidInputException(
                        field, c.x + " " + c.y, "longitude within ±180 and latitude within ±90 (longitude first)");
            }
        }
        if (g.isEmpty()) {
            throw new InvalidInputException(field, json.encode(), "a geometry with coordinates");
        }
        TopologyValidationError error = new IsValidOp(g).getValidationError();
        if (error != null) {
            throw new InvalidInputException(
                    field, json.encode(), "a valid geometry; " + error.getMessage() + " at " + error.getCoordinate());
        }
        g.setSRID(4326);
        return g;
    }
}
