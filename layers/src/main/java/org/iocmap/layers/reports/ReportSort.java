package org.iocmap.layers.reports;

import java.util.Locale;

/** Orders report lists. */
public enum ReportSort {
    /** Overdue open reports first (the longest overdue first), then open ones by nearest deadline, then closed ones, newest first. */
    URGENCY,
    /** Nearest deadline first; reports without one last. */
    DEADLINE,
    /** Newest first. */
    CREATED;

    /** Returns the name of the order in the API: {@code urgency}, {@code deadline}, {@code created}. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
