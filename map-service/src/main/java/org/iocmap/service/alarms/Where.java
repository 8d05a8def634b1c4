package org.iocmap.service.alarms;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.iocmap.layers.store.SqlDialect;
import org.locationtech.jts.geom.Geometry;

/** Collects the conditions of a list query and their bound values; SQL text comes from this code only. */
final class Where {
    private final List<String> clauses = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();

    /** Adds a condition with its values, in the order of its {@code ?}. */
    Where add(String clause, Object... values) {
        clauses.add(clause);
        params.addAll(List.of(values));
        return this;
    }

    /** Adds {@code column IN (…)}; nothing when {@code values} is empty. */
    Where in(String column, Collection<String> values) {
        if (!values.isEmpty()) {
            clauses.add(column + " IN ("
                    + String.join(", ", values.stream().map(v -> "?").toList()) + ")");
            params.addAll(values);
        }
        return this;
    }

    /** Adds "the geometry lies inside {@code area}, boundary included"; nothing when there is no area. */
    Where coveredBy(Optional<Geometry> area, String column) {
        area.ifPresent(a -> {
            byte[] wkb = SqlDialect.wkb(a);
            // && first: the spatial index serves only that operator on H2GIS.
            clauses.add("(" + column + " && ST_GeomFromWKB(?, 4326) AND ST_Covers(ST_GeomFromWKB(?, 4326), " + column
                    + "))");
            params.add(wkb);
            params.add(wkb);
        });
        return this;
    }

    /** Adds "the geometry meets {@code box}"; nothing when {@code box} is null. */
    Where intersects(Geometry box, String column) {
        if (box != null) {
            byte[] wkb = SqlDialect.wkb(box);
            clauses.add("(" + column + " && ST_GeomFromWKB(?, 4326) AND ST_Intersects(" + column
                    + ", ST_GeomFromWKB(?, 4326)))");
            params.add(wkb);
            params.add(wkb);
        }
        return this;
    }

    /** Returns {@code " WHERE a AND b"}, or an empty text without conditions. */
    String sql() {
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    /** Binds the values from parameter {@code first} on; returns the next free parameter index. */
    int bind(PreparedStatement ps, int first) throws SQLException {
        int i = first;
        for (Object p : params) {
            if (p instanceof Instant at) {
                Sql.setInstant(ps, i++, at);
            } else {
                ps.setObject(i++, p);
            }
        }
        return i;
    }
}
