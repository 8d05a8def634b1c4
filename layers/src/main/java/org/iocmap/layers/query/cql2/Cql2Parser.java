package org.iocmap.layers.query.cql2;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
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
import org.iocmap.layers.query.cql2.Cql2Lexer.Kind;
import org.iocmap.layers.query.cql2.Cql2Lexer.Token;
import org.iocmap.layers.query.cql2.Operand.GeometryLiteral;
import org.iocmap.layers.query.cql2.Operand.Literal;
import org.iocmap.layers.query.cql2.Operand.Property;
import org.iocmap.layers.query.cql2.Operand.TimeLiteral;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Parses CQL2 Text (OGC 21-065) into a {@link Cql2Expr}, by recursive descent.
 *
 * <p>Supported: AND, OR, NOT (precedence NOT &gt; AND &gt; OR) and parentheses; comparisons {@code = <> < <= > >=};
 * [NOT] LIKE, [NOT] IN, [NOT] BETWEEN, IS [NOT] NULL; S_INTERSECTS, S_WITHIN, S_CONTAINS, S_DISJOINT and {@code
 * S_DWITHIN(geom, POINT(109.19 12.24), 500, meters)}; all fifteen T_ temporal predicates; TRUE and FALSE. Literals are
 * 'strings' (with '' for a quote), numbers (Long without a decimal point or exponent, otherwise Double), TRUE, FALSE,
 * TIMESTAMP('…'), DATE('…'), INTERVAL(…, …) with '..' for an open end, WKT geometries in lon/lat and BBOX(minLon,
 * minLat, maxLon, maxLat). Property names are identifiers or "double-quoted" (with "" for a quote).
 *
 * <p>Keywords are case-insensitive. AND, OR, NOT, LIKE, IN, BETWEEN, IS, NULL, TRUE and FALSE are reserved; a property
 * with such a name must be double-quoted. Other keywords (DATE, POINT, …) are keywords only before a parenthesis.
 *
 * <p>Rejected with a {@link Cql2SyntaxException} that gives the position and what was expected: empty input,
 * unbalanced parentheses, unterminated strings, invalid WKT or coordinates outside lon/lat ranges, trailing text,
 * functions, arithmetic, array predicates and the spatial predicates not supported yet (S_EQUALS, S_TOUCHES,
 * S_OVERLAPS, S_CROSSES). A geometry or an INTERVAL used in a comparison is rejected too, since it has no order.
 *
 * <p>Thread-safe: each call works on its own state.
 */
public final class Cql2Parser {
    static final String EXPECTED_PREDICATE_OPERATOR =
            "a comparison operator (=, <>, <, <=, >, >=), LIKE, IN, BETWEEN or IS";
    static final String EXPECTED_OPERAND = "a property name or a literal";
    static final String EXPECTED_CONDITION =
            "a condition (a comparison, a spatial or temporal predicate, TRUE, FALSE or '(')";
    static final String EXPECTED_SPATIAL_ARGUMENT =
            "a property name or a geometry (POINT, LINESTRING, POLYGON, MULTI…, GEOMETRYCOLLECTION or BBOX)";
    static final String EXPECTED_TEMPORAL_ARGUMENT = "a property name or a time (TIMESTAMP, DATE or INTERVAL)";
    static final String EXPECTED_UNIT = "a distance unit: meters, m, kilometers or km";

    /** Deeper nesting is refused rather than risking the stack on hostile input. */
    private static final int MAX_DEPTH = 100;

    /** Shared factory for geometry literals; GeometryFactory is immutable, so sharing it across threads is safe. */
    private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

    private static final Set<String> RESERVED =
            Set.of("AND", "OR", "NOT", "LIKE", "IN", "BETWEEN", "IS", "NULL", "TRUE", "FALSE");
    private static final Set<String> GEOMETRY_TYPES = Set.of(
            "POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION");
    private static final Set<String> UNSUPPORTED_SPATIAL = Set.of("S_EQUALS", "S_TOUCHES", "S_OVERLAPS", "S_CROSSES");

