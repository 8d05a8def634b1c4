package org.iocmap.layers.ais;

/**
 * Holds the bits of one AIS message, de-armored from the six-bit ASCII payload of its VDM/VDO sentences, and reads
 * unsigned, signed and six-bit text fields from them. Bit 0 is the most significant bit of the first character.
 */
final class SixBitPayload {
    /** Maps six-bit text values 0 to 63 to characters (ITU-R M.1371, table 47); 0 is '@', the padding. */
    private static final String TEXT = "@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_ !\"#$%&'()*+,-./0123456789:;<=>?";

    private final byte[] sixBits;
    private final int bitLength;

    private SixBitPayload(byte[] sixBits, int bitLength) {
        this.sixBits = sixBits;
        this.bitLength = bitLength;
    }

    /**
     * Returns the six-bit value of one armored payload character, or -1 when the character is not part of the
     * armoring: only '0' to 'W' (0 to 39) and '`' to 'w' (40 to 63) are.
     */
    static int valueOf(char c) {
        if (c >= '0' && c <= 'W') {
            return c - '0';
        }
        if (c >= '`' && c <= 'w') {
            return c - '0' - 8;
        }
        return -1;
    }

    /**
     * Creates the payload of {@code armored}, dropping its last {@code fillBits} bits.
     *
     * @throws IllegalArgumentException when a character is not armoring, or fill bits are not 0 to 5 or exceed the
     *     payload; the sentence parser has checked both already
     */
    static SixBitPayload dearmor(String armored, int fillBits) {
        if (fillBits < 0 || fillBits > 5 || fillBits > armored.length() * 6) {
            throw new IllegalArgumentException("fill bits must be 0-5 and fit the payload, were " + fillBits);
        }
        byte[] values = new byte[armored.length()];
        for (int i = 0; i < values.length; i++) {
            int value = valueOf(armored.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("'" + armored.charAt(i) + "' at " + i + " is not six-bit armoring");
            }
            values[i] = (byte) value;
        }
        return new SixBitPayload(values, values.length * 6 - fillBits);
    }

    /** Returns the number of bits, fill bits excluded. */
    int length() {
        return bitLength;
    }

    /** Returns {@code length} bits from {@code start} as an unsigned number; at most 31 bits. */
    int unsigned(int start, int length) {
        if (length < 1 || length > 31 || start < 0 || start + length > bitLength) {
            throw new IndexOutOfBoundsException(
                    "bits " + start + "+" + length + " are outside 0-" + bitLength + " or wider than 31");
        }
        int value = 0;
        for (int i = start; i < start + length; i++) {
            value = (value << 1) | ((sixBits[i / 6] >> (5 - i % 6)) & 1);
        }
        return value;
    }

    /** Returns {@code length} bits from {@code start} as a two's complement signed number; at most 31 bits. */
    int signed(int start, int length) {
        int value = unsigned(start, length);
        int shift = 32 - length;
        return value << shift >> shift; // sign-extend from bit length-1
    }

    /** Tests whether the bit at {@code start} is set. */
    boolean flag(int start) {
        return unsigned(start, 1) == 1;
    }

    /**
     * Returns up to {@code chars} six-bit characters from {@code start}. The text ends at the first '@' (the padding)
     * or at the end of the payload, and trailing spaces are removed; returns null when nothing is left.
     */
    String text(int start, int chars) {
        StringBuilder text = new StringBuilder(chars);
        for (int i = 0; i < chars && start + 6 * (i + 1) <= bitLength; i++) {
            char c = TEXT.charAt(unsigned(start + 6 * i, 6));
            if (c == '@') {
                break;
            }
            text.append(c);
        }
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == ' ') {
            end--;
        }
        return end == 0 ? null : text.substring(0, end);
    }
}
