package org.iocmap.layers.ais;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SixBitPayloadTest {
    @ParameterizedTest(name = "''{0}'' is {1}")
    @CsvSource(
            quoteCharacter = '"',
            value = {"0, 0", "9, 9", "W, 39", "`, 40", "w, 63", "X, -1", "_, -1", "x, -1", "/, -1", "*, -1"})
    void mapsArmoringCharactersToSixBitValues(char c, int expected) {
        assertThat(SixBitPayload.valueOf(c)).isEqualTo(expected);
    }

    @Test
    void readsUnsignedAndSignedFieldsAcrossCharacters() {
        AisSentenceWriter writer = new AisSentenceWriter()
                .unsigned(5, 3)
                .signed(-1, 8)
                .signed(-128, 8)
                .signed(127, 8)
                .unsigned((1L << 30) - 1, 30)
                .signed(-108_600_000, 28)
                .unsigned(1, 1);
        SixBitPayload bits = SixBitPayload.dearmor(writer.armored(), writer.fillBits());
        assertThat(bits.length()).isEqualTo(86);
        assertThat(bits.unsigned(0, 3)).isEqualTo(5);
        assertThat(bits.signed(3, 8)).isEqualTo(-1);
        assertThat(bits.unsigned(3, 8)).isEqualTo(255);
        assertThat(bits.signed(11, 8)).isEqualTo(-128);
        assertThat(bits.signed(19, 8)).isEqualTo(127);
        assertThat(bits.unsigned(27, 30)).isEqualTo((1 << 30) - 1);
        assertThat(bits.signed(57, 28)).isEqualTo(-108_600_000);
        assertThat(bits.flag(85)).isTrue();
    }

    @Test
    void dropsFillBitsAndRefusesReadsBeyondTheEnd() {
        SixBitPayload bits = SixBitPayload.dearmor("w", 2); // 111111, last two bits are fill
        assertThat(bits.length()).isEqualTo(4);
        assertThat(bits.unsigned(0, 4)).isEqualTo(15);
        assertThatThrownBy(() -> bits.unsigned(0, 5)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> SixBitPayload.dearmor("w", 6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SixBitPayload.dearmor("x", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            quoteCharacter = '"',
            value = {
                "plain, ABC, 3, ABC",
                "padding, AB@@@, 5, AB",
                "text ends at first @, AB@CD, 5, AB",
                "trailing spaces, AB  @@, 6, AB",
                "inner spaces kept, A B, 3, A B",
                "only padding, @@@, 3, ",
                "only spaces, \"   \", 3, ",
                "read fewer than written, ABCDEF, 3, ABC",
            })
    void readsSixBitText(String what, String written, int chars, String expected) {
        AisSentenceWriter writer = new AisSentenceWriter().text(written, written.length());
        SixBitPayload bits = SixBitPayload.dearmor(writer.armored(), writer.fillBits());
        assertThat(bits.text(0, chars)).isEqualTo(expected);
    }

    @Test
    void readsTextOnlyAsFarAsThePayloadGoes() {
        AisSentenceWriter writer = new AisSentenceWriter().text("NEW YORK", 8);
        SixBitPayload bits = SixBitPayload.dearmor(writer.armored(), writer.fillBits());
        assertThat(bits.text(0, 20)).isEqualTo("NEW YORK");
        assertThat(bits.text(6, 20)).isEqualTo("EW YORK");
    }
}