    /** The last microsecond of a day: PostgreSQL timestamps have microsecond resolution. */
    private static final Duration DAY_MINUS_ONE_MICRO = Duration.ofDays(1).minusNanos(1_000);

    private final List<Token> tokens;
    private int index;
    private int depth;

    private Cql2Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /**
     * Parses CQL2 Text into an expression tree.
     *
     * @throws Cql2SyntaxException if the text is empty or not valid CQL2 Text, or uses a part of CQL2 not supported
     *     yet; its {@link Cql2SyntaxException#position()} is a 0-based offset into {@code text}
     */
    public static Cql2Expr parse(String text) {
        Objects.requireNonNull(text, "text");
        Cql2Parser parser = new Cql2Parser(Cql2Lexer.tokenize(text));
        Token first = parser.peek();
        if (first.kind() == Kind.EOF) {
            throw Cql2SyntaxException.expected(first.start(), "a filter expression", "the end of the input");
        }
        Cql2Expr expr = parser.orExpr();
        Token rest = parser.peek();
        if (rest.kind() == Kind.RPAREN) {
            throw Cql2SyntaxException.problem(
                    rest.start(), "this ')' closes no '('", "AND, OR or the end of the input");
        }
        if (rest.kind() != Kind.EOF) {
            throw Cql2SyntaxException.expected(rest.start(), "AND, OR or the end of the input", found(rest));
        }
        return expr;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Boolean structure

    private Cql2Expr orExpr() {
        Cql2Expr first = andExpr();
        if (!peek().is("OR")) {
            return first;
        }
        List<Cql2Expr> terms = new ArrayList<>();
        terms.add(first);
        while (peek().is("OR")) {
            next();
            terms.add(andExpr());
        }
        return new Or(terms);
    }

    private Cql2Expr andExpr() {
        Cql2Expr first = notExpr();
        if (!peek().is("AND")) {
            return first;
        }
        List<Cql2Expr> terms = new ArrayList<>();
        terms.add(first);
        while (peek().is("AND")) {
            next();
            terms.add(notExpr());
        }
        return new And(terms);
    }

    private Cql2Expr notExpr() {
        Token t = peek();
        if (t.is("NOT")) {
            next();
            enter(t);
            Cql2Expr term = notExpr();
            depth--;
            return new Not(term);
        }
        return primary();
    }

    private Cql2Expr primary() {
        Token t = peek();
        if (t.kind() == Kind.LPAREN) {
            next();
            enter(t);
            Cql2Expr inner = orExpr();
            Token close = peek();
            if (close.kind() != Kind.RPAREN) {
                throw Cql2SyntaxException.expected(
                        close.start(), "')' to close the '(' at position " + t.start() + ", AND or OR", found(close));
            }
            next();
            depth--;
            return inner;
        }
        if (t.kind() == Kind.IDENT && peekAt(1).kind() == Kind.LPAREN) {
            Cql2Expr predicate = namedPredicate(t);
            if (predicate != null) {
                return predicate;
            }
        }
        if ((t.is("TRUE") || t.is("FALSE")) && !startsPredicateTail(1)) {
            next();
            return new BooleanLiteral(t.is("TRUE"));
        }
        if (t.kind() != Kind.IDENT
                && t.kind() != Kind.QUOTED_IDENT
                && t.kind() != Kind.STRING
                && t.kind() != Kind.NUMBER) {
            throw Cql2SyntaxException.expected(t.start(), EXPECTED_CONDITION, found(t));
        }
        int leftIndex = index;
        Operand left = operand();
        return predicateTail(left, leftIndex);
    }

    /** Parses S_…(…) and T_…(…), or returns null when {@code name(} is a literal such as DATE(…) or POINT(…). */
    private Cql2Expr namedPredicate(Token name) {
        String upper = name.text().toUpperCase(Locale.ROOT);
        for (SpatialOp op : SpatialOp.values()) {
            if (op.name().equals(upper)) {
                return spatial(op);
            }
        }
        if (upper.equals("S_DWITHIN")) {
            return dWithin();
        }
        for (TemporalOp op : TemporalOp.values()) {
            if (op.name().equals(upper)) {
                return temporal(op);
            }
        }
        if (UNSUPPORTED_SPATIAL.contains(upper)) {
            throw Cql2SyntaxException.problem(
                    name.start(),
                    upper + " is not supported yet",
                    "S_INTERSECTS, S_WITHIN, S_CONTAINS, S_DISJOINT or S_DWITHIN");
        }
        if (upper.startsWith("A_")) {
            throw Cql2SyntaxException.problem(
                    name.start(), "array predicates such as " + upper + " are not supported", EXPECTED_CONDITION);
        }
        if (isLiteralKeyword(upper)) {
            return null;
        }
        throw Cql2SyntaxException.problem(
                name.start(), "functions such as " + name.text() + "(…) are not supported", EXPECTED_CONDITION);
    }

    private boolean startsPredicateTail(int offset) {
        Token t = peekAt(offset);
        return t.kind() == Kind.OP
                || t.is("LIKE")
                || t.is("IN")
                || t.is("BETWEEN")
                || t.is("IS")
                || (t.is("NOT")
                        && (peekAt(offset + 1).is("LIKE")
                                || peekAt(offset + 1).is("IN")
                                || peekAt(offset + 1).is("BETWEEN")));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Comparison predicates

    private Cql2Expr predicateTail(Operand left, int leftIndex) {
        Token t = peek();
        if (t.kind() == Kind.OP) {
            next();
            ComparisonOp op = ComparisonOp.fromSymbol(t.text());
            checkComparable(left, leftIndex);
            Operand right = comparableOperand();
            return new Comparison(op, left, right);
        }
        boolean negated = false;
        if (t.is("NOT")) {
            next();
            negated = true;
            t = peek();
            if (!(t.is("LIKE") || t.is("IN") || t.is("BETWEEN"))) {
                throw Cql2SyntaxException.expected(t.start(), "LIKE, IN or BETWEEN after NOT", found(t));
            }
        }
        if (t.is("LIKE")) {
            next();
            checkComparable(left, leftIndex);
            Token pattern = next();
            if (pattern.kind() != Kind.STRING) {
                throw Cql2SyntaxException.expected(
                        pattern.start(), "a pattern in single quotes, such as 'Rác%'", found(pattern));
            }
            checkLikePattern(pattern);
            return new Like(left, (String) pattern.value(), negated);
        }
        if (t.is("IN")) {
            next();
            checkComparable(left, leftIndex);
            expect(Kind.LPAREN, "'(' and a list of values");
            List<Operand> list = new ArrayList<>();
            list.add(comparableOperand());
            while (peek().kind() == Kind.COMMA) {
                next();
                list.add(comparableOperand());
            }
            expect(Kind.RPAREN, "',' or ')'");
            return new In(left, list, negated);
        }
        if (t.is("BETWEEN")) {
            next();
            checkComparable(left, leftIndex);
            Operand low = comparableOperand();
            Token and = peek();
            if (!and.is("AND")) {
                throw Cql2SyntaxException.expected(and.start(), "AND between the two bounds of BETWEEN", found(and));
            }
            next();
            Operand high = comparableOperand();
            return new Between(left, low, high, negated);
        }
        if (t.is("IS")) {
            next();
            boolean notNull = false;
            if (peek().is("NOT")) {
                next();
                notNull = true;
            }
            Token nul = peek();
            if (!nul.is("NULL")) {
                throw Cql2SyntaxException.expected(nul.start(), notNull ? "NULL" : "NULL or NOT NULL", found(nul));
            }
            next();
            return new IsNull(left, notNull);
        }
        throw Cql2SyntaxException.expected(t.start(), EXPECTED_PREDICATE_OPERATOR, found(t));
    }

    private Operand comparableOperand() {
        int at = index;
        Operand operand = operand();
        checkComparable(operand, at);
        return operand;
    }

    /** Rejects operands without an order: geometries and INTERVALs, which belong in S_ and T_ predicates. */
    private void checkComparable(Operand operand, int tokenIndex) {
        Token t = tokens.get(tokenIndex);
        if (operand instanceof GeometryLiteral) {
            throw Cql2SyntaxException.expected(
                    t.start(),
                    "a property name or a scalar literal (a geometry goes in a spatial predicate such as S_INTERSECTS)",
                    "a geometry");
        }
        if (operand instanceof TimeLiteral && t.is("INTERVAL")) {
            throw Cql2SyntaxException.expected(
                    t.start(),
                    "a property name or a scalar literal (an INTERVAL goes in a temporal predicate such as"
                            + " T_INTERSECTS)",
                    "an INTERVAL");
        }
    }

    private static void checkLikePattern(Token pattern) {
        String p = (String) pattern.value();
        for (int i = 0; i < p.length(); i++) {
            if (p.charAt(i) == '\\') {
                if (i + 1 == p.length()) {
                    throw Cql2SyntaxException.problem(
                            pattern.start(),
                            "the LIKE pattern ends with a lone backslash",
                            "a pattern where each backslash escapes the character after it (\\% \\_ \\\\)");
                }
                i++; // skip the escaped character
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Spatial and temporal predicates

    private Cql2Expr spatial(SpatialOp op) {
        next();
        expect(Kind.LPAREN, "'('");
        Operand left = spatialArgument();
        expect(Kind.COMMA, "',' between the two geometries");
        Operand right = spatialArgument();
        expect(Kind.RPAREN, "')'");
        return new SpatialPredicate(op, left, right);
    }

    private Cql2Expr dWithin() {
        Token name = next();
        expect(Kind.LPAREN, "'('");
        Operand first = spatialArgument();
        expect(Kind.COMMA, "',' between the two geometries");
        Operand second = spatialArgument();
        expect(Kind.COMMA, "',' and a distance");
        Token distance = next();
        if (distance.kind() != Kind.NUMBER || ((Number) distance.value()).doubleValue() < 0) {
            throw Cql2SyntaxException.expected(distance.start(), "a distance of 0 or more", found(distance));
        }
        expect(Kind.COMMA, "',' and " + EXPECTED_UNIT);
        Token unit = next();
        double factor;
        if (unit.is("meters") || unit.is("m")) {
            factor = 1;
        } else if (unit.is("kilometers") || unit.is("km")) {
            factor = 1000;
        } else {
            throw Cql2SyntaxException.expected(unit.start(), EXPECTED_UNIT, found(unit));
        }
        expect(Kind.RPAREN, "')'");
        // The distance is symmetric, so put the literal second whichever way round it was written.
        if (!(second instanceof GeometryLiteral) && first instanceof GeometryLiteral) {
            Operand swap = first;
            first = second;
            second = swap;
        }
        if (!(second instanceof GeometryLiteral)) {
            throw Cql2SyntaxException.problem(
                    name.start(),
                    "S_DWITHIN compares two properties",
                    "a geometry literal, such as POINT(109.19 12.24), as one of its first two arguments");
        }
        return new DWithin(first, second, ((Number) distance.value()).doubleValue() * factor);
    }

    private Operand spatialArgument() {
        int at = index;
        Operand operand = operand();
        if (!(operand instanceof Property || operand instanceof GeometryLiteral)) {
            throw Cql2SyntaxException.expected(
                    tokens.get(at).start(), EXPECTED_SPATIAL_ARGUMENT, found(tokens.get(at)));
        }
        return operand;
    }

    private Cql2Expr temporal(TemporalOp op) {
        next();
        expect(Kind.LPAREN, "'('");
        Operand left = temporalArgument();
        expect(Kind.COMMA, "',' between the two times");
        Operand right = temporalArgument();
        expect(Kind.RPAREN, "')'");
        return new TemporalPredicate(op, left, right);
    }

    private Operand temporalArgument() {
        int at = index;
        Operand operand = operand();
        if (!(operand instanceof Property || operand instanceof TimeLiteral)) {
            throw Cql2SyntaxException.expected(
                    tokens.get(at).start(), EXPECTED_TEMPORAL_ARGUMENT, found(tokens.get(at)));
        }
        return operand;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Operands and literals

    private Operand operand() {
        Token t = next();
        switch (t.kind()) {
            case STRING, NUMBER -> {
                return new Literal(t.value());
            }
            case QUOTED_IDENT -> {
                if (((String) t.value()).isEmpty()) {
                    throw Cql2SyntaxException.expected(t.start(), "a property name", "an empty name");
                }
                return new Property((String) t.value());
            }
            case IDENT -> {
                return identifierOperand(t);
            }
            default -> throw Cql2SyntaxException.expected(t.start(), EXPECTED_OPERAND, found(t));
        }
    }

    private Operand identifierOperand(Token t) {
        String upper = t.text().toUpperCase(Locale.ROOT);
        if (upper.equals("TRUE") || upper.equals("FALSE")) {
            return new Literal(upper.equals("TRUE"));
        }
        if (peek().kind() == Kind.LPAREN) {
            return switch (upper) {
                case "TIMESTAMP" -> timestamp();
                case "DATE" -> date();
                case "INTERVAL" -> interval(t);
                case "BBOX" -> bbox();
                default -> {
                    if (GEOMETRY_TYPES.contains(upper)) {
                        yield new GeometryLiteral(geometry(t));
                    }
                    throw Cql2SyntaxException.problem(
                            t.start(), "functions such as " + t.text() + "(…) are not supported", EXPECTED_OPERAND);
                }
            };
        }
        if (GEOMETRY_TYPES.contains(upper)
                && (peek().is("EMPTY") || peek().is("Z") || peek().is("M") || peek().is("ZM"))) {
            return new GeometryLiteral(geometry(t));
        }
        if (RESERVED.contains(upper)) {
            throw Cql2SyntaxException.expected(t.start(), EXPECTED_OPERAND, "the keyword " + upper);
        }
        return new Property(t.text());
    }

    private static boolean isLiteralKeyword(String upper) {
        return upper.equals("TIMESTAMP")
                || upper.equals("DATE")
                || upper.equals("INTERVAL")
                || upper.equals("BBOX")
                || GEOMETRY_TYPES.contains(upper);
    }

    private TimeLiteral timestamp() {
        expect(Kind.LPAREN, "'('");
        Token s = next();
        if (s.kind() != Kind.STRING) {
            throw Cql2SyntaxException.expected(
                    s.start(), "a timestamp in single quotes, such as '2026-01-01T00:00:00Z'", found(s));
        }
        Instant instant = parseTimestamp(s);
        expect(Kind.RPAREN, "')'");
        return TimeLiteral.of(instant);
    }

    private TimeLiteral date() {
        expect(Kind.LPAREN, "'('");
        Token s = next();
        if (s.kind() != Kind.STRING) {
            throw Cql2SyntaxException.expected(s.start(), "a date in single quotes, such as '2026-01-31'", found(s));
        }
        TimeLiteral day = parseDay(s);
        expect(Kind.RPAREN, "')'");
        return day;
    }

    private TimeLiteral interval(Token keyword) {
        expect(Kind.LPAREN, "'('");
        Instant start = intervalBound(true);
        expect(Kind.COMMA, "',' between the start and the end");
        Instant end = intervalBound(false);
        expect(Kind.RPAREN, "')'");
        if (start != null && end != null && start.isAfter(end)) {
            throw Cql2SyntaxException.problem(
                    keyword.start(),
                    "the interval starts (" + start + ") after it ends (" + end + ")",
                    "an INTERVAL whose start is not after its end");
        }
        return new TimeLiteral(start, end);
    }

    /** Reads one bound of an INTERVAL: '..' (open, null), a date (its first or last microsecond) or a timestamp. */
    private Instant intervalBound(boolean isStart) {
        Token t = peek();
        TimeLiteral value;
        if (t.kind() == Kind.STRING) {
            next();
            String s = (String) t.value();
            if (s.equals("..")) {
                return null;
            }
            value = s.length() == 10 ? parseDay(t) : TimeLiteral.of(parseTimestamp(t));
        } else if ((t.is("DATE") || t.is("TIMESTAMP")) && peekAt(1).kind() == Kind.LPAREN) {
            next();
            value = t.is("DATE") ? date() : timestamp();
        } else {
            throw Cql2SyntaxException.expected(
                    t.start(), "a timestamp, a date or '..' (an open end) as a bound of INTERVAL", found(t));
        }
        return isStart ? value.start() : value.end();
    }

    private static Instant parseTimestamp(Token s) {
        try {
            return OffsetDateTime.parse((String) s.value(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException e) {
            throw Cql2SyntaxException.expected(
                    s.start(), "a timestamp such as '2026-01-01T00:00:00Z' (RFC 3339, with Z or an offset)", found(s));
        }
    }

    private static TimeLiteral parseDay(Token s) {
        LocalDate day;
        try {
            day = LocalDate.parse((String) s.value(), DateTimeFormatter.ISO_LOCAL_DATE);
        } catch (DateTimeParseException e) {
            throw Cql2SyntaxException.expected(s.start(), "a date such as '2026-01-31'", found(s));
        }
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        return new TimeLiteral(start, start.plus(DAY_MINUS_ONE_MICRO));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Geometries

    private GeometryLiteral bbox() {
        expect(Kind.LPAREN, "'('");
        Token[] t = new Token[4];
        double[] v = new double[4];
        for (int i = 0; i < 4; i++) {
            if (i > 0) {
                expect(Kind.COMMA, "',' (BBOX takes 4 numbers: minLon, minLat, maxLon, maxLat)");
            }
            t[i] = next();
            if (t[i].kind() != Kind.NUMBER) {
                throw Cql2SyntaxException.expected(
                        t[i].start(), "a number (BBOX takes 4 numbers: minLon, minLat, maxLon, maxLat)", found(t[i]));
            }
            v[i] = ((Number) t[i].value()).doubleValue();
            if (i % 2 == 0) {
                checkLongitude(t[i], v[i]);
            } else {
                checkLatitude(t[i], v[i]);
            }
        }
        expect(Kind.RPAREN, "')' (BBOX takes 4 numbers: minLon, minLat, maxLon, maxLat)");
        if (v[1] > v[3]) {
            throw Cql2SyntaxException.expected(t[3].start(), "a maxLat not below minLat " + v[1], found(t[3]));
        }
        if (v[0] <= v[2]) {
            return new GeometryLiteral(box(v[0], v[1], v[2], v[3]));
        }
        // minLon > maxLon is legal: the box crosses the antimeridian. Split it there, so that planar predicates see
        // both halves.
        Polygon east = box(v[0], v[1], 180, v[3]);
        Polygon west = box(-180, v[1], v[2], v[3]);
        return new GeometryLiteral(FACTORY.createMultiPolygon(new Polygon[] {east, west}));
    }

    private static Polygon box(double minLon, double minLat, double maxLon, double maxLat) {
        return FACTORY.createPolygon(new Coordinate[] {
            new Coordinate(minLon, minLat),
            new Coordinate(maxLon, minLat),
            new Coordinate(maxLon, maxLat),
            new Coordinate(minLon, maxLat),
            new Coordinate(minLon, minLat)
        });
    }

    /** Parses the WKT geometry whose type keyword {@code keyword} has just been read. */
    private Geometry geometry(Token keyword) {
        enter(keyword);
        String type = keyword.text().toUpperCase(Locale.ROOT);
        Token dims = peek();
        if (dims.is("M") || dims.is("ZM")) {
            throw Cql2SyntaxException.problem(
                    dims.start(), "measured (M) coordinates are not supported", "'(' or EMPTY, optionally after Z");
        }
        if (dims.is("Z")) {
            next();
        }
        if (peek().is("EMPTY")) {
            next();
            depth--;
            return empty(type);
        }
        Token open = expect(Kind.LPAREN, "'(' or EMPTY");
        Geometry g =
                switch (type) {
                    case "POINT" -> FACTORY.createPoint(coordinate());
                    case "LINESTRING" -> lineString(open);
                    case "POLYGON" -> polygon();
                    case "MULTIPOINT" -> multiPoint();
                    case "MULTILINESTRING" -> multiLineString();
                    case "MULTIPOLYGON" -> multiPolygon();
                    case "GEOMETRYCOLLECTION" -> geometryCollection();
                    default -> throw new IllegalStateException("unknown geometry type " + type);
                };
        expect(Kind.RPAREN, "',' or ')'");
        depth--;
        return g;
    }

    private static Geometry empty(String type) {
        return switch (type) {
            case "POINT" -> FACTORY.createPoint();
            case "LINESTRING" -> FACTORY.createLineString();
            case "POLYGON" -> FACTORY.createPolygon();
            case "MULTIPOINT" -> FACTORY.createMultiPoint();
            case "MULTILINESTRING" -> FACTORY.createMultiLineString();
            case "MULTIPOLYGON" -> FACTORY.createMultiPolygon();
            case "GEOMETRYCOLLECTION" -> FACTORY.createGeometryCollection();
            default -> throw new IllegalStateException("unknown geometry type " + type);
        };
    }

    /** Reads positions up to, not including, the closing parenthesis. */
    private List<Coordinate> coordinates() {
        List<Coordinate> list = new ArrayList<>();
        list.add(coordinate());
        while (peek().kind() == Kind.COMMA) {
            next();
            list.add(coordinate());
        }
        return list;
    }

    private Coordinate coordinate() {
        Token x = next();
        if (x.kind() != Kind.NUMBER) {
            throw Cql2SyntaxException.expected(x.start(), "a longitude (a number)", found(x));
        }
        double lon = ((Number) x.value()).doubleValue();
        checkLongitude(x, lon);
        Token y = next();
        if (y.kind() != Kind.NUMBER) {
            throw Cql2SyntaxException.expected(
                    y.start(), "a latitude (a number after the longitude, separated by a space)", found(y));
        }
        double lat = ((Number) y.value()).doubleValue();
        checkLatitude(y, lat);
        if (peek().kind() == Kind.NUMBER) {
            return new Coordinate(lon, lat, ((Number) next().value()).doubleValue());
        }
        return new Coordinate(lon, lat);
    }

    private LineString lineString(Token open) {
        List<Coordinate> coords = coordinates();
        if (coords.size() < 2) {
            throw Cql2SyntaxException.problem(
                    open.start(), "this line has only one position", "a line of at least 2 positions");
        }
        return FACTORY.createLineString(coords.toArray(Coordinate[]::new));
    }

    /** Reads the rings of a polygon after its opening parenthesis, up to, not including, the closing one. */
    private Polygon polygon() {
        LinearRing shell = ring();
        List<LinearRing> holes = new ArrayList<>();
        while (peek().kind() == Kind.COMMA) {
            next();
            holes.add(ring());
        }
        return FACTORY.createPolygon(shell, holes.toArray(LinearRing[]::new));
    }

    private LinearRing ring() {
        Token open = expect(Kind.LPAREN, "'(' to start a ring");
        List<Coordinate> coords = coordinates();
        expect(Kind.RPAREN, "',' or ')'");
        String expected = "a closed ring of at least 4 positions whose last position repeats the first";
        if (coords.size() < 4) {
            throw Cql2SyntaxException.problem(
                    open.start(), "this ring has only " + coords.size() + " positions", expected);
        }
        if (!coords.getFirst().equals2D(coords.getLast())) {
            throw Cql2SyntaxException.problem(open.start(), "this ring does not end where it starts", expected);
        }
        return FACTORY.createLinearRing(coords.toArray(Coordinate[]::new));
    }

    private Geometry multiPoint() {
        List<Point> points = new ArrayList<>();
        do {
            if (!points.isEmpty()) {
                next(); // the comma
            }
            // Both MULTIPOINT((1 2), (3 4)) and MULTIPOINT(1 2, 3 4) are in use.
            if (peek().kind() == Kind.LPAREN) {
                next();
                points.add(FACTORY.createPoint(coordinate()));
                expect(Kind.RPAREN, "')'");
            } else {
                points.add(FACTORY.createPoint(coordinate()));
            }
        } while (peek().kind() == Kind.COMMA);
        return FACTORY.createMultiPoint(points.toArray(Point[]::new));
    }

    private Geometry multiLineString() {
        List<LineString> lines = new ArrayList<>();
        do {
            if (!lines.isEmpty()) {
                next(); // the comma
            }
            Token open = expect(Kind.LPAREN, "'(' to start a line");
            lines.add(lineString(open));
            expect(Kind.RPAREN, "',' or ')'");
        } while (peek().kind() == Kind.COMMA);
        return FACTORY.createMultiLineString(lines.toArray(LineString[]::new));
    }

    private Geometry multiPolygon() {
        List<Polygon> polygons = new ArrayList<>();
        do {
            if (!polygons.isEmpty()) {
                next(); // the comma
            }
            expect(Kind.LPAREN, "'(' to start a polygon");
            polygons.add(polygon());
            expect(Kind.RPAREN, "',' or ')'");
        } while (peek().kind() == Kind.COMMA);
        return FACTORY.createMultiPolygon(polygons.toArray(Polygon[]::new));
    }

    private Geometry geometryCollection() {
        List<Geometry> parts = new ArrayList<>();
        do {
            if (!parts.isEmpty()) {
                next(); // the comma
            }
            Token t = next();
            if (t.kind() != Kind.IDENT || !GEOMETRY_TYPES.contains(t.text().toUpperCase(Locale.ROOT))) {
                throw Cql2SyntaxException.expected(t.start(), "a WKT geometry such as POINT(109.19 12.24)", found(t));
            }
            parts.add(geometry(t));
        } while (peek().kind() == Kind.COMMA);
        return FACTORY.createGeometryCollection(parts.toArray(Geometry[]::new));
    }

    private static void checkLongitude(Token t, double lon) {
        if (!(lon >= -180 && lon <= 180)) {
            throw Cql2SyntaxException.expected(
                    t.start(), "a longitude between -180 and 180 (WKT and BBOX put longitude first)", found(t));
        }
    }

    private static void checkLatitude(Token t, double lat) {
        if (!(lat >= -90 && lat <= 90)) {
            throw Cql2SyntaxException.expected(
                    t.start(), "a latitude between -90 and 90 (WKT and BBOX put longitude first)", found(t));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Tokens

    private Token peek() {
        return tokens.get(index);
    }

    private Token peekAt(int offset) {
        return tokens.get(Math.min(index + offset, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(index);
        if (t.kind() != Kind.EOF) {
            index++;
        }
        return t;
    }

    private Token expect(Kind kind, String expected) {
        Token t = peek();
        if (t.kind() != kind) {
            throw Cql2SyntaxException.expected(t.start(), expected, found(t));
        }
        return next();
    }

    private void enter(Token t) {
        if (++depth > MAX_DEPTH) {
            throw Cql2SyntaxException.problem(
                    t.start(), "the expression nests deeper than " + MAX_DEPTH + " levels", "a shallower expression");
        }
    }

    private static String found(Token t) {
        return switch (t.kind()) {
            case EOF -> "the end of the input";
            case STRING -> abbreviate(t.text()); // already in quotes
            default -> quote(t.text());
        };
    }

    /** Quotes source text for a message, abbreviated so that a long literal does not swamp it. */
    static String quote(String text) {
        return "'" + abbreviate(text) + "'";
    }

    private static String abbreviate(String text) {
        return text.length() > 32 ? text.substring(0, 29) + "…" : text;
    }
}
