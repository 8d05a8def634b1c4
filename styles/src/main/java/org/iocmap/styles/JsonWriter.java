package org.iocmap.styles;

import java.math.BigDecimal;

/**
 * Writes compact JSON into a string, one token at a time, adding the commas itself.
 *
 * <p>The styles module stays free of JSON libraries, and its output is small and fixed in shape, so this writer knows
 * only objects, arrays, strings, numbers and null. It does not check that calls nest correctly; the callers in this
 * package are few and each is pinned by an exact-output test.
 */
final class JsonWriter {
    private final StringBuilder out = new StringBuilder();
    private boolean needsComma;

    JsonWriter beginObject() {
        separate();
        out.append('{');
        needsComma = false;
        return this;
    }

    JsonWriter endObject() {
        out.append('}');
        needsComma = true;
        return this;
    }

    JsonWriter beginArray() {
        separate();
        out.append('[');
        needsComma = false;
        return this;
    }

    JsonWriter endArray() {
        out.append(']');
        needsComma = true;
        return this;
    }

    JsonWriter name(String name) {
        separate();
        appendQuoted(out, name);
        out.append(':');
        // the value that follows belongs to this name, so it takes no comma
        needsComma = false;
        return this;
    }

    /** Writes a string value, or {@code null} when {@code text} is null. */
    JsonWriter value(String text) {
        separate();
        if (text == null) {
            out.append("null");
        } else {
            appendQuoted(out, text);
        }
        needsComma = true;
        return this;
    }

    /** Writes a number without exponent or trailing zeros: 7.0 becomes {@code 7}, 0.850 becomes {@code 0.85}. */
    JsonWriter value(double number) {
        separate();
        out.append(formatNumber(number));
        needsComma = true;
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /** Returns {@code text} as a JSON string literal, or {@code null} for null; also quotes values in messages. */
    static String quote(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder quoted = new StringBuilder(text.length() + 2);
        appendQuoted(quoted, text);
        return quoted.toString();
    }

    static String formatNumber(double number) {
        // JSON has no NaN or Infinity; the records reject them, so reaching this is a bug in this package.
        if (!Double.isFinite(number)) {
            throw new IllegalStateException("JSON cannot represent " + number);
        }
        if (number == 0) {
            return "0"; // also turns -0.0 into 0
        }
        // BigDecimal.valueOf uses the shortest decimal that round-trips (Double.toString), so 0.1 stays 0.1.
        return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
    }

    private static void appendQuoted(StringBuilder sb, String text) {
        sb.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || isLoneSurrogate(text, i)) {
                        // Control characters must be escaped. U+2028/U+2029 are legal JSON but end a line in older
                        // JavaScript, and a lone surrogate cannot be encoded as UTF-8 at all.
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        // Everything else, Vietnamese included, stays as it is; the response is sent as UTF-8.
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static boolean isLoneSurrogate(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
        }
        return false;
    }

    private void separate() {
        if (needsComma) {
            out.append(',');
        }
    }
}
