package org.iocmap.layers.ais;

/** Computes and reads NMEA checksums: the XOR of the characters between the start mark and '*', as 2 hex digits. */
final class Checksums {
    private Checksums() {}

    /** Returns the XOR of the characters of {@code text} from {@code start} (inclusive) to {@code end} (exclusive). */
    static int xor(CharSequence text, int start, int end) {
        int sum = 0;
        for (int i = start; i < end; i++) {
            sum ^= text.charAt(i);
        }
        return sum & 0xFF;
    }

    /** Returns the value of exactly two hex digits (either case) at {@code start..end}, or -1 when they are not. */
    static int parseHex(CharSequence text, int start, int end) {
        if (end - start != 2) {
            return -1;
        }
        int high = hexDigit(text.charAt(start));
        int low = hexDigit(text.charAt(start + 1));
        return high < 0 || low < 0 ? -1 : (high << 4) | low;
    }

    // Not Character.digit: that one also accepts non-ASCII digits, which NMEA does not allow.
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    /** Returns {@code sum} as two upper-case hex digits. */
    static String hex(int sum) {
        return String.format("%02X", sum);
    }
}
