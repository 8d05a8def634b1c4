package org.iocmap.layers.query.cql2;

import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
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
import org.iocmap.layers.query.geo.Geodesic;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * Evaluates a {@link Cql2Expr} against one feature in memory, with the same answers as the SQL the filter is rendered to
 * on PostgreSQL/PostGIS. The rules that SQL must mirror:
 *
 * <ul>
 *   <li><b>Three-valued logic.</b> A comparison, LIKE, IN, BETWEEN, spatial or temporal predicate with a missing or null
 *       value is unknown, and so is one between values of different types (a string and a number, say): never an
 *       exception. AND, OR and NOT follow SQL (NOT unknown is unknown), and a feature matches only when the whole
 *       filter is true. IS NULL is true for a missing key or a null value and is never unknown.
 *   <li><b>Numbers</b> compare by value across Long, Integer and Double ({@code 3 = 3.0}); integers compare exactly
 *       with doubles, with no rounding through double. In SQL, compare as {@code numeric}: PostgreSQL's own {@code
 *       bigint < float8} goes through float8 and differs beyond 2^53. NaN compares as unknown. Other {@link Number}
 *       types are read as long (Short, Byte) or double (the rest).
 *   <li><b>Strings</b> compare by Unicode code point, which is the binary order of UTF-8 and therefore PostgreSQL's
 *       {@code "C"} collation: {@code 'B' < 'a'} and {@code 'Z' < 'À'}. Render string comparisons with {@code COLLATE
 *       "C"}. For text in the Basic Multilingual Plane, which includes all Vietnamese, this is also {@link
 *       String#compareTo}. No Unicode normalisation is applied: store text in NFC.
 *   <li><b>LIKE</b> is case-sensitive (PostgreSQL LIKE, not ILIKE): {@code %} matches any run of characters, {@code _}
 *       exactly one code point, backslash escapes the next character.
 *   <li><b>Booleans</b> compare with {@code FALSE < TRUE}, as in PostgreSQL.
 *   <li><b>Times.</b> An {@link Instant} value is the interval [t, t]; a {@link TimeLiteral} is [start, end] with an
 *       open bound at infinity; DATE covers its whole UTC day. In comparisons, a &lt; b means a.end &lt; b.start, a &gt;
 *       b means a.start &gt; b.end, a = b means the two intervals share an instant, and &lt;=, &gt;=, &lt;&gt; are the
 *       negations of &gt;, &lt;, =. For instants these are the usual comparisons; against a DATE they mean comparing the
 *       UTC calendar day, {@code (t AT TIME ZONE 'UTC')::date op d}. Temporal predicates follow {@link TemporalOp}.
 *   <li><b>Spatial predicates</b> are the JTS predicates in the lon/lat plane, the same as PostGIS on {@code geometry}:
 *       a point on a polygon's boundary intersects it but is not within it. Being planar, they do not wrap: a polygon
 *       meant to cross the antimeridian must be split there (BBOX literals with minLon &gt; maxLon are split by the
 *       parser).
 *   <li><b>S_DWITHIN</b> is geodesic, {@code ST_DWithin(geom::geography, literal::geography, metres)}, bound included,
 *       computed by {@link Geodesic#isWithinDistance(Geometry, Geometry, double)}: exact when either side is a point;
 *       when neither is, vertices are measured geodesically and crossing edges found in the lon/lat plane (see there).
 *       Distances wrap across the antimeridian. An empty geometry is never within any distance.
 * </ul>
 *
 * <p>A feature property named {@code geom} or {@code geometry} is the feature's geometry and one named {@code datetime}
 * its primary instant; see {@link FeatureView}.
 *
 * <p>Immutable and thread-safe. Evaluating allocates nothing beyond what JTS allocates inside spatial predicates, as it
 * runs for every change of a live stream. {@link #of(Cql2Expr)} also prepares geometry literals once (an index for
 * polygons), which pays off when one filter checks many features. JTS may throw for a spatial predicate on an invalid
 * geometry; that exception propagates.
 */
public final class Cql2Evaluator implements Predicate<FeatureView> {
    private static final int INCOMPARABLE = Integer.MIN_VALUE;

    /** Sentinels for a null bound: a start is minus infinity, an end plus infinity. */
    private static final int START = -1;

    private static final int END = 1;

    private final Cql2Expr expr;
    /** Read-only after construction; keyed by identity because literal geometries are compared as objects. */
    private final Map<Geometry, PreparedGeometry> prepared;

    private Cql2Evaluator(Cql2Expr expr, Map<Geometry, PreparedGeometry> prepared) {
        this.expr = expr;
        this.prepared = prepared;
    }

    /** Creates an evaluator for {@code expr}, preparing its geometry literals once for repeated spatial tests. */
    public static Cql2Evaluator of(Cql2Expr expr) {
        Objects.requireNonNull(expr, "expr");
        Map<Geometry, PreparedGeometry> prepared = new IdentityHashMap<>();
        prepare(expr, prepared);
        return new Cql2Evaluator(expr, prepared);
    }

    /** Tests whether {@code feature} matches this evaluator's filter, that is, whether the filter is true (not unknown). */
    @Override
    public boolean test(FeatureView feature) {
        Objects.requireNonNull(feature, "feature");
        return eval(expr, feature, prepared) == Truth.TRUE;
    }

    /**
     * Tests whether {@code feature} matches {@code expr}, that is, whether the filter is true (not unknown). Prefer
     * {@link #of(Cql2Expr)} when one filter checks many features with polygon literals.
     */
    public static boolean matches(Cql2Expr expr, FeatureView feature) {
        Objects.requireNonNull(expr, "expr");
        Objects.requireNonNull(feature, "feature");
        return eval(expr, feature, Map.of()) == Truth.TRUE;
    }

    private static void prepare(Cql2Expr expr, Map<Geometry, PreparedGeometry> prepared) {
        switch (expr) {
            case And and -> and.terms().forEach(t -> prepare(t, prepared));
            case Or or -> or.terms().forEach(t -> prepare(t, prepared));
            case Not not -> prepare(not.term(), prepared);
            case SpatialPredicate s -> {
                if (s.left() instanceof GeometryLiteral g) {
                    prepared.put(g.g(), PreparedGeometryFactory.prepare(g.g()));
                }
                if (s.right() instanceof GeometryLiteral g) {
                    prepared.put(g.g(), PreparedGeometryFactory.prepare(g.g()));
                }
            }
            default -> {
                // no geometry literal that a prepared geometry would speed up
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Three-valued logic

    private enum Truth {
        TRUE,
        FALSE,
        UNKNOWN;

        static Truth of(boolean b) {
            return b ? TRUE : FALSE;
        }

        Truth not() {
            return this == TRUE ? FALSE : this == FALSE ? TRUE : UNKNOWN;
        }

        Truth and(Truth other) {
            if (this == FALSE || other == FALSE) {
                return FALSE;
            }
            return this == UNKNOWN || other == UNKNOWN ? UNKNOWN : TRUE;
        }
    }

    private static Truth eval(Cql2Expr e, FeatureView f, Map<Geometry, PreparedGeometry> prepared) {
        return switch (e) {
            case And and -> {
                Truth result = Truth.TRUE;
                List<Cql2Expr> terms = and.terms();
                for (int i = 0; i < terms.size(); i++) { // indexed: no iterator per evaluation
                    Truth t = eval(terms.get(i), f, prepared);
                    if (t == Truth.FALSE) {
                        yield Truth.FALSE;
                    }
                    if (t == Truth.UNKNOWN) {
                        result = Truth.UNKNOWN;
                    }
                }
                yield result;
            }
            case Or or -> {
                Truth result = Truth.FALSE;
                List<Cql2Expr> terms = or.terms();
                for (int i = 0; i < terms.size(); i++) {
                    Truth t = eval(terms.get(i), f, prepared);
                    if (t == Truth.TRUE) {
                        yield Truth.TRUE;
                    }
                    if (t == Truth.UNKNOWN) {
                        result = Truth.UNKNOWN;
                    }
                }
                yield result;
            }
            case Not not -> eval(not.term(), f, prepared).not();
            case Comparison c -> compare(c.op(), value(c.left(), f), value(c.right(), f));
            case Like like -> {
                if (!(value(like.value(), f) instanceof String s)) {
                    yield Truth.UNKNOWN; // null, or not a string
                }
                yield Truth.of(isLike(s, like.pattern()) != like.negated());
            }
            case In in -> in(in, f);
            case Between between -> {
                Object v = value(between.value(), f);
                Truth t = compare(ComparisonOp.GE, v, value(between.low(), f))
                        .and(compare(ComparisonOp.LE, v, value(between.high(), f)));
                yield between.negated() ? t.not() : t;
            }
            case IsNull isNull -> Truth.of((value(isNull.value(), f) == null) != isNull.negated());
            case SpatialPredicate s -> spatial(s, f, prepared);
            case DWithin d -> {
                if (!(value(d.geometry(), f) instanceof Geometry a)
                        || !(value(d.geometryLiteral(), f) instanceof Geometry b)) {
                    yield Truth.UNKNOWN;
                }
                if (a.isEmpty() || b.isEmpty()) {
                    yield Truth.FALSE; // as ST_DWithin: nothing is near an empty geometry
                }
                yield Truth.of(Geodesic.isWithinDistance(a, b, d.distanceMetres()));
            }
            case TemporalPredicate t -> temporal(t.op(), value(t.left(), f), value(t.right(), f));
            case BooleanLiteral b -> Truth.of(b.value());
        };
    }

    private static Object value(Operand operand, FeatureView f) {
        return switch (operand) {
            case Property p -> property(p.name(), f);
            case Literal l -> l.value();
            case TimeLiteral t -> t;
            case GeometryLiteral g -> g.g();
        };
    }

    private static Object property(String name, FeatureView f) {
        if (name.equalsIgnoreCase("geom") || name.equalsIgnoreCase("geometry")) {
            return f.geometry();
        }
        if (name.equalsIgnoreCase("datetime")) {
            return f.time();
        }
        return f.properties().get(name);
    }

    private static Truth in(In in, FeatureView f) {
        Object v = value(in.value(), f);
        boolean unknown = false;
        List<Operand> list = in.list();
        for (int i = 0; i < list.size(); i++) {
            Truth t = compare(ComparisonOp.EQ, v, value(list.get(i), f));
            if (t == Truth.TRUE) {
                return in.negated() ? Truth.FALSE : Truth.TRUE;
            }
            unknown |= t == Truth.UNKNOWN;
        }
        // As SQL: x IN (…) is unknown, not false, when no item equals x but some comparison was unknown.
        Truth result = unknown ? Truth.UNKNOWN : Truth.FALSE;
        return in.negated() ? result.not() : result;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Comparisons

    private static Truth compare(ComparisonOp op, Object l, Object r) {
        if (l == null || r == null) {
            return Truth.UNKNOWN;
        }
        if (isTime(l) && isTime(r)) {
            return compareTimes(op, l, r);
        }
        int c = order(l, r);
        if (c == INCOMPARABLE) {
            return Truth.UNKNOWN;
        }
        return Truth.of(
                switch (op) {
                    case EQ -> c == 0;
                    case NE -> c != 0;
                    case LT -> c < 0;
                    case LE -> c <= 0;
                    case GT -> c > 0;
                    case GE -> c >= 0;
                });
    }

    /** Returns the sign of l − r, or {@link #INCOMPARABLE} for values of different types or NaN. */
    private static int order(Object l, Object r) {
        if (l instanceof String a && r instanceof String b) {
            return Integer.signum(compareCodePoints(a, b));
        }
        if (l instanceof Number a && r instanceof Number b) {
            return compareNumbers(a, b);
        }
        if (l instanceof Boolean a && r instanceof Boolean b) {
            return Boolean.compare(a, b);
        }
        return INCOMPARABLE;
    }

    /**
     * Compares strings by code point, the order of their UTF-8 bytes. UTF-16 order differs from it only where a
     * surrogate meets a character in U+E000..U+FFFF, so those two ranges are swapped before subtracting.
     */
    static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char ca = a.charAt(i);
            char cb = b.charAt(i);
            if (ca != cb) {
                if (ca >= 0xD800 && cb >= 0xD800) {
                    return codePointRank(ca) - codePointRank(cb);
                }
                return ca - cb;
            }
        }
        return a.length() - b.length();
    }

    private static int codePointRank(char c) {
        // Surrogates (supplementary code points) must sort after U+E000..U+FFFF.
        return c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }

    private static int compareNumbers(Number a, Number b) {
        boolean aIntegral = isIntegral(a);
        boolean bIntegral = isIntegral(b);
        if (aIntegral && bIntegral) {
            return Long.compare(a.longValue(), b.longValue());
        }
        if (aIntegral) {
            return compareLongDouble(a.longValue(), b.doubleValue());
        }
        if (bIntegral) {
            int c = compareLongDouble(b.longValue(), a.doubleValue());
            return c == INCOMPARABLE ? c : -c;
        }
        double x = a.doubleValue();
        double y = b.doubleValue();
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return INCOMPARABLE;
        }
        return x < y ? -1 : x > y ? 1 : 0; // not Double.compare: -0.0 must equal 0.0, as in SQL
    }

    private static boolean isIntegral(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
    }

    /** Compares a long with a double exactly, without rounding the long to a double on the way. */
    private static int compareLongDouble(long l, double d) {
        if (Double.isNaN(d)) {
            return INCOMPARABLE;
        }
        if (d >= 0x1p63) {
            return -1;
        }
        if (d < -0x1p63) {
            return 1;
        }
        long truncated = (long) d; // exact now that d is within the long range
        if (l != truncated) {
            return Long.compare(l, truncated);
        }
        double fraction = d - truncated;
        return fraction > 0 ? -1 : fraction < 0 ? 1 : 0;
    }

    /**
     * Tests {@code s LIKE pattern}: a greedy match that backtracks only to the last {@code %}, so it needs no memory
     * and at most length(s) × length(pattern) steps.
     */
    static boolean isLike(String s, String pattern) {
        int si = 0;
        int pi = 0;
        int starPattern = -1; // pattern index just after the last %
        int starString = -1; // string index that % has matched up to
        while (si < s.length()) {
            if (pi < pattern.length()) {
                char pc = pattern.charAt(pi);
                if (pc == '%') {
                    starPattern = ++pi;
                    starString = si;
                    continue;
                }
                int sc = s.codePointAt(si);
                if (pc == '_') {
                    si += Character.charCount(sc);
                    pi++;
                    continue;
                }
                int literal;
                int literalLength;
                if (pc == '\\' && pi + 1 < pattern.length()) {
                    literal = pattern.codePointAt(pi + 1);
                    literalLength = 1 + Character.charCount(literal);
                } else {
                    literal = pattern.codePointAt(pi);
                    literalLength = Character.charCount(literal);
                }
                if (sc == literal) {
                    si += Character.charCount(sc);
                    pi += literalLength;
                    continue;
                }
            }
            if (starPattern < 0) {
                return false;
            }
            // Let the last % swallow one more character and retry from just after it.
            starString += Character.charCount(s.codePointAt(starString));
            si = starString;
            pi = starPattern;
        }
        while (pi < pattern.length() && pattern.charAt(pi) == '%') {
            pi++;
        }
        return pi == pattern.length();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Times

    private static boolean isTime(Object o) {
        return o instanceof Instant || o instanceof TimeLiteral;
    }

    private static Instant start(Object time) {
        return time instanceof Instant i ? i : ((TimeLiteral) time).start();
    }

    private static Instant end(Object time) {
        return time instanceof Instant i ? i : ((TimeLiteral) time).end();
    }

    /** Compares two bounds; a null bound is minus infinity when its sentinel is {@link #START}, plus when {@link #END}. */
    private static int bound(Instant a, int aWhenNull, Instant b, int bWhenNull) {
        if (a == null || b == null) {
            return Integer.compare(a == null ? aWhenNull : 0, b == null ? bWhenNull : 0);
        }
        return a.compareTo(b);
    }

    private static Truth compareTimes(ComparisonOp op, Object l, Object r) {
        Instant ls = start(l);
        Instant le = end(l);
        Instant rs = start(r);
        Instant re = end(r);
        boolean shareAnInstant = bound(ls, START, re, END) <= 0 && bound(le, END, rs, START) >= 0;
        return Truth.of(
                switch (op) {
                    case LT -> bound(le, END, rs, START) < 0;
                    case GT -> bound(ls, START, re, END) > 0;
                    case LE -> bound(ls, START, re, END) <= 0;
                    case GE -> bound(le, END, rs, START) >= 0;
                    case EQ -> shareAnInstant;
                    case NE -> !shareAnInstant;
                });
    }

    private static Truth temporal(TemporalOp op, Object l, Object r) {
        if (!isTime(l) || !isTime(r)) {
            return Truth.UNKNOWN; // null, or not a time
        }
        Instant as = start(l);
        Instant ae = end(l);
        Instant bs = start(r);
        Instant be = end(r);
        int startStart = bound(as, START, bs, START);
        int endEnd = bound(ae, END, be, END);
        int startEnd = bound(as, START, be, END);
        int endStart = bound(ae, END, bs, START);
        return Truth.of(
                switch (op) {
                    case T_AFTER -> startEnd > 0;
                    case T_BEFORE -> endStart < 0;
                    case T_CONTAINS -> startStart < 0 && endEnd > 0;
                    case T_DISJOINT -> !(startEnd <= 0 && endStart >= 0);
                    case T_DURING -> startStart > 0 && endEnd < 0;
                    case T_EQUALS -> startStart == 0 && endEnd == 0;
                    case T_FINISHEDBY -> startStart < 0 && endEnd == 0;
                    case T_FINISHES -> startStart > 0 && endEnd == 0;
                    case T_INTERSECTS -> startEnd <= 0 && endStart >= 0;
                    case T_MEETS -> endStart == 0;
                    case T_METBY -> startEnd == 0;
                    case T_OVERLAPPEDBY -> startStart > 0 && startEnd < 0 && endEnd > 0;
                    case T_OVERLAPS -> startStart < 0 && endStart > 0 && endEnd < 0;
                    case T_STARTEDBY -> startStart == 0 && endEnd > 0;
                    case T_STARTS -> startStart == 0 && endEnd < 0;
                });
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Geometries

    private static Truth spatial(SpatialPredicate s, FeatureView f, Map<Geometry, PreparedGeometry> prepared) {
        if (!(value(s.left(), f) instanceof Geometry a) || !(value(s.right(), f) instanceof Geometry b)) {
            return Truth.UNKNOWN; // null, or not a geometry
        }
        PreparedGeometry pa = s.left() instanceof GeometryLiteral ? prepared.get(a) : null;
        PreparedGeometry pb = s.right() instanceof GeometryLiteral ? prepared.get(b) : null;
        return Truth.of(
                switch (s.op()) {
                    case S_INTERSECTS -> intersects(a, pa, b, pb);
                    case S_DISJOINT -> !intersects(a, pa, b, pb);
                    // within(a, b) is contains(b, a): use whichever side is prepared.
                    case S_WITHIN -> pb != null ? pb.contains(a) : pa != null ? pa.within(b) : a.within(b);
                    case S_CONTAINS -> pa != null ? pa.contains(b) : pb != null ? pb.within(a) : a.contains(b);
                });
    }

    private static boolean intersects(Geometry a, PreparedGeometry pa, Geometry b, PreparedGeometry pb) {
        if (pa != null) {
            return pa.intersects(b);
        }
        return pb != null ? pb.intersects(a) : a.intersects(b);
    }
}
