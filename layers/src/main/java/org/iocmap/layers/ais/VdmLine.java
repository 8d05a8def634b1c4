package org.iocmap.layers.ais;

import static org.iocmap.layers.ais.AisReject.Reason.BAD_FIELD;
import static org.iocmap.layers.ais.AisReject.Reason.BAD_TAG_BLOCK;
import static org.iocmap.layers.ais.AisReject.Reason.MALFORMED;
import static org.iocmap.layers.ais.AisReject.Reason.NOT_AIS;

/**
 * Holds one checked VDM or VDO sentence, with its optional tag block: one fragment of an AIS message.
 *
 * @param line the line as received, without surrounding white space
 * @param tagBlock the tag block, or null
 * @param ownVessel true for VDO (the receiving station's own vessel), false for VDM
 * @param fragmentCount 1 to 9
 * @param fragmentNumber 1 to {@code fragmentCount}
 * @param sequenceId the sequential message id that ties fragments together, "0" to "9", or empty
 * @param channel the radio channel, one letter or digit, or empty
 * @param payload the six-bit armored payload, at least one character, every one valid armoring
 * @param fillBits 0 to 5 bits to drop at the end of the payload
 */
record VdmLine(
        String line,
        TagBlock tagBlock,
        boolean ownVessel,
        int fragmentCount,
        int fragmentNumber,
        String sequenceId,
        String channel,
        String payload,
        int fillBits) {
    /** Caps one fragment's payload: NMEA limits a sentence to 82 characters, so this leaves room for odd senders. */
    static final int MAX_PAYLOAD_CHARS = 256;

    /** Returns the tag block's source, or null. */
    String source() {
        return tagBlock == null ? null : tagBlock.source();
    }

    /**
     * Parses one line: an optional tag block, then {@code !xxVDM,count,number,seqId,channel,payload,fill*hh}. Any
     * two-letter talker is accepted (AI, AB, BS, AR...), and so is a leading '$', which some receivers send instead of
     * '!'. Text after the checksum is allowed when it starts with a comma, as in the metadata that some coast-guard
     * feeds append.
     *
     * @throws AisFormatException with the reason when the line is not a valid AIS sentence
     */
    static VdmLine parse(String line) {
        if (line.length() > AisReject.MAX_LINE_CHARS) {
            throw new AisFormatException(
                    MALFORMED,
                    "line is " + line.length() + " characters long; at most " + AisReject.MAX_LINE_CHARS
                            + " are accepted");
        }
        TagBlock tagBlock = null;
        int start = 0;
        if (line.startsWith("\\")) {
            int end = line.indexOf('\\', 1);
            if (end < 0) {
                throw new AisFormatException(BAD_TAG_BLOCK, "tag block is not closed by a backslash");
            }
            tagBlock = TagBlock.parse(line.substring(1, end));
            start = end + 1;
        }
        try {
            return parseSentence(line, tagBlock, start);
        } catch (AisFormatException e) {
            throw tagBlock == null ? e : e.withSource(tagBlock.source());
        }
    }

    private static VdmLine parseSentence(String line, TagBlock tagBlock, int start) {
        if (start >= line.length()) {
            throw new AisFormatException(MALFORMED, "no sentence follows the tag block");
        }
        char mark = line.charAt(start);
        if (mark != '!' && mark != '$') {
            throw new AisFormatException(
                    MALFORMED, "expected a sentence starting with ! or $ but found '" + mark + "'");
        }
        int star = line.indexOf('*', start);
        if (star < 0) {
            throw new AisFormatException(MALFORMED, "sentence has no *checksum");
        }
        int checksumEnd = Math.min(star + 3, line.length());
        int expected = Checksums.parseHex(line, star + 1, checksumEnd);
        if (expected < 0) {
            throw new AisFormatException(MALFORMED, "checksum must be 2 hex digits after *");
        }
        if (checksumEnd < line.length() && line.charAt(checksumEnd) != ',') {
            throw new AisFormatException(MALFORMED, "unexpected text after the checksum");
        }
        int actual = Checksums.xor(line, start + 1, star);
        if (actual != expected) {
            throw new AisFormatException(
                    AisReject.Reason.BAD_CHECKSUM,
                    "checksum is " + Checksums.hex(actual) + " but the sentence says " + Checksums.hex(expected));
        }
        String[] fields = line.substring(start + 1, star).split(",", -1);
        String address = fields[0];
        boolean vdm = address.length() == 5 && address.endsWith("VDM");
        boolean vdo = address.length() == 5 && address.endsWith("VDO");
        if (!vdm && !vdo) {
            throw new AisFormatException(NOT_AIS, mark + address + " is not an AIS sentence (VDM or VDO)");
        }
        if (!isUpperLetter(address.charAt(0)) || !isUpperLetter(address.charAt(1))) {
            throw new AisFormatException(
                    MALFORMED, "talker id '" + address.substring(0, 2) + "' is not two capital letters");
        }
        if (fields.length != 7) {
            throw new AisFormatException(MALFORMED, address + " needs 7 fields but has " + fields.length);
        }
        int count = digit(fields[1], 1, 9, "fragment count");
        int number = digit(fields[2], 1, count, "fragment number");
        String sequenceId = fields[3];
        if (!sequenceId.isEmpty()) {
            digit(sequenceId, 0, 9, "sequential message id");
        }
        String channel = fields[4];
        if (channel.length() > 1 || channel.length() == 1 && !isUpperLetter(channel.charAt(0)) && !isDigit(channel)) {
            throw new AisFormatException(BAD_FIELD, "channel '" + channel + "' is not one capital letter or digit");
        }
        String payload = checkPayload(fields[5]);
        int fillBits = digit(fields[6], 0, 5, "fill bits");
        return new VdmLine(line, tagBlock, vdo, count, number, sequenceId, channel, payload, fillBits);
    }

    private static String checkPayload(String payload) {
        if (payload.isEmpty()) {
            throw new AisFormatException(BAD_FIELD, "payload is empty");
        }
        if (payload.length() > MAX_PAYLOAD_CHARS) {
            throw new AisFormatException(
                    BAD_FIELD,
                    "payload is " + payload.length() + " characters long; at most " + MAX_PAYLOAD_CHARS
                            + " are accepted");
        }
        for (int i = 0; i < payload.length(); i++) {
            if (SixBitPayload.valueOf(payload.charAt(i)) < 0) {
                throw new AisFormatException(
                        BAD_FIELD,
                        "payload character '" + payload.charAt(i) + "' at position " + (i + 1)
                                + " is not six-bit armoring");
            }
        }
        return payload;
    }

    private static boolean isUpperLetter(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isDigit(String field) {
        return field.length() == 1 && field.charAt(0) >= '0' && field.charAt(0) <= '9';
    }

    private static int digit(String field, int min, int max, String name) {
        if (!isDigit(field)) {
            throw new AisFormatException(BAD_FIELD, name + " '" + field + "' is not a digit " + min + "-" + max);
        }
        int value = field.charAt(0) - '0';
        if (value < min || value > max) {
            throw new AisFormatException(BAD_FIELD, name + " " + value + " is not within " + min + "-" + max);
        }
        return value;
    }
}
