package org.iocmap.service.http;

/** Signals a request that conflicts with the state of the resource (HTTP 409): the message says what and how to go on. */
public final class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
