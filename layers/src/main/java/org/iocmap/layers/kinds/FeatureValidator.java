package org.iocmap.layers.kinds;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.iocmap.layers.model.AttributeDef;
import org.iocmap.layers.model.Layer;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Checks a feature against its layer before it is stored: the geometry is non-empty, valid (OGC simple features, as
 * JTS {@link IsValidOp} defines it), within ±180 longitude and ±90 latitude, and of the layer's geometry type; every
 * property is an attribute of the layer schema with a value of the attribute's type.
 *
 * <p>Types: {@code string} takes text, {@code integer} a whole number, {@code number} any number, {@code boolean}
 * true or false, {@code datetime} RFC 3339 text with an offset, {@code date} an ISO date. Null is allowed for every
 * attribute. A layer of type {@code Geometry} takes any geometry; a {@code MultiX} layer also takes a single
 * {@code X}.
 */
public final class FeatureValidator {
    private FeatureValidator() {}

    /**
     * Returns the properties ready to store: integers as {@code Long}, numbers as {@code Double}, the rest unchanged,
     * in the order given.
     *
     * @param geometry in EPSG:4326, x = longitude
     * @throws InvalidFeatureException naming the first bad field
     */
    public static Map<String, Object> validate(Layer layer, Geometry geometry, Map<String, Object> properties) {
        checkGeometry(layer, geometry);
        return checkProperties(layer, properties);
    }

    /**
     * Checks the geometry alone.
     *
     * @throws InvalidFeatureException with field {@code geometry}
     */
    public static void checkGeometry(Layer layer, Geometry geometry) {
        if (geometry == null || geometry.isEmpty()) {
            throw new InvalidFeatureException(
                    "geometry", geometry == null ? null : geometry.toText(), "a non-empty GeoJSON geometry");
        }
        for (Coordinate c : geometry.getCoordinates()) {
            // The negations also reject NaN and infinities.
            if (!(c.x >= -180 && c.x <= 180) || !(c.y >= -90 && c.y <= 90)) {
                throw new InvalidFeatureException(
                        "geometry",
                        geometry.getGeometryType() + " with position [" + c.x + ", " + c.y + "]",
                        "positions [longitude, latitude] within ±180 and ±90 degrees (EPSG:4326)");
            }
        }
        String wanted = layer.geometryType();
        String given = geometry.getGeometryType();
        if (!wanted.equalsIgnoreCase("Geometry")
                && !wanted.equalsIgnoreCase(given)
                && !wanted.equalsIgnoreCase("Multi" + given)) {
            throw new InvalidFeatureException(
                    "geometry", given, "a " + wanted + ", the geometry type of layer '" + layer.id() + "'");
        }
        TopologyValidationError error = new IsValidOp(geometry).getValidationError();
        if (error != null) {
            Coordinate at = error.getCoordinate();
            throw new InvalidFeatureException(
                    "geometry",
                    given + " with " + error.getMessage().toLowerCase(java.util.Locale.ROOT)
                            + (at == null ? "" : " at [" + at.x + ", " + at.y + "]"),
                    "a valid geometry: rings closed and not self-intersecting, holes inside their shell");
        }
    }

    private static Map<String, Object> checkProperties(Layer layer, Map<String, Object> properties) {
        Map<String, AttributeDef> schema = new LinkedHashMap<>();
        layer.attributes().forEach(a -> schema.put(a.name(), a));
        Map<String, Object> result = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : properties.entrySet()) {
            String field = "properties." + e.getKey();
            AttributeDef attribute = schema.get(e.getKey());
            if (attribute == null) {
                throw new InvalidFeatureException(
                        field,
                        String.valueOf(e.getValue()),
                        "no property '" + e.getKey() + "'; layer '" + layer.id() + "' has "
                                + List.copyOf(schema.keySet()));
            }
            result.put(e.getKey(), value(field, attribute, e.getValue()));
        }
        return result;
    }

    private static Object value(String field, AttributeDef attribute, Object value) {
        if (value == null) {
            return null;
        }
        String shown = String.valueOf(value);
        return switch (attribute.type()) {
            case STRING -> {
                if (value instanceof String) {
                    yield value;
                }
                throw new InvalidFeatureException(field, shown, "text");
            }
            case INTEGER -> {
                if (value instanceof Integer || value instanceof Long || value instanceof Short) {
                    yield ((Number) value).longValue();
                }
                if (value instanceof Number n && isWhole(n)) {
                    yield n.longValue();
                }
                throw new InvalidFeatureException(field, shown, "a whole number");
            }
            case NUMBER -> {
                if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
                    yield n.doubleValue();
                }
                throw new InvalidFeatureException(field, shown, "a number");
            }
            case BOOLEAN -> {
                if (value instanceof Boolean) {
                    yield value;
                }
                throw new InvalidFeatureException(field, shown, "true or false");
            }
            case DATETIME -> {
                try {
                    yield OffsetDateTime.parse((String) value).toInstant().toString();
                } catch (ClassCastException | DateTimeParseException e) {
                    throw new InvalidFeatureException(
                            field, shown, "an RFC 3339 date-time such as 2026-01-31T08:00:00Z");
                }
            }
            case DATE -> {
                try {
                    yield LocalDate.parse((String) value).toString();
                } catch (ClassCastException | DateTimeParseException e) {
                    throw new InvalidFeatureException(field, shown, "a date such as 2026-01-31");
                }
            }
        };
    }

    private static boolean isWhole(Number n) {
        if (n instanceof BigInteger b) {
            return b.bitLength() < 64;
        }
        if (n instanceof BigDecimal d) {
            try {
                d.longValueExact();
                return true;
            } catch (ArithmeticException e) {
                return false;
            }
        }
        double d = n.doubleValue();
        return Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 9.007e15; // exact in a double
    }
}
