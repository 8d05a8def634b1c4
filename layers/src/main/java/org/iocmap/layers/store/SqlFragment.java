package org.iocmap.layers.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Holds a piece of SQL and the values of its {@code ?} parameters, in order. Values are always bound, never inlined. */
public record SqlFragment(String sql, List<Object> params) {
    public SqlFragment {
        params = List.copyOf(params);
    }

    /** Creates a fragment from SQL and its parameter values. */
    public static SqlFragment of(String sql, Object... params) {
        return new SqlFragment(sql, List.of(params));
    }

    /** Returns the fragments joined by {@code separator}, with their parameters in order. */
    public static SqlFragment join(String separator, List<SqlFragment> parts) {
        StringBuilder sql = new StringBuilder();
        List<Object> params = new ArrayList<>();
        for (SqlFragment part : parts) {
            if (!sql.isEmpty()) {
                sql.append(separator);
            }
            sql.append(part.sql());
            params.addAll(part.params());
        }
        return new SqlFragment(sql.toString(), params);
    }

    /** Binds the parameters to {@code ps} from its {@code first} placeholder (1-based); returns the next one. */
    public int bind(PreparedStatement ps, int first) throws SQLException {
        int index = first;
        for (Object value : params) {
            bindValue(ps, index++, value);
        }
        return index;
    }

    /** Binds one value by its Java type; an {@link Instant} as a UTC timestamp with time zone. */
    public static void bindValue(PreparedStatement ps, int index, Object value) throws SQLException {
        switch (value) {
            case byte[] bytes -> ps.setBytes(index, bytes);
            case Instant t -> ps.setObject(index, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
            case Integer n -> ps.setInt(index, n);
            case Long n -> ps.setLong(index, n);
            case Double n -> ps.setDouble(index, n);
            case String s -> ps.setString(index, s);
            case Boolean b -> ps.setBoolean(index, b);
            default -> ps.setObject(index, value);
        }
    }
}
