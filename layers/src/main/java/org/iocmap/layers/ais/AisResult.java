package org.iocmap.layers.ais;

import java.time.Instant;

/**
 * Holds the outcome of one AIS message or line given to {@link AisDecoder}: either a decoded message or a rejection
 * saying what was wrong.
 */
public sealed interface AisResult permits AisDecoded, AisReject {
    /** Returns when the line (for a multi-part message: its last fragment) was received by this process. */
    Instant receivedAt();

    /** Returns the source station named by the tag block ({@code s:}), or null when the line had none. */
    String source();
}
