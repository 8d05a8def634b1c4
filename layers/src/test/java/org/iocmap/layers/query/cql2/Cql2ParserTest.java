package org.iocmap.layers.query.cql2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.iocmap.layers.query.cql2.Cql2Expr.And;
import org.iocmap.layers.query.cql2.Cql2Expr.BooleanLiteral;
import org.iocmap.layers.query.cql2.Cql2Expr.Comparison;
import org.iocmap.layers.query.cql2.Cql2Expr.DWithin;
import org.iocmap.layers.query.cql2.Cql2Expr.In;
import org.iocmap.layers.query.cql2.Cql2Expr.Like;
import org.iocmap.layers.query.cql2.Cql2Expr.Not;
import org.iocmap.layers.query.cql2.Cql2Expr.Or;
import org.iocmap.layers.query.cql2.Cql2Expr.SpatialPredicate;
import org.iocmap.layers.query.cql2.Cql2Expr.TemporalPredicate;
import org.iocmap.layers.query.cql2.Operand.GeometryLiteral;
import org.iocmap.layers.query.cql2.Operand.Literal;
import org.iocmap.layers.query.cql2.Operand.Property;
import org.iocmap.layers.query.cql2.Operand.TimeLiteral;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;

/**
 * Pins the CQL2 Text grammar: what parses into which tree, how the tree is written back, and where and how bad input is
 * reported. Cases are backquoted in the CSV because CQL2 uses both kinds of quote.
 */
