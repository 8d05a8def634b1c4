package org.iocmap.service.http;

/** Signals that the signed-in user's roles do not allow the request (HTTP 403). */
public final class ForbiddenException extends RuntimeException {
    public ForbiddenException(String message) {
        super(message);
    }
}
