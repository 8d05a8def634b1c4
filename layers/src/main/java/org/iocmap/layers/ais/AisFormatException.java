package org.iocmap.layers.ais;

/**
 * Signals that a line or a message cannot be decoded, with the reason to report. Thrown and caught inside this package
 * only: {@link AisDecoder} turns it into an {@link AisReject}, so it never reaches a caller.
 */
final class AisFormatException extends RuntimeException {
    private final AisReject.Reason reason;
    private final String source;

    AisFormatException(AisReject.Reason reason, String detail) {
        this(reason, detail, null);
    }

    private AisFormatException(AisReject.Reason reason, String detail, String source) {
        // No stack trace: a flood of junk lines must stay cheap, and the reason and detail say everything needed.
        super(detail, null, false, false);
        this.reason = reason;
        this.source = source;
    }

    /** Returns this exception with the tag block source of the line it is about; null when there was none. */
    AisFormatException withSource(String source) {
        return new AisFormatException(reason, getMessage(), source);
    }

    AisReject.Reason reason() {
        return reason;
    }

    /** Returns the tag block source of the line, or null when unknown. */
    String source() {
        return source;
    }
}
