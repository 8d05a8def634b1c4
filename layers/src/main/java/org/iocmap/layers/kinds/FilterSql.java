package org.iocmap.layers.kinds;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.iocmap.layers.model.AttributeDef;
import org.iocmap.layers.model.AttributeType;
import org.iocmap.layers.query.cql2.Cql2Expr;
import org.iocmap.layers.query.cql2.Operand;
import org.iocmap.layers.store.SqlDialect;
import org.iocmap.layers.store.SqlFragment;
import org.locationtech.jts.geom.Geometry;

/**
 * Renders a CQL2 expression as SQL for one layer. Property names are checked against the layer's schema and become
 * the layer's own column expressions; every literal is a bound parameter. The result keeps SQL's three-valued logic,
 * which is also the logic of {@link org.iocmap.layers.query.cql2.Cql2Evaluator}, so a filter selects the same features
 * in the store as in the live stream.
 *
 * <p>Checked up front, as {@link InvalidFilterException}: an unknown property, and a comparison whose sides cannot be
 * compared (a number attribute with a text literal, a geometry outside a spatial predicate).
 */
final class FilterSql {
    /** Property names that denote the feature's geometry. */
    static boolean isGeometry(String name) {
        return name.equalsIgnoreCase("geom") || name.equalsIgnoreCase("geometry");
    }

    private final SqlDialect dialect;
    private final Map<String, AttributeDef> schema;
    private final java.util.function.Function<String, String> column;

    FilterSql(
            SqlDialect dialect, Map<String, AttributeDef> schema, java.util.function.Function<String, String> column) {
        this.dialect = dialect;
        this.schema = schema;
        this.column = column;
    }

    SqlFragment render(Cql2Expr e) {
        return switch (e) {
            case Cql2Expr.And and -> join(" AND ", and.terms());
            case Cql2Expr.Or or -> join(" OR ", or.terms());
            case Cql2Expr.Not not -> wrap("NOT ", render(not.term()));
            case Cql2Expr.BooleanLiteral b -> SqlFragment.of(b.value() ? "(1 = 1)" : "(1 = 0)");
            case Cql2Expr.Comparison c -> comparison(c);
            case Cql2Expr.Like like -> {
                SqlFragment value = scalar(like.value(), AttributeType.STRING, "LIKE");
                yield SqlFragment.join(
                        "",
                        List.of(
                                SqlFragment.of("("),
                                value,
                                SqlFragment.of(
                                        (like.negated() ? " NOT" : "") + " LIKE ? ESCAPE '\\')", like.pattern())));
            }
            case Cql2Expr.In in -> {
                AttributeType type = typeOf(in.value());
                List<SqlFragment> parts = new ArrayList<>();
                parts.add(SqlFragment.of("("));
                parts.add(scalar(in.value(), type, "IN"));
                parts.add(SqlFragment.of(in.negated() ? " NOT IN (" : " IN ("));
                List<SqlFragment> items = new ArrayList<>();
                for (Operand item : in.list()) {
                    items.add(scalar(item, type, "IN"));
                }
                parts.add(SqlFragment.join(", ", items));
                parts.add(SqlFragment.of("))"));
                yield SqlFragment.join("", parts);
            }
            case Cql2Expr.Between between -> {
                AttributeType type = typeOf(between.value());
                yield SqlFragment.join(
                        "",
                        List.of(
                                SqlFragment.of("("),
                                scalar(between.value(), type, "BETWEEN"),
                                SqlFragment.of(between.negated() ? " NOT BETWEEN " : " BETWEEN "),
                                scalar(between.low(), type, "BETWEEN"),
                                SqlFragment.of(" AND "),
                                scalar(between.high(), type, "BETWEEN"),
                                SqlFragment.of(")")));
            }
            case Cql2Expr.IsNull isNull ->
                SqlFragment.join(
                        "",
                        List.of(
                                SqlFragment.of("("),
                                scalar(isNull.value(), null, "IS NULL"),
                                SqlFragment.of(isNull.negated() ? " IS NOT NULL)" : " IS NULL)")));
            case Cql2Expr.SpatialPredicate s -> spatial(s);
            case Cql2Expr.DWithin d -> {
                requireGeometryProperty(d.geometry(), "S_DWITHIN");
                if (!(d.geometryLiteral() instanceof Operand.GeometryLiteral g)) {
                    throw new InvalidFilterException("S_DWITHIN needs a geometry literal as its second argument");
                }
                yield dialect.withinDistance("geom", g.g(), d.distanceMetres());
            }
            case Cql2Expr.TemporalPredicate t -> temporal(t);
        };
    }

