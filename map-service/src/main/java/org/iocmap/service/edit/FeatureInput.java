package org.iocmap.service.edit;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RequestBody;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.iocmap.layers.kinds.FeatureValidator;
import org.iocmap.layers.kinds.InvalidFeatureException;
import org.iocmap.layers.model.Layer;
import org.iocmap.service.http.InvalidInputException;
import org.locationtech.jts.geom.Geometry;

/**
 * Holds a feature sent to a write route, parsed from a GeoJSON Feature and checked against its layer: a valid
 * geometry in EPSG:4326 (heights are dropped), properties of the layer schema, and an optional time given as JSON-FG
 * {@code "time": {"instant": "…"}} or as RFC 3339 text.
 */
record FeatureInput(Geometry geometry, Map<String, Object> properties, Instant time) {

    /**
     * Parses and checks a request body.
     *
     * @param pathId the feature id of the URL, for a replace; null for a create
     * @throws InvalidInputException naming the bad member: {@code body}, {@code type}, {@code id}, {@code geometry},
     *     {@code properties.<name>} or {@code time}
     */
    static FeatureInput parse(RequestBody body, Layer layer, Long pathId) {
        JsonObject json = object(body);
        if (!"Feature".equals(json.getValue("type"))) {
            throw new InvalidInputException("type", String.valueOf(json.getValue("type")), "\"Feature\"");
        }
        if (pathId != null
                && json.getValue("id") != null
                && !String.valueOf(json.getValue("id")).equals(pathId.toString())) {
            throw new InvalidInputException(
                    "id", String.valueOf(json.getValue("id")), "the id of the URL, " + pathId + ", or no id");
        }
        Geometry geometry = org.iocmap.service.http.GeoJson.toGeometry(json.getValue("geometry"));
        Map<String, Object> properties = properties(json.getValue("properties"));
        Instant time = time(json.getValue("time"));
        try {
            return new FeatureInput(geometry, FeatureValidator.validate(layer, geometry, properties), time);
        } catch (InvalidFeatureException e) {
            throw new InvalidInputException(e.field(), e.value(), e.expected());
        }
    }

    private static JsonObject object(RequestBody body) {
        String raw = body == null ? null : body.asString();
        if (raw == null || raw.isBlank()) {
            throw new InvalidInputException("body", null, "a GeoJSON Feature");
        }
        try {
            return new JsonObject(raw);
        } catch (DecodeException | ClassCastException e) {
            throw new InvalidInputException("body", raw, "a GeoJSON Feature (a JSON object)");
        }
    }

    private static Map<String, Object> properties(Object value) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof JsonObject json)) {
            throw new InvalidInputException("properties", String.valueOf(value), "a JSON object or null");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        json.forEach(e -> result.put(e.getKey(), e.getValue()));
        return result;
    }

    private static Instant time(Object value) {
        String expected = "null, RFC 3339 text, or a JSON-FG time object {\"instant\": \"2026-01-31T08:00:00Z\"}";
        Object instant = value instanceof JsonObject json ? json.getValue("instant") : value;
        if (instant == null) {
            if (value instanceof JsonObject json && !json.isEmpty()) {
                throw new InvalidInputException("time", json.encode(), expected);
            }
            return null;
        }
        if (!(instant instanceof String text)) {
            throw new InvalidInputException("time", String.valueOf(value), expected);
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("time", text, expected);
        }
    }
}
