package org.iocmap.service.ogc;

import io.vertx.core.MultiMap;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.iocmap.layers.model.BoundingBox;
import org.iocmap.layers.model.FeatureQuery;
import org.iocmap.layers.model.Layer;
import org.iocmap.layers.model.SortKey;
import org.iocmap.layers.model.TimeInterval;
import org.iocmap.layers.query.cql2.Cql2Expr;
import org.iocmap.layers.query.cql2.Cql2Parser;
import org.iocmap.layers.query.cql2.Cql2SyntaxException;
import org.iocmap.service.http.InvalidInputException;

/**
 * Parses the query parameters of {@code /ogc/collections/{id}/items}: {@code bbox}, {@code bbox-crs}, {@code datetime},
 * {@code limit}, {@code offset}, {@code f}, and from Part 3 {@code filter} (CQL2 text), {@code filter-lang},
 * {@code filter-crs}, plus {@code sortby} and {@code properties}. Every failure names the parameter, the value and what was expected.
 */
public final class ItemsRequest {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 10_000;
    static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
    private static final Set<String> KNOWN = Set.of(
            "bbox",
            "bbox-crs",
            "datetime",
            "limit",
            "offset",
            "f",
            "filter",
            "filter-lang",
            "filter-crs",
            "sortby",
            "properties");

    private ItemsRequest() {}

