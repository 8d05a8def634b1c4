package org.iocmap.layers.store;

/** Signals that the store cannot be reached now; the caller should retry later (HTTP 503 with Retry-After). */
public final class StorageUnavailableException extends RuntimeException {
    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
