package org.iocmap.layers.ais;

import static org.iocmap.layers.ais.AisReject.Reason.BAD_TAG_BLOCK;

import java.time.Instant;

/**
 * Holds the fields of an NMEA 4.10 tag block ({@code \s:source,c:time*hh\} before a sentence) that the decoder uses.
 * Other fields (group {@code g:}, line count {@code n:}, text {@code t:}...) are checked for form and then ignored.
 *
 * @param source the source station ({@code s:}), or null
 * @param time the receiver time ({@code c:}), or null
 */
record TagBlock(String source, Instant time) {
    /**
     * Separates UNIX times in seconds from those in milliseconds: 10^11 seconds is the year 5138, while milliseconds
     * have been above it since 1973.
     */
    private static final long MILLIS_THRESHOLD = 100_000_000_000L;

    /**
     * Parses the text between the backslashes, checksum included.
     *
     * @throws AisFormatException with {@link AisReject.Reason#BAD_TAG_BLOCK} when the checksum is missing or wrong, or
     *     a field cannot be read
     */
    static TagBlock parse(String block) {
        int star = block.lastIndexOf('*');
        if (star < 0) {
            throw new AisFormatException(BAD_TAG_BLOCK, "tag block has no *checksum");
        }
        int expected = Checksums.parseHex(block, star + 1, block.length());
        if (expected < 0) {
            throw new AisFormatException(BAD_TAG_BLOCK, "tag block checksum must be 2 hex digits after *");
        }
        int actual = Checksums.xor(block, 0, star);
        if (actual != expected) {
            throw new AisFormatException(
                    BAD_TAG_BLOCK,
                    "tag block checksum is " + Checksums.hex(actual) + " but the block says "
                            + Checksums.hex(expected));
        }
        String source = null;
        Instant time = null;
        for (String field : block.substring(0, star).split(",", -1)) {
            int colon = field.indexOf(':');
            if (colon < 1) {
                throw new AisFormatException(BAD_TAG_BLOCK, "tag block field '" + field + "' is not code:value");
            }
            String value = field.substring(colon + 1);
            switch (field.substring(0, colon)) {
                case "s" -> source = value;
                case "c" -> time = parseTime(value);
                default -> {
                    // g:, n:, d:, r:, t: and others are valid but not used here
                }
            }
        }
        return new TagBlock(source, time);
    }

    private static Instant parseTime(String value) {
        // At most 13 digits: milliseconds until the year 2286; more cannot be a receiver clock.
        if (value.isEmpty() || value.length() > 13 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new AisFormatException(
                    BAD_TAG_BLOCK, "c:" + value + " is not a UNIX time in seconds or milliseconds");
        }
        long number = Long.parseLong(value);
        return number >= MILLIS_THRESHOLD ? Instant.ofEpochMilli(number) : Instant.ofEpochSecond(number);
    }
}