    /**
     * Returns the query the parameters ask for.
     *
     * @throws InvalidInputException naming the first bad parameter
     */
    public static FeatureQuery parse(MultiMap params) {
        for (String name : params.names()) {
            if (!KNOWN.contains(name)) {
                // OGC API Features 1.0, /req/core/query-param-unknown: an unknown parameter is a 400
                throw new InvalidInputException(
                        name,
                        params.get(name),
                        "no parameter '" + name + "'; this endpoint takes "
                                + KNOWN.stream().sorted().toList());
            }
        }
        String f = params.get("f");
        if (f != null && !Set.of("json", "geojson").contains(f)) {
            throw new InvalidInputException("f", f, "json or geojson");
        }
        String crs = params.get("bbox-crs");
        if (crs != null && !crs.equals(CRS84)) {
            throw new InvalidInputException("bbox-crs", crs, CRS84 + " (longitude, latitude)");
        }
        int limit = (int) integer(params, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        long offset = integer(params, "offset", 0, 0, Long.MAX_VALUE);
        return new FeatureQuery(bbox(params.get("bbox")), datetime(params.get("datetime")), limit, offset);
    }

    /**
     * Returns the query the parameters ask for of {@code layer}, with its CQL2 {@code filter} (checked against the
     * layer's schema) and {@code sortby} ({@code name}, {@code +name} or {@code -name}, comma-separated).
     *
     * @throws InvalidInputException naming the first bad parameter; a filter syntax error gives the position
     */
    public static FeatureQuery parse(MultiMap params, Layer layer, Set<String> visible) {
        FeatureQuery query = parse(params);
        String lang = params.get("filter-lang");
        if (lang != null && !lang.equals("cql2-text")) {
            throw new InvalidInputException("filter-lang", lang, "cql2-text");
        }
        String filterCrs = params.get("filter-crs");
        if (filterCrs != null && !filterCrs.equals(CRS84)) {
            throw new InvalidInputException("filter-crs", filterCrs, CRS84 + " (longitude, latitude)");
        }
        String filter = params.get("filter");
        if (filter != null) {
            query = query.withFilter(filter(filter, layer, visible));
        }
        String sortby = params.get("sortby");
        if (sortby != null) {
            query = query.withSortBy(sortBy(sortby, layer, visible));
        }
        return query;
    }

    /**
     * Parses a CQL2 text filter and checks it against the layer's schema. A property the viewer may not read is
     * reported as unknown: filtering on it would reveal its values.
     */
    public static Cql2Expr filter(String raw, Layer layer, Set<String> visible) {
        Cql2Expr expr;
        try {
            expr = Cql2Parser.parse(raw);
        } catch (Cql2SyntaxException e) {
            throw new InvalidInputException("filter", raw, "CQL2 text; " + e.getMessage());
        }
        for (String name : Cql2Expr.propertyNames(expr)) {
            if (!visible.contains(name) && !name.equalsIgnoreCase("geom") && !name.equalsIgnoreCase("geometry")) {
                throw new InvalidInputException(
                        "filter",
                        raw,
                        "a filter on the attributes of layer '" + layer.id()
                                + "'; unknown property '" + name + "'; queryables: "
                                + visible.stream().sorted().toList());
            }
        }
        try {
            layer.checkFilter(expr);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(
                    "filter", raw, "a filter on the attributes of layer '" + layer.id() + "'; " + e.getMessage());
        }
        return expr;
    }

    static List<SortKey> sortBy(String raw, Layer layer, Set<String> names) {
        List<SortKey> keys = new ArrayList<>();
        for (String part : raw.split(",", -1)) {
            String item = part.trim();
            boolean descending = item.startsWith("-");
            String name = item.startsWith("-") || item.startsWith("+") ? item.substring(1) : item;
            if (!names.contains(name)) {
                throw new InvalidInputException(
                        "sortby",
                        raw,
                        "comma-separated attribute names, each optionally"
                                + " prefixed with + or -; '" + name + "' is not an attribute of layer '" + layer.id()
                                + "', which has " + names.stream().sorted().toList());
            }
            keys.add(new SortKey(name, descending));
        }
        return keys;
    }

    /**
     * Returns the attributes {@code properties} selects, in the order given; null when the parameter is absent (all).
     */
    public static List<String> properties(MultiMap params, Layer layer, Set<String> names) {
        String raw = params.get("properties");
        if (raw == null) {
            return null;
        }
        List<String> selected = new ArrayList<>();
        for (String part : raw.split(",", -1)) {
            String name = part.trim();
            if (name.isEmpty()) {
                continue; // properties= selects no attribute at all: only ids and geometries
            }
            if (!names.contains(name)) {
                throw new InvalidInputException(
                        "properties",
                        raw,
                        "comma-separated attribute names of layer '" + layer.id() + "': "
                                + names.stream().sorted().toList());
            }
            selected.add(name);
        }
        return selected;
    }

    static long integer(MultiMap params, String name, long defaultValue, long min, long max) {
        String raw = params.get(name);
        if (raw == null) {
            return defaultValue;
        }
        String expected = "a whole number from " + min + " to " + (max == Long.MAX_VALUE ? "any size" : max);
        try {
            long value = Long.parseLong(raw.trim());
            if (value < min || value > max) {
                throw new InvalidInputException(name, raw, expected);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name, raw, expected);
        }
    }

    /** Parses {@code minLon,minLat,maxLon,maxLat} (six numbers with heights are accepted; heights are ignored). */
    public static BoundingBox bbox(String raw) {
        if (raw == null) {
            return null;
        }
        String expected = "4 comma-separated numbers minLon,minLat,maxLon,maxLat in degrees (CRS84)";
        String[] parts = raw.split(",", -1);
        if (parts.length != 4 && parts.length != 6) {
            throw new InvalidInputException("bbox", raw, expected);
        }
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new InvalidInputException("bbox", raw, expected + "; '" + parts[i] + "' is not a number");
            }
        }
        int half = parts.length / 2;
        try {
            // minLon > maxLon is legal: the box crosses the antimeridian (BoundingBox splits it).
            return new BoundingBox(v[0], v[1], v[half], v[half + 1]);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("bbox", raw, expected + "; " + e.getMessage());
        }
    }

    /** Parses a {@code datetime} value as {@link #parse} does; for other endpoints that take the same parameter. */
    public static TimeInterval parseDatetime(String raw) {
        return datetime(raw);
    }

    /**
     * Parses an RFC 3339 instant, a date (the whole day, UTC), or an interval {@code start/end} where either end may
     * be {@code ..} or empty for open.
     */
    static TimeInterval datetime(String raw) {
        if (raw == null) {
            return null;
        }
        String expected = "an RFC 3339 date-time (2026-01-31T08:00:00Z), a date (2026-01-31), or an interval"
                + " start/end with '..' for an open end";
        String[] parts = raw.split("/", -1);
        try {
            if (parts.length == 1) {
                return instantOrDay(parts[0].trim(), raw, expected, false);
            }
            if (parts.length == 2) {
                TimeInterval start = instantOrDay(parts[0].trim(), raw, expected, true);
                TimeInterval end = instantOrDay(parts[1].trim(), raw, expected, true);
                if (start == null && end == null) {
                    throw new InvalidInputException("datetime", raw, expected + "; both ends are open");
                }
                return new TimeInterval(start == null ? null : start.start(), end == null ? null : end.end());
            }
        } catch (IllegalArgumentException e) {
            if (e instanceof InvalidInputException invalid) {
                throw invalid;
            }
            throw new InvalidInputException("datetime", raw, expected + "; " + e.getMessage());
        }
        throw new InvalidInputException("datetime", raw, expected);
    }

    private static TimeInterval instantOrDay(String text, String raw, String expected, boolean openAllowed) {
        if (text.isEmpty() || text.equals("..")) {
            if (!openAllowed) {
                throw new InvalidInputException("datetime", raw, expected);
            }
            return null;
        }
        try {
            Instant t = OffsetDateTime.parse(text).toInstant();
            return new TimeInterval(t, t);
        } catch (DateTimeParseException notDateTime) {
            try {
                LocalDate day = LocalDate.parse(text);
                Instant start = day.atStartOfDay().toInstant(ZoneOffset.UTC);
                return new TimeInterval(start, start.plusSeconds(86_400).minusNanos(1));
            } catch (DateTimeParseException notDate) {
                throw new InvalidInputException("datetime", raw, expected + "; '" + text + "' is neither");
            }
        }
    }
}
