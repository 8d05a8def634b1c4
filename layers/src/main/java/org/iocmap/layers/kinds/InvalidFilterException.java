package org.iocmap.layers.kinds;

/** Signals a filter that is well formed but cannot apply to this layer: an unknown property, mismatched types. */
public final class InvalidFilterException extends IllegalArgumentException {
    public InvalidFilterException(String message) {
        super(message);
    }
}
