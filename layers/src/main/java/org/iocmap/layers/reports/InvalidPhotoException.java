package org.iocmap.layers.reports;

/**
 * Signals a photo that is refused: larger than the limit (HTTP 413) or not a JPEG, PNG or WebP image (HTTP 415). The
 * message names the request field, the limit or the accepted types.
 */
public final class InvalidPhotoException extends RuntimeException {
    /** Why a photo was refused. */
    public enum Reason {
        TOO_LARGE,
        WRONG_TYPE
    }

    private final String parameter;
    private final Reason reason;

    public InvalidPhotoException(String parameter, Reason reason, String message) {
        super(message);
        this.parameter = parameter;
        this.reason = reason;
    }

    /** Returns the request field that carried the photo. */
    public String parameter() {
        return parameter;
    }

    /** Returns why it was refused. */
    public Reason reason() {
        return reason;
    }

    /** Returns the HTTP status that fits: 413 or 415. */
    public int httpStatus() {
        return reason == Reason.TOO_LARGE ? 413 : 415;
    }
}
