package org.iocmap.service.http;

import io.vertx.core.MultiMap;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reads query parameters that several routes share, with the same message when one cannot be read. */
public final class QueryParams {
    private QueryParams() {}

    /**
     * Returns the window of the {@code from} and {@code to} parameters (either may be left out, for an open end); null
     * when both are.
     */
    public static org.iocmap.layers.model.TimeInterval window(MultiMap params) {
        Instant from = instant(params, "from");
        Instant to = instant(params, "to");
        if (from == null && to == null) {
            return null;
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidInputException("from", from.toString(), "a time not after to=" + to);
        }
        return new org.iocmap.layers.model.TimeInterval(from, to);
    }

    /** Returns an ISO-8601 UTC time parameter; null when absent. */
    public static Instant instant(MultiMap params, String name) {
        String raw = params.get(name);
        if (raw == null) {
            return null;
        }
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(name, raw, "an ISO-8601 UTC time such as 2026-01-31T08:00:00Z");
        }
    }
}
