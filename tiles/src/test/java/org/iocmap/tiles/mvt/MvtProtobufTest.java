package org.iocmap.tiles.mvt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Pins the protocol buffer encodings the encoder is built on: varints, zigzag, command integers, field keys. */
class MvtProtobufTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "0, 00",
        "1, 01",
        "127, 7f",
        "128, 8001",
        "300, ac02", // the protocol buffers documentation's example
        "16383, ff7f",
        "16384, 808001",
        "4294967295, ffffffff0f",
        "-1, ffffffffffffffffff01" // negative int64: always ten bytes
    })
    void varintIsSevenBitsPerByteLowFirst(long value, String hex) {
        ProtobufWriter w = new ProtobufWriter();
        w.writeVarint(value);

        assertThat(HexFormat.of().formatHex(w.toByteArray())).isEqualTo(hex);
        assertThat(ProtobufWriter.varintSize(value)).isEqualTo(hex.length() / 2);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"0, 0", "-1, 1", "1, 2", "-2, 3", "2, 4", "2147483647, 4294967294", "-2147483648, 4294967295"})
    void zigzagInterleavesNegativeAndPositive(int value, long expected) {
        assertThat(Integer.toUnsignedLong(ProtobufWriter.zigzag(value))).isEqualTo(expected);
        assertThat(MvtDecoder.unzigzag(ProtobufWriter.zigzag(value))).isEqualTo(value);
    }

    @Test
    void zigzag64CoversTheWholeLongRange() {
        assertThat(ProtobufWriter.zigzag(-1L)).isEqualTo(1L);
        assertThat(ProtobufWriter.zigzag(Long.MAX_VALUE)).isEqualTo(-2L); // 0xFFFF…FE read as unsigned
        assertThat(ProtobufWriter.zigzag(Long.MIN_VALUE)).isEqualTo(-1L); // 0xFFFF…FF
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"MoveTo(1), 1, 1, 9", "MoveTo(2), 1, 2, 17", "LineTo(3), 2, 3, 26", "ClosePath, 7, 1, 15"})
    void commandIntegerHoldsIdAndCount(String what, int id, int count, int expected) {
        assertThat(TileGeometry.command(id, count)).isEqualTo(expected);
    }

    @Test
    void fieldsCarryNumberAndWireType() {
        ProtobufWriter w = new ProtobufWriter();
        w.writeVarintField(15, 2); // Layer.version
        w.writeStringField(1, "ab"); // Layer.name
        w.writeFixed64Field(3, Double.doubleToRawLongBits(1.0)); // Value.double_value
        w.writeFixed32Field(2, Float.floatToRawIntBits(1.0f)); // Value.float_value
        w.writePackedUInt32Field(4, new int[] {9, 300}, 2); // Feature.geometry

        assertThat(HexFormat.of().formatHex(w.toByteArray()))
                .isEqualTo("7802" + "0a026162" + "19000000000000f03f" + "150000803f" + "220309ac02");
    }

    @Test
    void emptyPackedFieldIsLeftOut() {
        ProtobufWriter w = new ProtobufWriter();
        w.writePackedUInt32Field(2, new int[0], 0);

        assertThat(w.size()).isZero();
    }

    @Test
    void writerGrowsPastItsFirstBuffer() {
        ProtobufWriter w = new ProtobufWriter(16);
        for (int i = 0; i < 1000; i++) {
            w.writeVarint(300);
        }

        assertThat(w.size()).isEqualTo(2000);
    }
}