class Cql2ParserTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            equals a string            | status = 'open'                         | status = 'open'
            not equal                  | status <> 'closed'                      | status <> 'closed'
            less, less or equal        | a < 1 AND b <= 2                        | a < 1 AND b <= 2
            greater, greater or equal  | a > 1 AND b >= 2                        | a > 1 AND b >= 2
            quote inside a string      | name = 'Nhà ''Rồng'''                   | name = 'Nhà ''Rồng'''
            negative integer           | level > -3                              | level > -3
            decimal and exponent       | a = 2.5 OR b = -1e3 OR c = .5           | a = 2.5 OR b = -1000.0 OR c = 0.5
            boolean literal compared   | flag = TRUE                             | flag = TRUE
            boolean literal on the left | false <> flag                          | FALSE <> flag
            standalone TRUE            | TRUE                                    | TRUE
            double-quoted name         | "tên đường" = 'Trần Phú'                | "tên đường" = 'Trần Phú'
            quoted reserved word       | "and" = 1                               | "and" = 1
            Vietnamese plain name      | phường = 'Lộc Thọ'                      | phường = 'Lộc Thọ'
            compares two properties    | a = b                                   | a = b
            LIKE                       | title LIKE 'Rác%'                       | title LIKE 'Rác%'
            NOT LIKE with escapes      | code NOT LIKE '50\\%\\_%'               | code NOT LIKE '50\\%\\_%'
            IN                         | kind IN ('rác', 'ngập', 3)              | kind IN ('rác', 'ngập', 3)
            NOT IN                     | kind NOT IN (1, 2)                      | kind NOT IN (1, 2)
            BETWEEN                    | level BETWEEN 1 AND 3                   | level BETWEEN 1 AND 3
            NOT BETWEEN, then AND      | level NOT BETWEEN 1 AND 3 AND x = 1     | level NOT BETWEEN 1 AND 3 AND x = 1
            IS NULL                    | note IS NULL                            | note IS NULL
            IS NOT NULL                | note IS NOT NULL                        | note IS NOT NULL
            keywords in any case       | a = 1 and not b like 'x' Or c iS nUlL   | a = 1 AND NOT b LIKE 'x' OR c IS NULL
            whitespace anywhere        | `  (  a=1  )and(b<>2)  `                | a = 1 AND b <> 2
            AND above OR               | a = 1 OR b = 2 AND c = 3                | a = 1 OR b = 2 AND c = 3
            parentheses kept           | (a = 1 OR b = 2) AND c = 3              | (a = 1 OR b = 2) AND c = 3
            nested AND kept            | (a = 1 AND b = 2) AND c = 3             | (a = 1 AND b = 2) AND c = 3
            NOT of a group             | NOT (a = 1 OR b = 2)                    | NOT (a = 1 OR b = 2)
            NOT NOT                    | NOT NOT a = 1                           | NOT NOT a = 1
            S_INTERSECTS a point       | S_INTERSECTS(geom, POINT(109.19 12.24)) | S_INTERSECTS(geom, POINT(109.19 12.24))
            S_WITHIN a polygon with a hole | s_within(geom, POLYGON((109 12, 109.4 12, 109.4 12.4, 109 12.4, 109 12), (109.1 12.1, 109.3 12.1, 109.3 12.3, 109.1 12.3, 109.1 12.1))) | S_WITHIN(geom, POLYGON((109 12, 109.4 12, 109.4 12.4, 109 12.4, 109 12), (109.1 12.1, 109.3 12.1, 109.3 12.3, 109.1 12.3, 109.1 12.1)))
            S_CONTAINS a line          | S_CONTAINS(geom, LINESTRING(109 12, 109.1 12.1)) | S_CONTAINS(geom, LINESTRING(109 12, 109.1 12.1))
            S_DISJOINT a multipoint    | S_DISJOINT(geom, MULTIPOINT(109 12, 110 13)) | S_DISJOINT(geom, MULTIPOINT((109 12), (110 13)))
            multilinestring            | S_INTERSECTS(geom, MULTILINESTRING((0 0, 1 1), (2 2, 3 3))) | S_INTERSECTS(geom, MULTILINESTRING((0 0, 1 1), (2 2, 3 3)))
            multipolygon               | S_INTERSECTS(geom, MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), ((2 2, 3 2, 3 3, 2 2)))) | S_INTERSECTS(geom, MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), ((2 2, 3 2, 3 3, 2 2))))
            collection                 | S_INTERSECTS(geom, GEOMETRYCOLLECTION(POINT(1 2), LINESTRING(0 0, 1 1))) | S_INTERSECTS(geom, GEOMETRYCOLLECTION(POINT(1 2), LINESTRING(0 0, 1 1)))
            empty geometry             | S_INTERSECTS(geom, POLYGON EMPTY)       | S_INTERSECTS(geom, POLYGON EMPTY)
            Z coordinates              | S_INTERSECTS(geom, POINT Z(109 12 5))   | S_INTERSECTS(geom, POINT(109 12 5))
            antimeridian and poles     | S_INTERSECTS(geom, LINESTRING(-179.9 -90, 179.9 90)) | S_INTERSECTS(geom, LINESTRING(-179.9 -90, 179.9 90))
            BBOX                       | S_INTERSECTS(geom, BBOX(109, 12, 109.4, 12.4)) | S_INTERSECTS(geom, POLYGON((109 12, 109.4 12, 109.4 12.4, 109 12.4, 109 12)))
            literal on the left        | S_WITHIN(POINT(109.19 12.24), geom)     | S_WITHIN(POINT(109.19 12.24), geom)
            S_DWITHIN in meters        | S_DWITHIN(geom, POINT(109.19 12.24), 500, meters) | S_DWITHIN(geom, POINT(109.19 12.24), 500, meters)
            S_DWITHIN in m             | S_DWITHIN(geom, POINT(109.19 12.24), 12.5, M) | S_DWITHIN(geom, POINT(109.19 12.24), 12.5, meters)
            S_DWITHIN in kilometers    | S_DWITHIN(geom, POINT(109.19 12.24), 2, kilometers) | S_DWITHIN(geom, POINT(109.19 12.24), 2000, meters)
            S_DWITHIN in km, swapped   | S_DWITHIN(POINT(109.19 12.24), geom, 0.5, km) | S_DWITHIN(geom, POINT(109.19 12.24), 500, meters)
            TIMESTAMP                  | updated > TIMESTAMP('2026-01-01T00:00:00Z') | updated > TIMESTAMP('2026-01-01T00:00:00Z')
            TIMESTAMP with an offset   | updated < TIMESTAMP('2026-01-01T07:00:00+07:00') | updated < TIMESTAMP('2026-01-01T00:00:00Z')
            DATE                       | updated >= DATE('2026-01-31')           | updated >= DATE('2026-01-31')
            INTERVAL open at the end   | T_INTERSECTS(datetime, INTERVAL('2026-01-01T00:00:00Z', '..')) | T_INTERSECTS(datetime, INTERVAL('2026-01-01T00:00:00Z', '..'))
            INTERVAL of dates          | T_DURING(datetime, INTERVAL('2026-01-01', '2026-01-31')) | T_DURING(datetime, INTERVAL('2026-01-01T00:00:00Z', '2026-01-31T23:59:59.999999Z'))
            INTERVAL of functions      | T_BEFORE(datetime, INTERVAL(DATE('2026-01-01'), TIMESTAMP('2026-02-01T00:00:00Z'))) | T_BEFORE(datetime, INTERVAL('2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z'))
            names that are keywords only before a parenthesis | date = 1 AND point = 2 | date = 1 AND point = 2
            """)
    void parsesAndWritesBackTheSameTree(String what, String text, String written) {
        checkRoundTrip(text, written);
    }

    @Test
    void notBindsTighterThanAndWhichBindsTighterThanOr() {
        Cql2Expr e = Cql2Parser.parse("NOT a = 1 AND b = 2 OR c = 3");
        assertThat(e)
                .isEqualTo(new Or(List.of(
                        new And(List.of(new Not(comparison("a", 1L)), comparison("b", 2L))), comparison("c", 3L))));
    }

    @Test
    void andAndOrCollectAllTheirTermsInOneNode() {
        assertThat(Cql2Parser.parse("a = 1 AND b = 2 AND c = 3"))
                .isEqualTo(new And(List.of(comparison("a", 1L), comparison("b", 2L), comparison("c", 3L))));
    }

    @Test
    void numbersBecomeLongsOrDoublesAndKeepTheirSign() {
        In in = (In) Cql2Parser.parse("x IN (3, -3, 3.0, -2.5e-1, +4)");
        assertThat(in.list())
                .containsExactly(
                        new Literal(3L), new Literal(-3L), new Literal(3.0), new Literal(-0.25), new Literal(4L));
    }

    @Test
    void standaloneBooleansAreConditionsAndComparedOnesAreLiterals() {
        assertThat(Cql2Parser.parse("FALSE")).isEqualTo(new BooleanLiteral(false));
        assertThat(Cql2Parser.parse("TRUE = flag"))
                .isEqualTo(new Comparison(ComparisonOp.EQ, new Literal(true), new Property("flag")));
    }

    @Test
    void timeLiteralsCoverAnInstantAWholeUtcDayOrAnInterval() {
        Comparison ts = (Comparison) Cql2Parser.parse("t = TIMESTAMP('2026-01-01T07:00:00+07:00')");
        assertThat(ts.right()).isEqualTo(TimeLiteral.of(Instant.parse("2026-01-01T00:00:00Z")));
        Comparison day = (Comparison) Cql2Parser.parse("t = DATE('2026-01-31')");
        assertThat(day.right())
                .isEqualTo(new TimeLiteral(
                        Instant.parse("2026-01-31T00:00:00Z"), Instant.parse("2026-01-31T23:59:59.999999Z")));
        TemporalPredicate open =
                (TemporalPredicate) Cql2Parser.parse("T_AFTER(t, INTERVAL('..', '2026-01-01T00:00:00Z'))");
        assertThat(open.right()).isEqualTo(new TimeLiteral(null, Instant.parse("2026-01-01T00:00:00Z")));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TemporalOp.class)
    void everyTemporalOperatorParses(TemporalOp op) {
        Cql2Expr e =
                Cql2Parser.parse(op.name().toLowerCase(Locale.ROOT) + "(datetime, TIMESTAMP('2026-01-01T00:00:00Z'))");
        assertThat(e).isInstanceOf(TemporalPredicate.class);
        assertThat(((TemporalPredicate) e).op()).isEqualTo(op);
    }

    @Test
    void geometryLiteralsAreLongitudeFirstWithSrid4326() {
        SpatialPredicate s = (SpatialPredicate) Cql2Parser.parse("S_INTERSECTS(geom, POINT(109.19 12.24))");
        Point p = (Point) ((GeometryLiteral) s.right()).g();
        assertThat(p.getX()).isEqualTo(109.19);
        assertThat(p.getY()).isEqualTo(12.24);
        assertThat(p.getSRID()).isEqualTo(4326);
    }

    @Test
    void bboxAcrossTheAntimeridianIsSplitInTwo() {
        SpatialPredicate s = (SpatialPredicate) Cql2Parser.parse("S_INTERSECTS(geom, BBOX(179.5, -17, -179.5, -16))");
        Geometry g = ((GeometryLiteral) s.right()).g();
        assertThat(g).isInstanceOf(MultiPolygon.class);
        assertThat(g.getNumGeometries()).isEqualTo(2);
        assertThat(g.getGeometryN(0).getEnvelopeInternal().getMaxX()).isEqualTo(180);
        assertThat(g.getGeometryN(1).getEnvelopeInternal().getMinX()).isEqualTo(-180);
    }

    @Test
    void dWithinConvertsItsDistanceToMetres() {
        DWithin d = (DWithin) Cql2Parser.parse("S_DWITHIN(POINT(109.19 12.24), geom, 1.5, KM)");
        assertThat(d.distanceMetres()).isEqualTo(1500.0);
        assertThat(d.geometry()).isEqualTo(new Property("geom"));
        assertThat(d.geometryLiteral()).isInstanceOf(GeometryLiteral.class);
    }

    @Test
    void likeKeepsThePatternAsWritten() {
        Like like = (Like) Cql2Parser.parse("title LIKE 'Rác\\%%'");
        assertThat(like.pattern()).isEqualTo("Rác\\%%");
        assertThat(like.negated()).isFalse();
    }

    @Test
    void propertyNamesListsEveryReferencedPropertyOnce() {
        Cql2Expr e = Cql2Parser.parse("status = 'open' AND (level BETWEEN lo AND hi OR \"tên\" LIKE 'x%')"
                + " AND S_DWITHIN(geom, POINT(109 12), 5, m) AND T_AFTER(datetime, opened) AND level IN (1, other)"
                + " AND NOT note IS NULL");
        assertThat(Cql2Expr.propertyNames(e))
                .containsExactly("status", "level", "lo", "hi", "tên", "geom", "datetime", "opened", "other", "note");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            empty input                  | ``                                   | 0  | a filter expression          | but found the end of the input
            only whitespace              | `   `                                | 3  | a filter expression          | but found the end of the input
            a name and no operator       | status foo                           | 7  | a comparison operator (=, <>, <, <=, >, >=), LIKE, IN, BETWEEN or IS | but found 'foo'
            '!=' is not CQL2             | level != 3                           | 6  | a comparison operator        | but found '!='
            unclosed parenthesis         | (a = 1 OR b = 2                      | 15 | ')' to close the '(' at position 0 | but found the end of the input
            parenthesis closing nothing  | a = 1)                               | 5  | AND, OR or the end of the input | this ')' closes no '('
            unterminated string          | title = 'Rác                         | 8  | a closing quote (')          | but found the end of the input
            unterminated quoted name     | "tên = 1                             | 0  | a closing double quote       | but found the end of the input
            trailing text                | a = 1 b = 2                          | 6  | AND, OR or the end of the input | but found 'b'
            dangling AND                 | a = 1 AND                            | 9  | a condition                  | but found the end of the input
            keyword as a name            | AND = 1                              | 0  | a property name or a literal | but found the keyword AND
            empty IN list                | a IN ()                              | 6  | a property name or a literal | but found ')'
            BETWEEN without AND          | a BETWEEN 1 OR 2                     | 12 | AND between the two bounds   | but found 'OR'
            IS without NULL              | a IS 5                               | 5  | NULL or NOT NULL             | but found '5'
            NOT without LIKE IN BETWEEN  | a NOT = 1                            | 6  | LIKE, IN or BETWEEN after NOT | but found '='
            LIKE without a pattern       | title LIKE foo                       | 11 | a pattern in single quotes   | but found 'foo'
            LIKE ending in a backslash   | title LIKE 'x\\'                     | 11 | each backslash escapes       | ends with a lone backslash
            unsupported spatial operator | S_TOUCHES(geom, POINT(1 2))          | 0  | S_INTERSECTS, S_WITHIN, S_CONTAINS, S_DISJOINT or S_DWITHIN | S_TOUCHES is not supported yet
            unknown unit                 | S_DWITHIN(geom, POINT(1 2), 5, miles) | 31 | a distance unit: meters, m, kilometers or km | but found 'miles'
            negative distance            | S_DWITHIN(geom, POINT(1 2), -5, m)   | 28 | a distance of 0 or more      | but found '-5'
            DWITHIN without a literal    | S_DWITHIN(geom, other, 5, m)         | 0  | a geometry literal           | compares two properties
            latitude first               | S_INTERSECTS(geom, POINT(12.24 109.19)) | 31 | a latitude between -90 and 90 | but found '109.19'
            comma inside a position      | S_INTERSECTS(geom, POINT(109.19, 12.24)) | 31 | a latitude (a number after the longitude | but found ','
            ring too short               | S_WITHIN(geom, POLYGON((0 0, 1 0, 1 1))) | 23 | a closed ring of at least 4 positions | this ring has only 3 positions
            ring not closed              | S_WITHIN(geom, POLYGON((0 0, 1 0, 1 1, 0 1))) | 23 | a closed ring           | does not end where it starts
            line of one position         | S_INTERSECTS(geom, LINESTRING(1 2))  | 29 | a line of at least 2 positions | only one position
            unclosed WKT                 | S_INTERSECTS(geom, POINT(1 2)        | 29 | ')'                          | but found the end of the input
            unknown geometry type        | S_INTERSECTS(geom, CIRCLE(1 2, 3))   | 19 | a property name or a literal | functions such as CIRCLE(…) are not supported
            geometry in a comparison     | geom = POINT(1 2)                    | 7  | a scalar literal             | but found a geometry
            interval in a comparison     | t > INTERVAL('..', '..')             | 4  | a temporal predicate         | but found an INTERVAL
            bad timestamp                | t > TIMESTAMP('2026-13-01T00:00:00Z') | 14 | a timestamp such as         | but found '2026-13-01T00:00:00Z'
            timestamp without a zone     | t > TIMESTAMP('2026-01-01T00:00:00') | 14 | with Z or an offset          | but found '2026-01-01T00:00:00'
            interval ending first        | T_DURING(t, INTERVAL('2026-02-01', '2026-01-01')) | 12 | an INTERVAL whose start is not after its end | starts (2026-02-01T00:00:00Z) after it ends
            BBOX latitudes reversed      | S_INTERSECTS(geom, BBOX(1, 10, 2, 5)) | 34 | a maxLat not below minLat    | but found '5'
            BBOX with six numbers        | S_INTERSECTS(geom, BBOX(1, 2, 0, 3, 4, 5)) | 34 | BBOX takes 4 numbers      | but found ','
            functions                    | CASEI(name) = 'x'                    | 0  | a condition                  | functions such as CASEI(…) are not supported
            integer too large            | a = 99999999999999999999             | 4  | an integer between           | but found '99999999999999999999'
            """)
    void reportsWhereAndWhatWasExpected(String what, String text, int position, String expected, String messagePart) {
        checkSyntaxError(text, position, expected, messagePart);
    }

    @Test
    void deeplyNestedInputIsRefusedRatherThanOverflowingTheStack() {
        String deep = "(".repeat(5_000) + "a = 1" + ")".repeat(5_000);
        Cql2SyntaxException e = catchThrowableOfType(Cql2SyntaxException.class, () -> Cql2Parser.parse(deep));
        assertThat(e.getMessage()).contains("nests deeper than");
    }

    @Test
    void syntaxErrorsAreIllegalArgumentExceptions() {
        assertThatThrownBy(() -> Cql2Parser.parse("a =")).isInstanceOf(IllegalArgumentException.class);
    }

    private static Comparison comparison(String property, Object value) {
        return new Comparison(ComparisonOp.EQ, new Property(property), new Literal(value));
    }

    private static void checkRoundTrip(String text, String written) {
        Cql2Expr parsed = Cql2Parser.parse(text);
        assertThat(Cql2Writer.write(parsed)).isEqualTo(written);
        assertThat(Cql2Parser.parse(written))
                .as("the written form parses back to the same tree")
                .isEqualTo(parsed);
    }

    private static void checkSyntaxError(String text, int position, String expected, String messagePart) {
        Cql2SyntaxException e = catchThrowableOfType(Cql2SyntaxException.class, () -> Cql2Parser.parse(text));
        assertThat(e).as("parsing %s", text).isNotNull();
        assertThat(e.position()).as(e.getMessage()).isEqualTo(position);
        assertThat(e.expected()).as(e.getMessage()).contains(expected);
        assertThat(e.getMessage()).startsWith("at position " + position + ": ").contains(messagePart);
    }
}
