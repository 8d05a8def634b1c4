package org.iocmap.tiles.mvt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TileGeometryBuilderTest {
    private static final long FAR = 1L << 37; // the size of tile coordinates far from a tile at zoom 24

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "inside, 0, 0, 5, 0, 10, 0, true",
        "at an end, 0, 0, 10, 0, 10, 0, true",
        "beyond the end, 0, 0, 11, 0, 10, 0, false",
        "before the start, 0, 0, -1, 0, 10, 0, false",
        "beside the line, 0, 0, 5, 1, 10, 0, false",
        "on a diagonal, 0, 0, 3, 3, 9, 9, true",
        "segment of no length: any point, 4, 4, 7, 9, 4, 4, true"
    })
    void pointOnSegmentIsExact(String what, long ax, long ay, long cx, long cy, long bx, long by, boolean expected) {
        assertThat(TileGeometryBuilder.isOnSegment(ax, ay, cx, cy, bx, by)).isEqualTo(expected);
    }

    @Test
    void pointOnSegmentStaysExactFarFromTheTile() {
        // The products here reach 2^74; in long arithmetic they would overflow and give the wrong answer.
        assertThat(TileGeometryBuilder.isOnSegment(-FAR, -FAR, 1, 1, FAR, FAR)).isTrue();
        assertThat(TileGeometryBuilder.isOnSegment(-FAR, -FAR, 1, 2, FAR, FAR)).isFalse();
        assertThat(TileGeometryBuilder.isOnSegment(-FAR, 0, FAR + 1, 0, FAR, 0)).isFalse();
    }

    @Test
    void productComparisonIsExactBeyondLongRange() {
        assertThat(TileGeometryBuilder.compareProducts(FAR, FAR, FAR, FAR)).isZero();
        assertThat(TileGeometryBuilder.compareProducts(FAR, FAR + 1, FAR, FAR)).isPositive();
        assertThat(TileGeometryBuilder.compareProducts(-FAR, FAR, FAR, FAR)).isNegative();
    }

    @Test
    void straightRunsAndSpikesAreDroppedFromLinesAndRings() {
        assertThat(TileGeometryBuilder.dropStraightPoints(new long[] {0, 0, 5, 0, 10, 0, 10, 5}))
                .containsExactly(0, 0, 10, 0, 10, 5);
        // the ring's first point lies on a straight run across the seam
        assertThat(TileGeometryBuilder.dropStraightPointsInRing(new long[] {5, 0, 10, 0, 10, 10, 0, 10, 0, 0}))
                .containsExactly(10, 0, 10, 10, 0, 10, 0, 0);
        assertThat(TileGeometryBuilder.dropSpikes(new long[] {0, 0, 10, 0, 20, 0, 10, 0, 10, 10}))
                .containsExactly(0, 0, 10, 0, 10, 10);
    }
}
