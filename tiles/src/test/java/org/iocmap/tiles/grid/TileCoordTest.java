package org.iocmap.tiles.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TileCoordTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "the single tile of zoom 0, 0, 0, 0",
        "last tile of zoom 1, 1, 1, 1",
        "Nha Trang at zoom 14, 14, 13161, 7630",
        "last tile of the deepest zoom, 24, 16777215, 16777215"
    })
    void validCoordinatesAreAccepted(String what, int z, int x, int y) {
        assertThat(new TileCoord(z, x, y))
                .extracting(TileCoord::z, TileCoord::x, TileCoord::y)
                .containsExactly(z, x, y);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "negative zoom, -1, 0, 0, z=-1, 0..24",
        "zoom past the deepest, 25, 0, 0, z=25, 0..24",
        "negative column, 3, -1, 0, x=-1, 0..7",
        "column past the last, 2, 4, 0, x=4, 0..3",
        "row past the last at zoom 0, 0, 0, 1, y=1, 0..0",
        "negative row, 5, 0, -3, y=-3, 0..31"
    })
    void outOfRangeCoordinatesAreRejectedNamingValueAndRange(
            String what, int z, int x, int y, String badValue, String range) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TileCoord(z, x, y))
                .withMessageContainingAll(badValue, range);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"zoom 0, 0, 0, 0", "Nha Trang at zoom 10, 10, 822, 476"})
    void urlSegmentsAreParsed(String what, String z, String x, String y) {
        assertThat(TileCoord.parse(z, x, y))
                .isEqualTo(new TileCoord(Integer.parseInt(z), Integer.parseInt(x), Integer.parseInt(y)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "letters, abc, 0, 0, z=abc, whole number",
        "decimal, 1, 1.5, 0, x=1.5, whole number",
        "negative, 1, 0, -1, y=-1, whole number",
        "plus sign, +1, 0, 0, z=+1, whole number",
        "leading zero, 1, 01, 0, x=01, leading zeros",
        "surrounding space, 1, 0, ' 1', y= 1, whole number",
        "empty, '', 0, 0, z is missing, whole number",
        "too large for an int, 3, 99999999999, 0, x=99999999999, out of range",
        "valid number out of range, 2, 9, 0, x=9, 0..3"
    })
    void badUrlSegmentsAreRejectedNamingTheSegment(
            String what, String z, String x, String y, String namesSegment, String explains) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> TileCoord.parse(z, x, y))
                .withMessageContainingAll(namesSegment, explains);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"missing z, z", "missing y, y"})
    void missingUrlSegmentsAreRejectedNamingTheSegment(String what, String segment) {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () -> TileCoord.parse(segment.equals("z") ? null : "1", "0", segment.equals("y") ? null : "0"))
                .withMessageContaining(segment + " is missing");
    }
}
