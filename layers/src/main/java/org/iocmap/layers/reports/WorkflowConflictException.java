package org.iocmap.layers.reports;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Signals an action the report's status does not allow (HTTP 409). It names the report, its status and what is allowed
 * instead, so a client can show the choices.
 */
public final class WorkflowConflictException extends RuntimeException {
    private final String code;
    private final ReportStatus status;
    private final List<ReportAction> allowed;

    public WorkflowConflictException(String message, String code, ReportStatus status, List<ReportAction> allowed) {
        super(message);
        this.code = code;
        this.status = status;
        this.allowed = List.copyOf(allowed);
    }

    /** Creates the exception for {@code action} on a report in {@code status}. */
    static WorkflowConflictException of(Report report, ReportAction action) {
        List<ReportAction> allowed = ReportWorkflow.allowed(report.status(), report.isMerged());
        String needs =
                ReportWorkflow.startsFrom(action).stream().map(Enum::name).collect(Collectors.joining(" or "));
        String why = report.isMerged()
                ? "it was merged into " + report.mergedInto() + "; act on that report instead"
                : action.apiName() + " needs status " + (needs.isEmpty() ? "(none)" : needs);
        return new WorkflowConflictException(
                "report " + report.code() + " is " + report.status() + ": " + why + "; allowed now: "
                        + describe(allowed),
                report.code(),
                report.status(),
                allowed);
    }

    /** Lists the actions as the API names them, plus {@code comment}, which is always allowed. */
    static String describe(List<ReportAction> allowed) {
        StringBuilder text = new StringBuilder();
        for (ReportAction a : allowed) {
            text.append(a.apiName()).append(", ");
        }
        return text.append("comment").toString();
    }

    /** Returns the code of the report in the way. */
    public String code() {
        return code;
    }

    /** Returns that report's status. */
    public ReportStatus status() {
        return status;
    }

    /** Returns the actions that report allows now (comments are always allowed and not listed). */
    public List<ReportAction> allowed() {
        return allowed;
    }
}
