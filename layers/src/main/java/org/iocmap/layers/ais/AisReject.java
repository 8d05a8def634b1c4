package org.iocmap.layers.ais;

import java.time.Instant;
import java.util.Objects;

/**
 * Holds a line, or the fragments of a message, that could not be decoded, with the reason. The line is kept so that a
 * reject can be stored and replayed; lines longer than {@value #MAX_LINE_CHARS} characters are cut to that length.
 *
 * @param reason the kind of problem, for counting
 * @param detail what exactly is wrong, for people: "checksum is 4B but the sentence says 4A"
 * @param line the rejected line; for a multi-part message, its fragments joined with newlines
 * @param source the tag block's source station, or null when unknown
 * @param receivedAt when the line (or the last fragment seen) was received by this process
 */
public record AisReject(Reason reason, String detail, String line, String source, Instant receivedAt)
        implements AisResult {
    /** Caps the length of the kept line, so that a flood of huge junk lines cannot hold much memory. */
    public static final int MAX_LINE_CHARS = 1024;

    /** Names the kinds of problem, so that a feed can count them. */
    public enum Reason {
        /** The line is not an NMEA sentence: no leading {@code !} or {@code $}, no {@code *hh}, wrong field count. */
        MALFORMED,
        /** The sentence checksum does not match its content. */
        BAD_CHECKSUM,
        /** The NMEA 4.10 tag block is unclosed, has a wrong or missing checksum, or a field that cannot be read. */
        BAD_TAG_BLOCK,
        /** A well-formed sentence that is not AIS (VDM or VDO), such as {@code $GPGGA}. */
        NOT_AIS,
        /** A VDM/VDO field is out of range: fragment count or number, channel, payload armoring or fill bits. */
        BAD_FIELD,
        /** An AIS message type this decoder does not read (only 1, 2, 3, 5, 18, 19, 24 and 27 are read). */
        UNSUPPORTED_TYPE,
        /** The payload has fewer bits than its message type needs. */
        TOO_SHORT,
        /** A field holds a value that cannot be true, such as a latitude beyond ±90° or a course of 400°. */
        IMPOSSIBLE_VALUE,
        /** The other fragments of a multi-part message did not arrive within the timeout. */
        FRAGMENT_TIMEOUT,
        /** An incomplete multi-part message was replaced by a new one with the same sequence id and channel. */
        FRAGMENT_SUPERSEDED,
        /** An incomplete multi-part message was dropped because too many were waiting for their fragments. */
        FRAGMENT_OVERFLOW,
        /** The decoder itself failed; the line is kept so that it can be replayed once the fault is fixed. */
        DECODER_ERROR
    }

    public AisReject {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (line.length() > MAX_LINE_CHARS) {
            line = line.substring(0, MAX_LINE_CHARS);
        }
    }

    /** Returns the reason and detail as one sentence for logs: {@code BAD_CHECKSUM: checksum is 4B but ...}. */
    public String message() {
        return reason + ": " + detail;
    }
}