    private SqlFragment join(String separator, List<Cql2Expr> terms) {
        List<SqlFragment> parts = new ArrayList<>();
        for (Cql2Expr term : terms) {
            parts.add(render(term));
        }
        return wrap("", SqlFragment.join(separator, parts));
    }

    private static SqlFragment wrap(String prefix, SqlFragment inner) {
        return new SqlFragment(prefix + "(" + inner.sql() + ")", inner.params());
    }

    private SqlFragment comparison(Cql2Expr.Comparison c) {
        AttributeType type = typeOf(c.left()) != null ? typeOf(c.left()) : typeOf(c.right());
        SqlFragment left = scalar(c.left(), type, c.op().symbol());
        SqlFragment right = scalar(c.right(), type, c.op().symbol());
        String op = c.op().symbol();
        if (type == AttributeType.STRING && !op.equals("=") && !op.equals("<>")) {
            // Order text by code points, as the evaluator does (Java String order), whatever the database collation.
            left = new SqlFragment(dialect.binaryCollation(left.sql()), left.params());
        }
        return SqlFragment.join(
                "", List.of(SqlFragment.of("("), left, SqlFragment.of(" " + op + " "), right, SqlFragment.of(")")));
    }

    /** Returns the type of a property operand; null for literals. */
    private AttributeType typeOf(Operand operand) {
        if (operand instanceof Operand.Property p) {
            if (isGeometry(p.name())) {
                throw new InvalidFilterException("the geometry '" + p.name() + "' can be used only in spatial"
                        + " predicates (S_INTERSECTS, S_WITHIN, S_CONTAINS, S_DWITHIN)");
            }
            return attribute(p.name()).type();
        }
        return null;
    }

    private AttributeDef attribute(String name) {
        AttributeDef a = schema.get(name);
        if (a == null) {
            throw new InvalidFilterException("unknown property '" + name + "'; this layer has " + schema.keySet());
        }
        return a;
    }

    /** Renders a non-spatial operand; {@code type} is the attribute type it is compared with (null: any). */
    private SqlFragment scalar(Operand operand, AttributeType type, String operator) {
        return switch (operand) {
            case Operand.Property p -> {
                typeOf(p);
                yield SqlFragment.of(column.apply(p.name()));
            }
            case Operand.Literal l -> {
                checkLiteral(l.value(), type, operator);
                yield SqlFragment.of("?", l.value());
            }
            case Operand.TimeLiteral t -> {
                if (type != null && type != AttributeType.DATETIME && type != AttributeType.DATE) {
                    throw new InvalidFilterException(
                            "a time literal cannot be compared with a " + type.id() + " attribute (" + operator + ")");
                }
                if (!t.isInstant()) {
                    throw new InvalidFilterException("a DATE or INTERVAL can be compared only with temporal"
                            + " predicates such as T_INTERSECTS; use TIMESTAMP('...') with " + operator);
                }
                yield SqlFragment.of("?", t.start());
            }
            case Operand.GeometryLiteral g ->
                throw new InvalidFilterException(
                        "a geometry literal can be used only in spatial predicates, not with " + operator);
        };
    }

    private static void checkLiteral(Object value, AttributeType type, String operator) {
        if (type == null) {
            return;
        }
        boolean ok =
                switch (type) {
                    case INTEGER, NUMBER -> value instanceof Number;
                    case STRING -> value instanceof String;
                    case BOOLEAN -> value instanceof Boolean;
                    case DATETIME, DATE -> false; // needs a TIMESTAMP literal
                };
        if (!ok) {
            throw new InvalidFilterException("cannot compare a " + type.id() + " attribute with "
                    + (value instanceof String s ? "the text '" + s + "'" : String.valueOf(value)) + " ("
                    + operator + ")"
                    + (type == AttributeType.DATETIME ? "; write TIMESTAMP('2026-01-31T00:00:00Z')" : ""));
        }
    }

