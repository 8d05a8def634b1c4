package org.iocmap.layers.query.cql2;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * Pins the in-memory semantics that the SQL rendering of a filter must mirror: three-valued logic, numbers across
 * types, binary string order, case-sensitive LIKE, time intervals, JTS spatial predicates and geodesic S_DWITHIN.
 * Each filter is run both through {@link Cql2Evaluator#matches(Cql2Expr, FeatureView)} and through a prepared {@link
 * Cql2Evaluator#of(Cql2Expr)}, which must agree. Cases are backquoted in the CSV because CQL2 uses both kinds of quote.
 */
class Cql2EvaluatorTest {
    private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);
    private static final String SQUARE_WITH_HOLE =
            "POLYGON((109 12, 109.4 12, 109.4 12.4, 109 12.4, 109 12), (109.1 12.1, 109.3 12.1, 109.3 12.3, 109.1 12.3,"
                    + " 109.1 12.1))";

    /** The feature the truth tables run against. */
    private static final FeatureView REPORT = report();

    private static FeatureView report() {
        Map<String, Object> p = new HashMap<>(); // HashMap, because Map.of refuses the null value of "note"
        p.put("title", "Rác thải ở bãi biển Trần Phú");
        p.put("status", "open");
        p.put("level", 3L);
        p.put("count", 3);
        p.put("score", 2.5);
        p.put("big", Long.MAX_VALUE);
        p.put("flag", true);
        p.put("code", "50%_off");
        p.put("path", "C:\\tmp");
        p.put("emoji", "\uD83D\uDE00"); // U+1F600, a supplementary code point
        p.put("opened", Instant.parse("2026-01-15T08:00:00Z"));
        p.put("note", null);
        return new FeatureView(
                p, FACTORY.createPoint(new Coordinate(109.19, 12.24)), Instant.parse("2026-01-31T23:59:59Z"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # name                              | filter                                 | matches | NOT (filter) matches
            equal strings                       | status = 'open'                        | true  | false
            unequal strings                     | status <> 'open'                       | false | true
            missing property is unknown         | missing = 1                            | false | false
            null value is unknown               | note = 'x'                             | false | false
            unknown OR true is true             | missing = 1 OR status = 'open'         | true  | false
            unknown AND false is false          | missing = 1 AND status = 'closed'      | false | true
            unknown AND true is unknown         | missing = 1 AND status = 'open'        | false | false
            IS NULL of a missing property       | missing IS NULL                        | true  | false
            IS NULL of a null value             | note IS NULL                           | true  | false
            IS NOT NULL of a value              | status IS NOT NULL                     | true  | false
            Long equals Double                  | level = 3.0                            | true  | false
            Integer equals Long                 | count = 3                              | true  | false
            Double against Long                 | score > 2 AND score < 3                | true  | false
            Long and Double compared exactly    | big < 9223372036854775807.0            | true  | false
            string against number is unknown    | status = 3                             | false | false
            number against string is unknown   | level = '3'                            | false | false
            string order is binary              | status < 'p' AND 'B' < 'a' AND 'Z' < 'À' | true | false
            code point order past the BMP       | emoji > '\uFFFD'                       | true  | false
            LIKE a prefix in Vietnamese         | title LIKE 'Rác%'                      | true  | false
            LIKE is case-sensitive              | title LIKE 'rác%'                      | false | true
            LIKE in the middle                  | title LIKE '%bãi biển%'                | true  | false
            LIKE one character                  | title LIKE 'R_c%'                      | true  | false
            NOT LIKE                            | title NOT LIKE 'Rác%'                  | false | true
            LIKE with escaped % and _           | code LIKE '50\\%\\_off'                | true  | false
            escaped % is not a wildcard         | code LIKE '5\\%%'                      | false | true
            escaped backslash                   | path LIKE 'C:\\\\%'                    | true  | false
            LIKE on a number is unknown         | level LIKE '3'                         | false | false
            IN                                  | level IN (1, 3.0, 'x')                 | true  | false
            not IN                              | level IN (1, 2)                        | false | true
            NOT IN                              | status NOT IN ('closed', 'draft')      | true  | false
            IN with an unknown item             | level IN (1, missing)                  | false | false
            NOT IN with an unknown item         | status NOT IN ('closed', missing)      | false | false
            IN of a missing property            | missing IN (1, 2)                      | false | false
            BETWEEN bounds included             | level BETWEEN 3 AND 3                  | true  | false
            BETWEEN across types                | score BETWEEN 2 AND 2.5                | true  | false
            BETWEEN with bounds reversed        | level BETWEEN 5 AND 1                  | false | true
            NOT BETWEEN                         | level NOT BETWEEN 4 AND 5              | true  | false
            BETWEEN a missing bound             | level BETWEEN 1 AND missing            | false | false
            boolean equals                      | flag = TRUE AND flag <> FALSE          | true  | false
            booleans order false before true    | FALSE < flag                           | true  | false
            standalone TRUE                     | TRUE                                   | true  | false
            instant after a timestamp           | opened > TIMESTAMP('2026-01-15T07:59:59Z') | true | false
            instant equals a timestamp in +07   | opened = TIMESTAMP('2026-01-15T15:00:00+07:00') | true | false
            instant on a date                   | opened = DATE('2026-01-15')            | true  | false
            instant not on another date         | opened = DATE('2026-01-16')            | false | true
            instant on or after a date          | opened >= DATE('2026-01-15')           | true  | false
            instant not before its own date     | opened < DATE('2026-01-15')            | false | true
            instant not after its own date      | opened > DATE('2026-01-15')            | false | true
            instant on or before its date       | opened <= DATE('2026-01-15')           | true  | false
            instant between dates               | opened BETWEEN DATE('2026-01-01') AND DATE('2026-01-15') | true | false
            time against a string is unknown    | opened = '2026-01-15T08:00:00Z'        | false | false
            datetime is the feature's time      | DateTime > opened                      | true  | false
            T_INTERSECTS a closed bound         | T_INTERSECTS(opened, INTERVAL('2026-01-15T08:00:00Z', '..')) | true | false
            T_DURING excludes the bounds        | T_DURING(opened, INTERVAL('2026-01-15T08:00:00Z', '..')) | false | true
            T_DURING a date                     | T_DURING(datetime, DATE('2026-01-31'))  | true  | false
            T_BEFORE a date                     | T_BEFORE(opened, DATE('2026-01-16'))   | true  | false
            T_AFTER another property            | T_AFTER(datetime, opened)              | true  | false
            temporal with a missing property    | T_INTERSECTS(missing, DATE('2026-01-15')) | false | false
            temporal with a string property     | T_INTERSECTS(status, DATE('2026-01-15')) | false | false
            spatial with a string property      | S_INTERSECTS(status, POINT(109.19 12.24)) | false | false
            geometry under either reserved name | S_INTERSECTS(GEOMETRY, POINT(109.19 12.24)) AND S_INTERSECTS(geom, POINT(109.19 12.24)) | true | false
            """)
    void followsSqlThreeValuedLogic(String what, String filter, boolean expected, boolean expectedNegated) {
        checkMatches(REPORT, filter, expected);
        checkMatches(REPORT, "NOT (" + filter + ")", expectedNegated);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            T_AFTER        | true  | 2026-01-01T00:00:00Z | 2026-01-05T00:00:00Z
            T_AFTER        | false | 2026-01-01T00:00:00Z | 2026-01-10T00:00:00Z
            T_BEFORE       | true  | 2026-01-25T00:00:00Z | 2026-01-30T00:00:00Z
            T_BEFORE       | false | 2026-01-20T00:00:00Z | 2026-01-30T00:00:00Z
            T_CONTAINS     | true  | 2026-01-12T00:00:00Z | 2026-01-15T00:00:00Z
            T_CONTAINS     | false | 2026-01-10T00:00:00Z | 2026-01-15T00:00:00Z
            T_DISJOINT     | true  | 2026-01-21T00:00:00Z | 2026-01-22T00:00:00Z
            T_DISJOINT     | false | 2026-01-20T00:00:00Z | 2026-01-22T00:00:00Z
            T_DURING       | true  | 2026-01-01T00:00:00Z | 2026-01-31T00:00:00Z
            T_DURING       | false | 2026-01-10T00:00:00Z | 2026-01-31T00:00:00Z
            T_EQUALS       | true  | 2026-01-10T00:00:00Z | 2026-01-20T00:00:00Z
            T_EQUALS       | false | 2026-01-10T00:00:00Z | 2026-01-21T00:00:00Z
            T_FINISHEDBY   | true  | 2026-01-15T00:00:00Z | 2026-01-20T00:00:00Z
            T_FINISHEDBY   | false | 2026-01-15T00:00:00Z | 2026-01-21T00:00:00Z
            T_FINISHES     | true  | 2026-01-01T00:00:00Z | 2026-01-20T00:00:00Z
            T_FINISHES     | false | 2026-01-10T00:00:00Z | 2026-01-20T00:00:00Z
            T_INTERSECTS   | true  | 2026-01-20T00:00:00Z | 2026-01-30T00:00:00Z
            T_INTERSECTS   | false | 2026-01-21T00:00:00Z | 2026-01-30T00:00:00Z
            T_INTERSECTS   | true  | ..                   | 2026-01-10T00:00:00Z
            T_MEETS        | true  | 2026-01-20T00:00:00Z | 2026-01-30T00:00:00Z
            T_MEETS        | false | 2026-01-21T00:00:00Z | 2026-01-30T00:00:00Z
            T_METBY        | true  | 2026-01-01T00:00:00Z | 2026-01-10T00:00:00Z
            T_METBY        | false | 2026-01-01T00:00:00Z | 2026-01-09T00:00:00Z
            T_OVERLAPPEDBY | true  | 2026-01-05T00:00:00Z | 2026-01-15T00:00:00Z
            T_OVERLAPPEDBY | false | 2026-01-10T00:00:00Z | 2026-01-15T00:00:00Z
            T_OVERLAPS     | true  | 2026-01-15T00:00:00Z | 2026-01-25T00:00:00Z
            T_OVERLAPS     | false | 2026-01-15T00:00:00Z | 2026-01-20T00:00:00Z
            T_STARTEDBY    | true  | 2026-01-10T00:00:00Z | 2026-01-15T00:00:00Z
            T_STARTEDBY    | false | 2026-01-10T00:00:00Z | 2026-01-25T00:00:00Z
            T_STARTS       | true  | 2026-01-10T00:00:00Z | 2026-01-25T00:00:00Z
            T_STARTS       | false | 2026-01-10T00:00:00Z | 2026-01-15T00:00:00Z
            T_DURING       | true  | ..                   | ..
            T_BEFORE       | true  | 2026-02-01T00:00:00Z | ..
            """)
    void temporalOperatorsFollowTheirIntervalDefinitions(TemporalOp op, boolean expected, String start, String end) {
        // a = [2026-01-10, 2026-01-20]; b = [start, end], '..' open
        checkMatches(
                REPORT,
                op.name() + "(INTERVAL('2026-01-10T00:00:00Z', '2026-01-20T00:00:00Z'), INTERVAL('" + start + "', '"
                        + end + "'))",
                expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            inside the area intersects          | POINT(109.05 12.05) | S_INTERSECTS(geom, SQUARE_WITH_HOLE) | true
            inside the area is within           | POINT(109.05 12.05) | S_WITHIN(geom, SQUARE_WITH_HOLE)     | true
            inside the area is not disjoint     | POINT(109.05 12.05) | S_DISJOINT(geom, SQUARE_WITH_HOLE)   | false
            the area contains it                | POINT(109.05 12.05) | S_CONTAINS(SQUARE_WITH_HOLE, geom)   | true
            in the hole does not intersect      | POINT(109.2 12.2)   | S_INTERSECTS(geom, SQUARE_WITH_HOLE) | false
            in the hole is not within           | POINT(109.2 12.2)   | S_WITHIN(geom, SQUARE_WITH_HOLE)     | false
            in the hole is disjoint             | POINT(109.2 12.2)   | S_DISJOINT(geom, SQUARE_WITH_HOLE)   | true
            on the outer edge intersects        | POINT(109.4 12.2)   | S_INTERSECTS(geom, SQUARE_WITH_HOLE) | true
            on the outer edge is not within     | POINT(109.4 12.2)   | S_WITHIN(geom, SQUARE_WITH_HOLE)     | false
            on the hole's edge intersects       | POINT(109.1 12.2)   | S_INTERSECTS(geom, SQUARE_WITH_HOLE) | true
            on the hole's edge is not within    | POINT(109.1 12.2)   | S_WITHIN(geom, SQUARE_WITH_HOLE)     | false
            on a vertex intersects              | POINT(109 12)       | S_INTERSECTS(geom, SQUARE_WITH_HOLE) | true
            on a vertex is not within           | POINT(109 12)       | S_WITHIN(geom, SQUARE_WITH_HOLE)     | false
            a polygon feature contains a point  | SQUARE_WITH_HOLE    | S_CONTAINS(geom, POINT(109.05 12.05)) | true
            a polygon feature, point in its hole | SQUARE_WITH_HOLE   | S_CONTAINS(geom, POINT(109.2 12.2))  | false
            a line crossing the hole            | LINESTRING(109.15 11.9, 109.15 12.5) | S_INTERSECTS(geom, SQUARE_WITH_HOLE) | true
            BBOX across the antimeridian, east  | POINT(179.95 -16.5) | S_INTERSECTS(geom, BBOX(179.9, -17, -179.9, -16)) | true
            BBOX across the antimeridian, west  | POINT(-179.95 -16.5) | S_WITHIN(geom, BBOX(179.9, -17, -179.9, -16)) | true
            BBOX across the antimeridian, outside | POINT(0 -16.5)    | S_INTERSECTS(geom, BBOX(179.9, -17, -179.9, -16)) | false
            planar polygon does not wrap        | POINT(-179.95 10.5) | S_INTERSECTS(geom, POLYGON((179.9 10, 180 10, 180 11, 179.9 11, 179.9 10))) | false
            S_DWITHIN does wrap                 | POINT(-179.95 10.5) | S_DWITHIN(geom, POLYGON((179.9 10, 180 10, 180 11, 179.9 11, 179.9 10)), 6, km) | true
            at the north pole                   | POINT(0 90)         | S_INTERSECTS(geom, BBOX(-180, 89, 180, 90)) | true
            near the north pole by distance     | POINT(120 89.999)   | S_DWITHIN(geom, POINT(-60 89.999), 250, m) | true
            empty feature geometry intersects nothing | POINT EMPTY   | S_INTERSECTS(geom, SQUARE_WITH_HOLE) | false
            empty feature geometry is disjoint  | POINT EMPTY         | S_DISJOINT(geom, SQUARE_WITH_HOLE)   | true
            empty feature geometry is never near | POINT EMPTY        | S_DWITHIN(geom, POINT(109 12), 1000, km) | false
            invalid bow-tie feature, point in a lobe | POLYGON((100 0, 110 10, 110 0, 100 10, 100 0)) | S_INTERSECTS(geom, POINT(102 5)) | true
            invalid bow-tie feature, between the lobes | POLYGON((100 0, 110 10, 110 0, 100 10, 100 0)) | S_INTERSECTS(geom, POINT(105 8)) | false
            """)
    void spatialPredicatesFollowJts(String what, String featureWkt, String filter, boolean expected) {
        checkMatches(feature(featureWkt), filter.replace("SQUARE_WITH_HOLE", SQUARE_WITH_HOLE), expected);
    }

    /**
     * Distances were computed with PostGIS 3.3 geography (spheroid), {@code ST_Distance(a::geography, b::geography)};
     * each pair sits on one side of 500 m.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            point 498.9 m north                 | POINT(109.19 12.24451) | 500, meters | true
            point 501.1 m north                 | POINT(109.19 12.24453) | 500, meters | false
            point 499.4 m east, in km           | POINT(109.19459 12.24) | 0.5, km     | true
            point 501.6 m east, in km           | POINT(109.19461 12.24) | 0.5, km     | false
            line 498.9 m north                  | LINESTRING(109.18 12.24451, 109.20 12.24451) | 500, m | true
            line 501.1 m north                  | LINESTRING(109.18 12.24453, 109.20 12.24453) | 500, m | false
            polygon edge 498.9 m north          | POLYGON((109.18 12.24451, 109.20 12.24451, 109.20 12.25, 109.18 12.25, 109.18 12.24451)) | 500, m | true
            polygon edge 501.1 m north          | POLYGON((109.18 12.24453, 109.20 12.24453, 109.20 12.25, 109.18 12.25, 109.18 12.24453)) | 500, m | false
            polygon around the point            | POLYGON((109 12, 109.4 12, 109.4 12.4, 109 12.4, 109 12)) | 0, m | true
            """)
    void dWithinSplitsAtTheThresholdLikePostgisGeography(
            String what, String featureWkt, String distance, boolean expected) {
        checkMatches(feature(featureWkt), "S_DWITHIN(geom, POINT(109.19 12.24), " + distance + ")", expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            across the antimeridian, 498.7 m | POINT(-179.99752 0) | true
            across the antimeridian, 500.9 m | POINT(-179.9975 0)  | false
            """)
    void dWithinMeasuresAcrossTheAntimeridian(String what, String featureWkt, boolean expected) {
        // Distances computed with PostGIS 3.3 geography (spheroid), as above.
        checkMatches(feature(featureWkt), "S_DWITHIN(geom, POINT(179.998 0), 500, meters)", expected);
    }

    @Test
    void dWithinWithANonPointLiteralMeasuresBetweenTheGeometries() {
        // A road crossing the district polygon with no vertex near it still counts as within any distance.
        FeatureView road = feature("LINESTRING(108.9 12.2, 109.5 12.2)");
        checkMatches(road, "S_DWITHIN(geom, " + SQUARE_WITH_HOLE + ", 1, m)", true);
        checkMatches(feature("POINT(109.5 12.2)"), "S_DWITHIN(geom, " + SQUARE_WITH_HOLE + ", 10, km)", false);
    }

    @Test
    void nullGeometryIsUnknownAndNotIsStillUnknown() {
        FeatureView noGeometry = new FeatureView(Map.of(), null, null);
        checkMatches(noGeometry, "S_INTERSECTS(geom, POINT(1 2))", false);
        checkMatches(noGeometry, "NOT S_INTERSECTS(geom, POINT(1 2))", false);
        checkMatches(noGeometry, "geom IS NULL AND datetime IS NULL", true);
    }

    @Test
    void aPreparedEvaluatorCanBeSharedAcrossThreads() {
        Cql2Evaluator evaluator = Cql2Evaluator.of(
                Cql2Parser.parse("S_WITHIN(geom, " + SQUARE_WITH_HOLE + ") AND level >= 2 AND title LIKE 'Rác%'"));
        List<FeatureView> features = IntStream.range(0, 20_000)
                .mapToObj(i -> new FeatureView(
                        Map.<String, Object>of("level", (long) (i % 4), "title", i % 3 == 0 ? "Rác" : "Ngập"),
                        FACTORY.createPoint(
                                new Coordinate(108.95 + (i % 100) * 0.005, 11.95 + (i / 100 % 100) * 0.005)),
                        null))
                .toList();
        List<Boolean> sequential = features.stream().map(evaluator::test).toList();
        List<Boolean> parallel = features.parallelStream().map(evaluator::test).toList();
        assertThat(parallel).isEqualTo(sequential);
        assertThat(sequential).contains(true, false);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            empty pattern matches the empty string | ``      | ``        | true
            percent matches anything               | `x%y`   | %         | true
            underscore needs a character           | ``      | _         | false
            underscore takes a whole code point    | 😀x     | _x        | true
            backtracking over several percents     | aXbYbZc | a%b%c     | true
            backtracking that fails                | aXbYbZ  | a%b%c     | false
            trailing percents                      | abc     | abc%%     | true
            escaped underscore is literal          | a_c     | a\\_c     | true
            escaped underscore needs an underscore | abc     | a\\_c     | false
            """)
    void likeMatchesWholeStrings(String what, String s, String pattern, boolean expected) {
        assertThat(Cql2Evaluator.isLike(s, pattern)).isEqualTo(expected);
    }

    @Test
    void stringOrderIsCodePointOrderLikeTheCCollation() {
        // UTF-16 order puts U+1F600 (a surrogate pair) before U+FFFD; code point and UTF-8 order put it after.
        assertThat("\uD83D\uDE00".compareTo("\uFFFD")).isNegative();
        assertThat(Cql2Evaluator.compareCodePoints("\uD83D\uDE00", "\uFFFD")).isPositive();
        assertThat(Cql2Evaluator.compareCodePoints("Bình", "bình")).isNegative();
        assertThat(Cql2Evaluator.compareCodePoints("Đà Nẵng", "Đà")).isPositive();
    }

    private static FeatureView feature(String wkt) {
        try {
            Geometry g = new WKTReader(FACTORY).read(wkt.replace("SQUARE_WITH_HOLE", SQUARE_WITH_HOLE));
            return new FeatureView(Map.of(), g, null);
        } catch (ParseException e) {
            throw new IllegalArgumentException("bad WKT in a test: " + wkt, e);
        }
    }

    private static void checkMatches(FeatureView feature, String filter, boolean expected) {
        Cql2Expr expr = Cql2Parser.parse(filter);
        assertThat(Cql2Evaluator.matches(expr, feature))
                .as("matches(%s)", filter)
                .isEqualTo(expected);
        assertThat(Cql2Evaluator.of(expr).test(feature))
                .as("of(%s).test", filter)
                .isEqualTo(expected);
    }
}
