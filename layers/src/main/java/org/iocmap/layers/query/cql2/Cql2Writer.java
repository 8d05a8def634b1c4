package org.iocmap.layers.query.cql2;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.iocmap.layers.query.cql2.Cql2Expr.And;
import org.iocmap.layers.query.cql2.Cql2Expr.Between;
import org.iocmap.layers.query.cql2.Cql2Expr.BooleanLiteral;
import org.iocmap.layers.query.cql2.Cql2Expr.Comparison;
import org.iocmap.layers.query.cql2.Cql2Expr.DWithin;
import org.iocmap.layers.query.cql2.Cql2Expr.In;
import org.iocmap.layers.query.cql2.Cql2Expr.IsNull;
import org.iocmap.layers.query.cql2.Cql2Expr.Like;
import org.iocmap.layers.query.cql2.Cql2Expr.Not;
import org.iocmap.layers.query.cql2.Cql2Expr.Or;
import org.iocmap.layers.query.cql2.Cql2Expr.SpatialPredicate;
import org.iocmap.layers.query.cql2.Cql2Expr.TemporalPredicate;
import org.iocmap.layers.query.cql2.Operand.GeometryLiteral;
import org.iocmap.layers.query.cql2.Operand.Literal;
import org.iocmap.layers.query.cql2.Operand.Property;
import org.iocmap.layers.query.cql2.Operand.TimeLiteral;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Writes a {@link Cql2Expr} as CQL2 Text that {@link Cql2Parser#parse(String)} reads back into an equal expression:
 * parentheses wherever the tree differs from what precedence alone would give, numbers in the shortest form that
 * reads back to the same double, distances in meters, and names double-quoted when they are not plain identifiers.
 * Thread-safe.
 */
public final class Cql2Writer {
    private static final Set<String> RESERVED =
            Set.of("AND", "OR", "NOT", "LIKE", "IN", "BETWEEN", "IS", "NULL", "TRUE", "FALSE");

    private Cql2Writer() {}

    /** Returns {@code expr} as CQL2 Text. */
    public static String write(Cql2Expr expr) {
        StringBuilder out = new StringBuilder();
        write(expr, out);
        return out.toString();
    }

    /** Returns {@code operand} as CQL2 Text. */
    public static String write(Operand operand) {
        StringBuilder out = new StringBuilder();
        write(operand, out);
        return out.toString();
    }

    private static void write(Cql2Expr expr, StringBuilder out) {
        switch (expr) {
            case And and -> join(and.terms(), " AND ", out, true);
            case Or or -> join(or.terms(), " OR ", out, false);
            case Not not -> {
                out.append("NOT ");
                writeTerm(not.term(), out, not.term() instanceof And || not.term() instanceof Or);
            }
            case Comparison c -> {
                write(c.left(), out);
                out.append(' ').append(c.op().symbol()).append(' ');
                write(c.right(), out);
            }
            case Like like -> {
                write(like.value(), out);
                out.append(like.negated() ? " NOT LIKE " : " LIKE ");
                string(like.pattern(), out);
            }
            case In in -> {
                write(in.value(), out);
                out.append(in.negated() ? " NOT IN (" : " IN (");
                for (int i = 0; i < in.list().size(); i++) {
                    out.append(i == 0 ? "" : ", ");
                    write(in.list().get(i), out);
                }
                out.append(')');
            }
            case Between between -> {
                write(between.value(), out);
                out.append(between.negated() ? " NOT BETWEEN " : " BETWEEN ");
                write(between.low(), out);
                out.append(" AND ");
                write(between.high(), out);
            }
            case IsNull isNull -> {
                write(isNull.value(), out);
                out.append(isNull.negated() ? " IS NOT NULL" : " IS NULL");
            }
            case SpatialPredicate s -> {
                out.append(s.op().name()).append('(');
                write(s.left(), out);
                out.append(", ");
                write(s.right(), out);
                out.append(')');
            }
            case DWithin d -> {
                out.append("S_DWITHIN(");
                write(d.geometry(), out);
                out.append(", ");
                write(d.geometryLiteral(), out);
                out.append(", ");
                number(d.distanceMetres(), out);
                out.append(", meters)");
            }
            case TemporalPredicate t -> {
                out.append(t.op().name()).append('(');
                write(t.left(), out);
                out.append(", ");
                write(t.right(), out);
                out.append(')');
            }
            case BooleanLiteral b -> out.append(b.value() ? "TRUE" : "FALSE");
        }
    }

    /**
     * Joins terms; a nested AND or OR is always parenthesised, even where precedence would not need it, so that the
     * parser rebuilds the same tree rather than a flattened one.
     */
    private static void join(List<Cql2Expr> terms, String separator, StringBuilder out, boolean isAnd) {
        for (int i = 0; i < terms.size(); i++) {
            out.append(i == 0 ? "" : separator);
            Cql2Expr term = terms.get(i);
            // AND binds tighter than OR, so an AND inside an OR needs no parentheses; everything else nested does.
            writeTerm(term, out, term instanceof Or || (isAnd && term instanceof And));
        }
    }

    private static void writeTerm(Cql2Expr term, StringBuilder out, boolean parenthesise) {
        if (parenthesise) {
            out.append('(');
            write(term, out);
            out.append(')');
        } else {
            write(term, out);
        }
    }

    private static void write(Operand operand, StringBuilder out) {
        switch (operand) {
            case Property p -> name(p.name(), out);
            case Literal l -> {
                switch (l.value()) {
                    case String s -> string(s, out);
                    case Long n -> out.append(n);
                    case Double d -> out.append(d); // Double.toString is the shortest form that reads back the same
                    case Boolean b -> out.append(b ? "TRUE" : "FALSE");
                    default -> throw new IllegalStateException("unexpected literal " + l.value());
                }
            }
            case TimeLiteral t -> time(t, out);
            case GeometryLiteral g -> wkt(g.g(), out);
        }
    }

    private static void name(String name, StringBuilder out) {
        if (isPlainIdentifier(name)) {
            out.append(name);
        } else {
            out.append('"').append(name.replace("\"", "\"\"")).append('"');
        }
    }

    private static boolean isPlainIdentifier(String name) {
        if (name.isEmpty() || RESERVED.contains(name.toUpperCase(Locale.ROOT))) {
            return false;
        }
        int first = name.codePointAt(0);
        if (!(Character.isLetter(first) || first == '_')) {
            return false;
        }
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (!(Character.isLetterOrDigit(cp) || cp == '_' || cp == '.' || cp == ':')) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    private static void string(String s, StringBuilder out) {
        out.append('\'').append(s.replace("'", "''")).append('\'');
    }

    private static void time(TimeLiteral t, StringBuilder out) {
        if (t.isInstant()) {
            out.append("TIMESTAMP('").append(t.start()).append("')");
            return;
        }
        if (t.start() != null && t.end() != null) {
            LocalDate day = LocalDate.ofInstant(t.start(), ZoneOffset.UTC);
            Instant dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant();
            if (t.start().equals(dayStart)
                    && t.end().equals(dayStart.plus(Duration.ofDays(1)).minusNanos(1_000))) {
                out.append("DATE('").append(day).append("')");
                return;
            }
        }
        out.append("INTERVAL(");
        bound(t.start(), out);
        out.append(", ");
        bound(t.end(), out);
        out.append(')');
    }

    private static void bound(Instant instant, StringBuilder out) {
        out.append('\'').append(instant == null ? ".." : instant.toString()).append('\'');
    }

    private static void number(double d, StringBuilder out) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            out.append((long) d);
        } else {
            out.append(d);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // WKT, longitude first

    private static void wkt(Geometry g, StringBuilder out) {
        out.append(g.getGeometryType().toUpperCase(Locale.ROOT));
        if (g.isEmpty()) {
            out.append(" EMPTY");
            return;
        }
        switch (g) {
            case Point p -> {
                out.append('(');
                coordinate(p.getCoordinate(), out);
                out.append(')');
            }
            case LineString line -> sequence(line.getCoordinateSequence(), out);
            case Polygon polygon -> rings(polygon, out);
            case MultiPoint points -> {
                out.append('(');
                for (int i = 0; i < points.getNumGeometries(); i++) {
                    out.append(i == 0 ? "(" : ", (");
                    coordinate(points.getGeometryN(i).getCoordinate(), out);
                    out.append(')');
                }
                out.append(')');
            }
            case MultiLineString lines -> {
                out.append('(');
                for (int i = 0; i < lines.getNumGeometries(); i++) {
                    out.append(i == 0 ? "" : ", ");
                    sequence(((LineString) lines.getGeometryN(i)).getCoordinateSequence(), out);
                }
                out.append(')');
            }
            case MultiPolygon polygons -> {
                out.append('(');
                for (int i = 0; i < polygons.getNumGeometries(); i++) {
                    out.append(i == 0 ? "" : ", ");
                    rings((Polygon) polygons.getGeometryN(i), out);
                }
                out.append(')');
            }
            case GeometryCollection collection -> {
                out.append('(');
                for (int i = 0; i < collection.getNumGeometries(); i++) {
                    out.append(i == 0 ? "" : ", ");
                    wkt(collection.getGeometryN(i), out);
                }
                out.append(')');
            }
            default -> throw new IllegalStateException("unexpected geometry type " + g.getGeometryType());
        }
    }

    private static void rings(Polygon polygon, StringBuilder out) {
        out.append('(');
        sequence(polygon.getExteriorRing().getCoordinateSequence(), out);
        for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
            out.append(", ");
            sequence(polygon.getInteriorRingN(i).getCoordinateSequence(), out);
        }
        out.append(')');
    }

    private static void sequence(CoordinateSequence seq, StringBuilder out) {
        out.append('(');
        for (int i = 0; i < seq.size(); i++) {
            out.append(i == 0 ? "" : ", ");
            coordinate(seq.getCoordinate(i), out);
        }
        out.append(')');
    }

    private static void coordinate(Coordinate c, StringBuilder out) {
        number(c.getX(), out);
        out.append(' ');
        number(c.getY(), out);
        if (!Double.isNaN(c.getZ())) {
            out.append(' ');
            number(c.getZ(), out);
        }
    }
}
