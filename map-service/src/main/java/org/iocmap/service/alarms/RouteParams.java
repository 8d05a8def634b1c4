package org.iocmap.service.alarms;

import io.vertx.core.MultiMap;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.iocmap.layers.store.SqlDialect;
import org.iocmap.service.auth.AuthHandler;
import org.iocmap.service.auth.Roles;
import org.iocmap.service.auth.Viewer;
import org.iocmap.service.http.ForbiddenException;
import org.iocmap.service.http.InvalidInputException;
import org.iocmap.service.ogc.ItemsRequest;
import org.locationtech.jts.geom.Geometry;

/** Reads what the alarm and camera routes share: the roles they admit, paging, status lists, boxes and bodies. */
public final class RouteParams {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;
    static final int MAX_NOTE_CHARS = 2_000;

    private RouteParams() {}

    /** Returns the viewer when an operator or an administrator; otherwise throws 401 or 403 naming {@code what}. */
    public static Viewer operator(RoutingContext ctx, String what) {
        Viewer viewer = AuthHandler.requireSignedIn(ctx);
        if (!viewer.isAdmin() && !viewer.roles().contains(Roles.OPERATOR)) {
            throw new ForbiddenException("only the operator and admin roles may " + what + "; your roles are "
                    + viewer.roles().stream().sorted().toList());
        }
        return viewer;
    }

    /** Returns the viewer when an administrator; otherwise throws 401 or 403 naming {@code what}. */
    public static Viewer admin(RoutingContext ctx, String what) {
        Viewer viewer = AuthHandler.requireSignedIn(ctx);
        if (!viewer.isAdmin()) {
            throw new ForbiddenException("only the admin role may " + what + "; your roles are "
                    + viewer.roles().stream().sorted().toList());
        }
        return viewer;
    }

    /** Reads {@code limit}: 1 to {@value #MAX_LIMIT}, {@value #DEFAULT_LIMIT} when absent. */
    public static int limit(MultiMap params) {
        return whole(params, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
    }

    /** Reads {@code offset}: 0 or more, 0 when absent. */
    public static int offset(MultiMap params) {
        return whole(params, "offset", 0, Integer.MAX_VALUE, 0);
    }

    /** Reads a whole-number parameter within [min, max]; {@code absent} when it is not given. */
    public static int whole(MultiMap params, String name, int min, int max, int absent) {
        String raw = params.get(name);
        if (raw == null) {
            return absent;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new InvalidInputException(name, raw, "a whole number from " + min + " to " + max);
    }

    /** Reads a comma-separated list of values from {@code allowed}, case-insensitively; empty when absent. */
    public static Set<String> oneOf(MultiMap params, String name, Collection<String> allowed) {
        String raw = params.get(name);
        Set<String> values = new LinkedHashSet<>();
        if (raw == null) {
            return values;
        }
        for (String part : raw.split(",", -1)) {
            String value = part.strip();
            String match = allowed.stream()
                    .filter(a -> a.equalsIgnoreCase(value))
                    .findFirst()
                    .orElseThrow(() -> new InvalidInputException(name, raw, "a comma-separated list of " + allowed));
            values.add(match);
        }
        return values;
    }

    /** Reads {@code bbox} as a geometry (two parts across the antimeridian); null when absent. */
    public static Geometry bbox(MultiMap params) {
        var box = ItemsRequest.bbox(params.get("bbox"));
        return box == null ? null : box.toGeometry(SqlDialect.WGS84);
    }

    /** Reads a longitude or latitude parameter, required, within ±{@code max}. */
    public static double coordinate(MultiMap params, String name, double max) {
        String raw = params.get(name);
        String expected = "a number from -" + (int) max + " to " + (int) max + " (degrees, EPSG:4326)";
        if (raw == null) {
            throw new InvalidInputException(name, null, expected);
        }
        try {
            double value = Double.parseDouble(raw.strip());
            if (value >= -max && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new InvalidInputException(name, raw, expected);
    }

    /** Reads the body as a JSON object; an empty body is {} when {@code emptyAllowed}, else a 400. */
    public static JsonObject body(RoutingContext ctx, boolean emptyAllowed, String expected) {
        String raw = ctx.body() == null ? null : ctx.body().asString();
        if (raw == null || raw.isBlank()) {
            if (emptyAllowed) {
                return new JsonObject();
            }
            throw new InvalidInputException("body", null, expected);
        }
        try {
            return new JsonObject(raw);
        } catch (DecodeException | ClassCastException e) {
            throw new InvalidInputException("body", raw, expected);
        }
    }

    /** Reads an optional note from a body: a text of at most {@value #MAX_NOTE_CHARS} characters; null when absent. */
    public static String note(JsonObject body) {
        Object note = body.getValue("note");
        if (note == null) {
            return null;
        }
        if (!(note instanceof String s) || s.length() > MAX_NOTE_CHARS) {
            throw new InvalidInputException(
                    "note", String.valueOf(note), "a text of at most " + MAX_NOTE_CHARS + " characters");
        }
        return s.isBlank() ? null : s.strip();
    }

    /** Returns a search text, stripped and lower-cased, at most {@code max} characters; null when absent or blank. */
    public static String searchText(MultiMap params, String name, int max) {
        String raw = params.get(name);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (raw.length() > max) {
            throw new InvalidInputException(name, raw, "a text of at most " + max + " characters");
        }
        return raw.strip().toLowerCase(Locale.ROOT);
    }
}
