package org.iocmap.service.http;

/** Signals that the requested resource does not exist (HTTP 404). */
public final class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
