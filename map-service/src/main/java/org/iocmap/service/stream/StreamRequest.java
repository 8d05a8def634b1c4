package org.iocmap.service.stream;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import org.iocmap.layers.model.BoundingBox;
import org.iocmap.layers.query.cql2.Cql2Expr;
import org.iocmap.layers.query.cql2.Cql2Parser;
import org.iocmap.layers.query.cql2.Cql2SyntaxException;
import org.iocmap.service.http.InvalidInputException;

/**
 * Holds what a client subscribes to: one layer, an optional box and CQL2 filter, and the id of the last event it
 * received when it resumes. Parsed from the query of {@code GET /api/stream} or from a WebSocket subscribe message;
 * every failure names the parameter, the value and what was expected.
 *
 * @param bboxText the box as the client sent it; null when it sent none
 * @param bbox the box features must intersect; null for everywhere
 * @param filter the parsed CQL2 filter; null for none
 * @param lastEventId the change id to resume after; null for a fresh subscription with a snapshot
 * @param heat true for {@code mode=heat}: no snapshot and no features, only {@code heat} events telling that the layer
 *     changed (for a page showing its heat map); false for {@code mode=features}, the default
 */
record StreamRequest(
        String layerId,
        String bboxText,
        BoundingBox bbox,
        String filterText,
        Cql2Expr filter,
        Long lastEventId,
        boolean heat) {
    private static final Set<String> QUERY_PARAMETERS =
            Set.of("layer", "bbox", "filter", "filter-lang", "filter-crs", "lastEventId", "mode");
    private static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

    /**
     * Parses the query of an SSE request. {@code lastEventIdHeader} ({@code Last-Event-ID}, sent by a reconnecting
     * EventSource) wins over the {@code lastEventId} query parameter.
     */
    static StreamRequest fromQuery(MultiMap params, String lastEventIdHeader) {
        for (String name : params.names()) {
            if (!QUERY_PARAMETERS.contains(name)) {
                throw new InvalidInputException(
                        name,
                        params.get(name),
                        "no parameter '" + name + "'; this endpoint takes "
                                + QUERY_PARAMETERS.stream().sorted().toList());
            }
        }
        String lastEventId = lastEventIdHeader != null && !lastEventIdHeader.isBlank()
                ? lastEventIdHeader
                : params.get("lastEventId");
        return of(
                params.get("layer"),
                params.get("bbox"),
                params.get("filter"),
                params.get("filter-lang"),
                params.get("filter-crs"),
                lastEventId,
                params.get("mode"));
    }

    /**
     * Parses a WebSocket subscribe message: {@code {"type":"subscribe","layer":…,"bbox":…,"filter":…,
     * "lastEventId":…, "mode":…}}; {@code bbox} may be text or an array of four numbers.
     */
    static StreamRequest fromMessage(JsonObject message) {
        Object bbox = message.getValue("bbox");
        String bboxText = bbox instanceof JsonArray array
                ? String.join(",", array.stream().map(String::valueOf).toList())
                : text(message, "bbox");
        return of(
                text(message, "layer"),
                bboxText,
                text(message, "filter"),
                text(message, "filter-lang"),
                text(message, "filter-crs"),
                text(message, "lastEventId"),
                text(message, "mode"));
    }

    private static String text(JsonObject message, String name) {
        Object value = message.getValue(name);
        return value == null ? null : String.valueOf(value);
    }

    private static StreamRequest of(
            String layer,
            String bbox,
            String filter,
            String filterLang,
            String filterCrs,
            String lastEventId,
            String mode) {
        if (layer == null || layer.isBlank()) {
            throw new InvalidInputException("layer", layer, "the id of a layer, as listed by GET /api/layers");
        }
        if (filterLang != null && !filterLang.equals("cql2-text")) {
            throw new InvalidInputException("filter-lang", filterLang, "cql2-text");
        }
        if (filterCrs != null && !filterCrs.equals(CRS84)) {
            throw new InvalidInputException("filter-crs", filterCrs, CRS84 + " (longitude, latitude)");
        }
        if (mode != null && !mode.equals("features") && !mode.equals("heat")) {
            throw new InvalidInputException(
                    "mode", mode, "features (the default: snapshot and changes) or heat (heat events only)");
        }
        return new StreamRequest(
                layer, bbox, bbox(bbox), filter, filter(filter), lastEventId(lastEventId), "heat".equals(mode));
    }

    /** Parses {@code minLon,minLat,maxLon,maxLat} in degrees. */
    static BoundingBox bbox(String raw) {
        if (raw == null) {
            return null;
        }
        String expected = "4 comma-separated numbers minLon,minLat,maxLon,maxLat in degrees (CRS84)";
        String[] parts = raw.split(",", -1);
        if (parts.length != 4) {
            throw new InvalidInputException("bbox", raw, expected);
        }
        double[] v = new double[4];
        for (int i = 0; i < 4; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new InvalidInputException("bbox", raw, expected + "; '" + parts[i] + "' is not a number");
            }
        }
        try {
            // minLon > maxLon is legal: the box crosses the antimeridian (BoundingBox splits it).
            return new BoundingBox(v[0], v[1], v[2], v[3]);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("bbox", raw, expected + "; " + e.getMessage());
        }
    }

    private static Cql2Expr filter(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Cql2Parser.parse(text);
        } catch (Cql2SyntaxException e) {
            throw new InvalidInputException("filter", text, "CQL2 text; " + e.getMessage());
        }
    }

    private static Long lastEventId(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(raw.trim());
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException("lastEventId", raw, "the id of the last event received, a whole number >= 0");
    }
}