    private SqlFragment spatial(Cql2Expr.SpatialPredicate s) {
        boolean leftIsColumn = s.left() instanceof Operand.Property;
        Operand property = leftIsColumn ? s.left() : s.right();
        Operand literal = leftIsColumn ? s.right() : s.left();
        requireGeometryProperty(property, s.op().name());
        if (!(literal instanceof Operand.GeometryLiteral g)) {
            throw new InvalidFilterException(s.op().name() + " compares the geometry with a geometry literal such as"
                    + " POLYGON((...)) or BBOX(...)");
        }
        Geometry area = g.g();
        String function =
                switch (s.op().name()) {
                    case "S_INTERSECTS" -> "ST_Intersects";
                    case "S_WITHIN" -> leftIsColumn ? "ST_Within" : "ST_Contains";
                    case "S_CONTAINS" -> leftIsColumn ? "ST_Contains" : "ST_Within";
                    case "S_DISJOINT" -> "S_DISJOINT";
                    default ->
                        throw new InvalidFilterException(s.op().name() + " is not supported; use S_INTERSECTS,"
                                + " S_WITHIN, S_CONTAINS, S_DISJOINT or S_DWITHIN");
                };
        if (function.equals("S_DISJOINT")) {
            return SqlFragment.of("(NOT ST_Intersects(geom, ST_GeomFromWKB(?, 4326)))", SqlDialect.wkb(area));
        }
        return dialect.predicate(function, "geom", area);
    }

    private static void requireGeometryProperty(Operand operand, String predicate) {
        if (!(operand instanceof Operand.Property p) || !isGeometry(p.name())) {
            throw new InvalidFilterException(
                    predicate + " applies to the feature geometry: write it as " + predicate + "(geom, ...)");
        }
    }

    private SqlFragment temporal(Cql2Expr.TemporalPredicate t) {
        if (!(t.left() instanceof Operand.Property p) || !(t.right() instanceof Operand.TimeLiteral time)) {
            throw new InvalidFilterException(t.op().name() + " compares a time attribute with TIMESTAMP(...), DATE(...)"
                    + " or INTERVAL(...), in that order");
        }
        AttributeDef a = attribute(p.name());
        if (a.type() != AttributeType.DATETIME && a.type() != AttributeType.DATE) {
            throw new InvalidFilterException(t.op().name() + " needs a time attribute; '" + p.name() + "' is a "
                    + a.type().id());
        }
        String col = column.apply(p.name());
        List<SqlFragment> parts = new ArrayList<>();
        // An attribute value is an instant; the literal an interval [start, end] with null for an open end.
        switch (t.op().name()) {
            case "T_INTERSECTS" -> {
                parts.add(SqlFragment.of(col + " IS NOT NULL"));
                if (time.start() != null) {
                    parts.add(SqlFragment.of(col + " >= ?", time.start()));
                }
                if (time.end() != null) {
                    parts.add(SqlFragment.of(col + " <= ?", time.end()));
                }
            }
            case "T_BEFORE" -> parts.add(SqlFragment.of(col + " < ?", requireEnd(time.start(), t)));
            case "T_AFTER" -> parts.add(SqlFragment.of(col + " > ?", requireEnd(time.end(), t)));
            case "T_DURING" -> {
                parts.add(SqlFragment.of(col + " IS NOT NULL"));
                if (time.start() != null) {
                    parts.add(SqlFragment.of(col + " > ?", time.start()));
                }
                if (time.end() != null) {
                    parts.add(SqlFragment.of(col + " < ?", time.end()));
                }
            }
            default ->
                throw new InvalidFilterException(t.op().name() + " is not supported on instants; use"
                        + " T_INTERSECTS, T_BEFORE, T_AFTER or T_DURING");
        }
        return wrap("", SqlFragment.join(" AND ", parts));
    }

    private static Object requireEnd(Object bound, Cql2Expr.TemporalPredicate t) {
        if (bound == null) {
            throw new InvalidFilterException(t.op().name() + " needs a bounded time, not an open interval end");
        }
        return bound;
    }
}
