package org.iocmap.layers.reports;

/** Signals that no report has the code asked for (HTTP 404). */
public final class ReportNotFoundException extends RuntimeException {
    private final String code;

    public ReportNotFoundException(String code) {
        super("no report with code '" + code + "'");
        this.code = code;
    }

    /** Returns the code nobody has. */
    public String code() {
        return code;
    }
}
