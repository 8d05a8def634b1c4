package org.iocmap.tiles.mvt;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes the few protocol buffer encodings a vector tile needs into a growable byte array: varints, zigzag integers,
 * little-endian fixed 32- and 64-bit values, and length-delimited fields (strings, nested messages, packed integers).
 *
 * <p>Not thread-safe; one writer builds one message.
 */
final class ProtobufWriter {
    static final int WIRE_VARINT = 0;
    static final int WIRE_FIXED64 = 1;
    static final int WIRE_LENGTH_DELIMITED = 2;
    static final int WIRE_FIXED32 = 5;

    private byte[] bytes;
    private int size;

    ProtobufWriter() {
        this(64);
    }

    ProtobufWriter(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    /** Maps a signed 32-bit integer to an unsigned one so that small magnitudes stay small: 0, -1, 1, -2 → 0, 1, 2, 3. */
    static int zigzag(int value) {
        return (value << 1) ^ (value >> 31);
    }

    /** Maps a signed 64-bit integer as {@link #zigzag(int)} does, for {@code sint64} fields. */
    static long zigzag(long value) {
        return (value << 1) ^ (value >> 63);
    }

    /** Returns how many bytes {@code value} takes as a varint, reading it as unsigned: 1 to 10. */
    static int varintSize(long value) {
        int n = 1;
        while ((value & ~0x7FL) != 0) {
            value >>>= 7;
            n++;
        }
        return n;
    }

    /** Writes a field key: the field number and its wire type. */
    void writeTag(int field, int wireType) {
        writeVarint(((long) field << 3) | wireType);
    }

    /** Writes {@code value} as a varint, read as unsigned, so a negative value takes ten bytes as protobuf requires. */
    void writeVarint(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        bytes[size++] = (byte) value;
    }

    /** Writes a varint field. */
    void writeVarintField(int field, long value) {
        writeTag(field, WIRE_VARINT);
        writeVarint(value);
    }

    /** Writes a 32-bit field (protobuf {@code float}), little-endian. */
    void writeFixed32Field(int field, int bits) {
        writeTag(field, WIRE_FIXED32);
        ensure(4);
        for (int i = 0; i < 4; i++) {
            bytes[size++] = (byte) (bits >>> (8 * i));
        }
    }

    /** Writes a 64-bit field (protobuf {@code double}), little-endian. */
    void writeFixed64Field(int field, long bits) {
        writeTag(field, WIRE_FIXED64);
        ensure(8);
        for (int i = 0; i < 8; i++) {
            bytes[size++] = (byte) (bits >>> (8 * i));
        }
    }

    /** Writes a string field as UTF-8. */
    void writeStringField(int field, String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        writeTag(field, WIRE_LENGTH_DELIMITED);
        writeVarint(utf8.length);
        writeRaw(utf8, 0, utf8.length);
    }

    /** Writes the bytes written so far to {@code message} as a nested message field. */
    void writeMessageField(int field, ProtobufWriter message) {
        writeTag(field, WIRE_LENGTH_DELIMITED);
        writeVarint(message.size);
        writeRaw(message.bytes, 0, message.size);
    }

    /**
     * Writes the first {@code count} values as a packed repeated {@code uint32} field; each int is read as unsigned.
     * Writes nothing when {@code count} is 0, as an empty repeated field is absent in protobuf.
     */
    void writePackedUInt32Field(int field, int[] values, int count) {
        if (count == 0) {
            return;
        }
        int length = 0;
        for (int i = 0; i < count; i++) {
            length += varintSize(Integer.toUnsignedLong(values[i]));
        }
        writeTag(field, WIRE_LENGTH_DELIMITED);
        writeVarint(length);
        for (int i = 0; i < count; i++) {
            writeVarint(Integer.toUnsignedLong(values[i]));
        }
    }

    /** Appends the bytes written so far to {@code other}, unchanged: fields already tagged, such as repeated messages. */
    void writeRawFrom(ProtobufWriter other) {
        writeRaw(other.bytes, 0, other.size);
    }

    /** Returns how many bytes have been written. */
    int size() {
        return size;
    }

    /** Forgets what was written, keeping the buffer, so the writer can build the next message. */
    void clear() {
        size = 0;
    }

    /** Returns a copy of the bytes written so far. */
    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void writeRaw(byte[] source, int offset, int length) {
        ensure(length);
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
