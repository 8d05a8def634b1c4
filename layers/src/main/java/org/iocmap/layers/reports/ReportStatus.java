package org.iocmap.layers.reports;

/**
 * Names the workflow states of a citizen report. NEW, ASSIGNED and IN_PROGRESS are open (the deadline clock runs);
 * RESOLVED and REJECTED are closed. A report merged into another is REJECTED with {@code mergedInto} set.
 */
public enum ReportStatus {
    NEW,
    ASSIGNED,
    IN_PROGRESS,
    RESOLVED,
    REJECTED;

    /** Tests whether the report still waits for someone: NEW, ASSIGNED or IN_PROGRESS. */
    public boolean isOpen() {
        return this == NEW || this == ASSIGNED || this == IN_PROGRESS;
    }

    /** Returns the Open311 GeoReport v2 status: {@code open} or {@code closed}. */
    public String open311() {
        return isOpen() ? "open" : "closed";
    }

    /**
     * Returns the status named {@code text}, ignoring case.
     *
     * @throws IllegalArgumentException when no status has that name
     */
    public static ReportStatus parse(String text) {
        for (ReportStatus s : values()) {
            if (s.name().equalsIgnoreCase(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no report status '" + text + "'");
    }
}
