package org.iocmap.layers.store;

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
}
