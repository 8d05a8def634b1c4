package org.iocmap.service.http;

/** Signals a missing, malformed, expired or forged token, or wrong credentials (HTTP 401). */
public final class UnauthorizedException extends RuntimeException {
    public UnauthorizedException(String message) {
        super(message);
    }
}
