package org.iocmap.layers.reports;

import java.util.Locale;

/**
 * Names what happens to a report, as its history records it. {@link #SUBMIT} creates it; {@link #MERGED_IN} is written
 * on the report another one was merged into and changes nothing else; the others move it through the workflow (see
 * {@link ReportWorkflow}).
 */
public enum ReportAction {
    SUBMIT,
    ASSIGN,
    START,
    RESOLVE,
    REJECT,
    REOPEN,
    MERGE,
    MERGED_IN;

    /** Returns the name of the action in the API and its paths: {@code assign}, {@code merged_in}. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
