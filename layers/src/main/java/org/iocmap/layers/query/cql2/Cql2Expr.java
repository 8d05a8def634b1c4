package org.iocmap.layers.query.cql2;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Holds a parsed CQL2 boolean expression. Build one with {@link Cql2Parser#parse(String)}, write it back with {@link
 * Cql2Writer#write(Cql2Expr)} and evaluate it with {@link Cql2Evaluator}. Records are immutable and compare by value.
 */
public sealed interface Cql2Expr {

    /**
     * Returns the name of every {@link Operand.Property} the expression refers to, in order of first appearance, so
     * that a caller can reject names missing from the layer schema before running the filter. Includes the reserved
     * names ({@code geom}, {@code geometry}, {@code datetime}) when used. Returns an unmodifiable set.
     */
    static Set<String> propertyNames(Cql2Expr expr) {
        Set<String> names = new LinkedHashSet<>();
        collect(expr, names);
        return Collections.unmodifiableSet(names);
    }

    private static void collect(Cql2Expr expr, Set<String> names) {
        switch (expr) {
            case And and -> and.terms().forEach(term -> collect(term, names));
            case Or or -> or.terms().forEach(term -> collect(term, names));
            case Not not -> collect(not.term(), names);
            case Comparison c -> {
                collect(c.left(), names);
                collect(c.right(), names);
            }
            case Like like -> collect(like.value(), names);
            case In in -> {
                collect(in.value(), names);
                in.list().forEach(item -> collect(item, names));
            }
            case Between between -> {
                collect(between.value(), names);
                collect(between.low(), names);
                collect(between.high(), names);
            }
            case IsNull isNull -> collect(isNull.value(), names);
            case SpatialPredicate s -> {
                collect(s.left(), names);
                collect(s.right(), names);
            }
            case DWithin d -> {
                collect(d.geometry(), names);
                collect(d.geometryLiteral(), names);
            }
            case TemporalPredicate t -> {
                collect(t.left(), names);
                collect(t.right(), names);
            }
            case BooleanLiteral ignored -> {
                // refers to no property
            }
        }
    }

    private static void collect(Operand operand, Set<String> names) {
        if (operand instanceof Operand.Property p) {
            names.add(p.name());
        }
    }

    /** Holds terms joined by AND: true when every term is true, false when any is false, otherwise unknown. */
    record And(List<Cql2Expr> terms) implements Cql2Expr {
        public And {
            terms = List.copyOf(terms);
            if (terms.size() < 2) {
                throw new IllegalArgumentException("AND needs at least 2 terms, got " + terms.size());
            }
        }
    }

    /** Holds terms joined by OR: true when any term is true, false when every term is false, otherwise unknown. */
    record Or(List<Cql2Expr> terms) implements Cql2Expr {
        public Or {
            terms = List.copyOf(terms);
            if (terms.size() < 2) {
                throw new IllegalArgumentException("OR needs at least 2 terms, got " + terms.size());
            }
        }
    }

    /** Negates a term; the negation of unknown is unknown. */
    record Not(Cql2Expr term) implements Cql2Expr {
        public Not {
            Objects.requireNonNull(term, "term");
        }
    }

    /** Compares two scalar operands, such as {@code status = 'open'} or {@code level >= 3}. */
    record Comparison(ComparisonOp op, Operand left, Operand right) implements Cql2Expr {
        public Comparison {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }
    }

    /**
     * Matches a string against a pattern, case-sensitively: {@code %} stands for any run of characters, {@code _} for
     * exactly one character (code point), and a backslash makes the next character literal ({@code \%}, {@code \_},
     * {@code \\}).
     */
    record Like(Operand value, String pattern, boolean negated) implements Cql2Expr {
        public Like {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(pattern, "pattern");
        }
    }

    /** Tests whether a value equals one of a non-empty list of values, with SQL's treatment of unknowns. */
    record In(Operand value, List<Operand> list, boolean negated) implements Cql2Expr {
        public In {
            Objects.requireNonNull(value, "value");
            list = List.copyOf(list);
            if (list.isEmpty()) {
                throw new IllegalArgumentException("IN needs at least one value");
            }
        }
    }

    /** Tests {@code low <= value AND value <= high}, bounds included; false when low is above high. */
    record Between(Operand value, Operand low, Operand high, boolean negated) implements Cql2Expr {
        public Between {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(low, "low");
            Objects.requireNonNull(high, "high");
        }
    }

    /** Tests whether a value is missing or null; never unknown. */
    record IsNull(Operand value, boolean negated) implements Cql2Expr {
        public IsNull {
            Objects.requireNonNull(value, "value");
        }
    }

    /** Relates two geometries in the lon/lat plane, with JTS (and PostGIS geometry) semantics. */
    record SpatialPredicate(SpatialOp op, Operand left, Operand right) implements Cql2Expr {
        public SpatialPredicate {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }
    }

    /**
     * Tests whether a geometry lies within {@code distanceMetres} of a geometry literal on the WGS84 ellipsoid, the
     * bound included, like PostGIS {@code ST_DWithin(geography, geography, metres)}. Written {@code S_DWITHIN(geom,
     * POINT(109.19 12.24), 500, meters)}; the parser converts the units to metres.
     */
    record DWithin(Operand geometry, Operand geometryLiteral, double distanceMetres) implements Cql2Expr {
        public DWithin {
            Objects.requireNonNull(geometry, "geometry");
            Objects.requireNonNull(geometryLiteral, "geometryLiteral");
            if (!(distanceMetres >= 0) || Double.isInfinite(distanceMetres)) { // the negation also rejects NaN
                throw new IllegalArgumentException("distanceMetres must be finite and >= 0, was " + distanceMetres);
            }
        }
    }

    /** Relates two instants or intervals; see {@link TemporalOp} for each operator's definition. */
    record TemporalPredicate(TemporalOp op, Operand left, Operand right) implements Cql2Expr {
        public TemporalPredicate {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }
    }

    /** Holds {@code TRUE} or {@code FALSE} standing alone as a condition. */
    record BooleanLiteral(boolean value) implements Cql2Expr {}
}
