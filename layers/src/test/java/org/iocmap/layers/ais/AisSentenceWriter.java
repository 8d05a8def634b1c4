package org.iocmap.layers.ais;

import java.util.ArrayList;
import java.util.List;

/**
 * Composes AIS payloads bit by bit and wraps them in NMEA VDM sentences with correct checksums, for tests. Written from
 * ITU-R M.1371 and IEC 61162-1 directly and sharing no code with the decoder, so that round trips test something.
 */
final class AisSentenceWriter {
    private static final String TEXT = "@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_ !\"#$%&'()*+,-./0123456789:;<=>?";

    private final StringBuilder bits = new StringBuilder();

    /** Appends {@code value} as an unsigned number of {@code width} bits. */
    AisSentenceWriter unsigned(long value, int width) {
        if (value < 0 || value >= 1L << width) {
            throw new IllegalArgumentException(value + " does not fit " + width + " unsigned bits");
        }
        for (int i = width - 1; i >= 0; i--) {
            bits.append((value >> i & 1) == 1 ? '1' : '0');
        }
        return this;
    }

    /** Appends {@code value} as a two's complement number of {@code width} bits. */
    AisSentenceWriter signed(long value, int width) {
        long min = -(1L << (width - 1));
        if (value < min || value > -min - 1) {
            throw new IllegalArgumentException(value + " does not fit " + width + " signed bits");
        }
        return unsigned(value & ((1L << width) - 1), width);
    }

    /** Appends a flag bit. */
    AisSentenceWriter flag(boolean value) {
        return unsigned(value ? 1 : 0, 1);
    }

    /** Appends {@code text} as {@code chars} six-bit characters, padded with '@'. */
    AisSentenceWriter text(String text, int chars) {
        if (text.length() > chars) {
            throw new IllegalArgumentException("'" + text + "' is longer than " + chars + " characters");
        }
        String padded = text + "@".repeat(chars - text.length());
        for (char c : padded.toCharArray()) {
            int value = TEXT.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("'" + c + "' has no six-bit code");
            }
            unsigned(value, 6);
        }
        return this;
    }

    /** Returns the number of bits written. */
    int length() {
        return bits.length();
    }

    /** Returns the payload armored in six-bit ASCII; the last character is padded with {@link #fillBits()} zeros. */
    String armored() {
        StringBuilder out = new StringBuilder();
        String padded = bits + "0".repeat(fillBits());
        for (int i = 0; i < padded.length(); i += 6) {
            int value = Integer.parseInt(padded.substring(i, i + 6), 2);
            out.append((char) (value < 40 ? value + 48 : value + 56));
        }
        return out.toString();
    }

    /** Returns how many zero bits pad the last armored character. */
    int fillBits() {
        return (6 - bits.length() % 6) % 6;
    }

    /**
     * Returns the payload as {@code !AIVDM} sentences of at most {@code maxChars} payload characters each, the
     * sequential message id given only when there is more than one.
     */
    List<String> sentences(String channel, int sequenceId, int maxChars) {
        return sentences("AIVDM", channel, sequenceId, maxChars);
    }

    /** Returns the payload as sentences with the address {@code address} (talker and formatter, like "BSVDM"). */
    List<String> sentences(String address, String channel, int sequenceId, int maxChars) {
        String payload = armored();
        int count = (payload.length() + maxChars - 1) / maxChars;
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String part = payload.substring(i * maxChars, Math.min(payload.length(), (i + 1) * maxChars));
            int fill = i == count - 1 ? fillBits() : 0;
            String seq = count == 1 ? "" : Integer.toString(sequenceId);
            lines.add(sentence(
                    address + "," + count + "," + (i + 1) + "," + seq + "," + channel + "," + part + "," + fill));
        }
        return lines;
    }

    /** Returns the payload as one {@code !AIVDM} sentence on channel A. */
    String sentence() {
        List<String> lines = sentences("A", 0, 82);
        if (lines.size() != 1) {
            throw new IllegalStateException("payload needs " + lines.size() + " sentences");
        }
        return lines.getFirst();
    }

    /** Returns {@code !body*hh} with the correct checksum. */
    static String sentence(String body) {
        return "!" + body + "*" + checksum(body);
    }

    /** Returns the tag block {@code \fields*hh\} with the correct checksum. */
    static String tagBlock(String fields) {
        return "\\" + fields + "*" + checksum(fields) + "\\";
    }

    /** Returns the NMEA checksum of {@code body}: the XOR of its characters as two upper-case hex digits. */
    static String checksum(String body) {
        int sum = 0;
        for (char c : body.toCharArray()) {
            sum ^= c;
        }
        return String.format("%02X", sum);
    }
}
