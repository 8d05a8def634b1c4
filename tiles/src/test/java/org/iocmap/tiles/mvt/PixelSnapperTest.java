package org.iocmap.tiles.mvt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PixelSnapperTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "straight through the middle, 0, 0, 10, 0, 5, 0, true",
        "through the corner of the pixel, 5, 10, 4, 9, 4, 10, true",
        "along the pixel's edge, 0, 0, 10, 0, 5, 1, false",
        "half a unit away, 0, 0, 10, 1, 5, 1, true",
        "just over half a unit away, 0, 0, 10, 0, 5, 2, false",
        "past the end of the segment, 0, 0, 3, 0, 5, 0, false"
    })
    void segmentMeetsTheClosedUnitSquareAroundAVertex(
            String what, long ax, long ay, long bx, long by, long px, long py, boolean expected) {
        assertThat(PixelSnapper.passesThroughPixel(ax, ay, bx, by, px, py)).isEqualTo(expected);
    }

    @Test
    void segmentIsBentThroughTheVertexWhosePixelItCrosses() {
        // The notch (105 110) → (104 109) → (104 110) passes through the corner of (104 110)'s pixel.
        long[] ring = {100, 100, 110, 100, 110, 110, 105, 110, 104, 109, 104, 110, 100, 110};
        PixelSnapper snapper = new PixelSnapper(List.of(ring));

        long[] snapped = snapper.snap(ring);

        assertThat(snapped)
                .containsExactly(100, 100, 110, 100, 110, 110, 105, 110, 104, 110, 104, 109, 104, 110, 100, 110);
        assertThat(TileGeometryBuilder.dropSpikes(snapped))
                .containsExactly(100, 100, 110, 100, 110, 110, 105, 110, 104, 110, 100, 110);
    }
}
