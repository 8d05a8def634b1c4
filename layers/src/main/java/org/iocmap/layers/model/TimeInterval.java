package org.iocmap.layers.model;

import java.time.Instant;

/**
 * Holds a closed time interval; a null end is open. An instant is an interval whose start equals its end.
 */
public record TimeInterval(Instant start, Instant end) {
    public TimeInterval {
        if (start != null && end != null && start.isAfter(end)) {
            throw new IllegalArgumentException("start must not be after end, was " + start + " > " + end);
        }
    }

    /** Tests whether {@code t} lies inside this interval, ends included. */
    public boolean contains(Instant t) {
        return (start == null || !t.isBefore(start)) && (end == null || !t.isAfter(end));
    }
}
