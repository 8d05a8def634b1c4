package org.iocmap.layers.ais;

import java.time.Instant;
import java.util.Objects;

/**
 * Holds one decoded AIS message with where and when it was received.
 *
 * @param message the decoded message
 * @param source the tag block's source station ({@code s:}), or null when there was none
 * @param sourceTime the tag block's receiver time ({@code c:}), or null when there was none
 * @param receivedAt when this process received the line, or for a multi-part message its last fragment
 * @param ownVessel true for a VDO sentence, which reports the receiving station's own vessel
 * @param channel the radio channel as written in the sentence ({@code A}, {@code B}, {@code 1}, {@code 2}), or empty
 */
public record AisDecoded(
        AisMessage message, String source, Instant sourceTime, Instant receivedAt, boolean ownVessel, String channel)
        implements AisResult {
    public AisDecoded {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(channel, "channel");
    }

    /** Returns the time of the report: the tag block time when the line had one, else when it was received here. */
    public Instant time() {
        return sourceTime != null ? sourceTime : receivedAt;
    }
}
