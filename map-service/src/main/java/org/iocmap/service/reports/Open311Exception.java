package org.iocmap.service.reports;

import java.util.List;

/**
 * Signals a failed Open311 request with one or more errors, each a sentence naming the field and what was expected;
 * answered as GeoReport v2 errors: {@code [{"code": 400, "description": "…"}, …]}.
 */
final class Open311Exception extends RuntimeException {
    private final int status;
    private final List<String> descriptions;

    Open311Exception(int status, List<String> descriptions) {
        super(String.join("; ", descriptions));
        if (descriptions.isEmpty()) {
            throw new IllegalArgumentException("an Open311 failure needs at least one description");
        }
        this.status = status;
        this.descriptions = List.copyOf(descriptions);
    }

    Open311Exception(int status, String description) {
        this(status, List.of(description));
    }

    int status() {
        return status;
    }

    List<String> descriptions() {
        return descriptions;
    }
}
