package org.iocmap.layers.reports;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Decides which actions a report's status allows and where each leads:
 *
 * <pre>
 *   assign   NEW, ASSIGNED, IN_PROGRESS → ASSIGNED   (to an agency and/or a unit; again to hand it on)
 *   start    ASSIGNED                   → IN_PROGRESS
 *   resolve  IN_PROGRESS                → RESOLVED   (resolved_at set)
 *   reject   NEW, ASSIGNED, IN_PROGRESS → REJECTED   (a reason is required)
 *   merge    NEW, ASSIGNED, IN_PROGRESS → REJECTED   (merged_into set; the target must be open)
 *   reopen   RESOLVED, REJECTED         → ASSIGNED or NEW (not a merged report: reopen the one it went into)
 * </pre>
 *
 * Comments are allowed in every status. Reopening clears {@code resolved_at} and keeps the deadline: the clock the
 * citizen was promised does not restart because the first answer did not hold.
 */
public final class ReportWorkflow {
    private ReportWorkflow() {}

    /** Returns the statuses {@code action} may start from; empty for actions the workflow never takes by request. */
    public static Set<ReportStatus> startsFrom(ReportAction action) {
        return switch (action) {
            case ASSIGN, REJECT, MERGE -> EnumSet.of(ReportStatus.NEW, ReportStatus.ASSIGNED, ReportStatus.IN_PROGRESS);
            case START -> EnumSet.of(ReportStatus.ASSIGNED);
            case RESOLVE -> EnumSet.of(ReportStatus.IN_PROGRESS);
            case REOPEN -> EnumSet.of(ReportStatus.RESOLVED, ReportStatus.REJECTED);
            case SUBMIT, MERGED_IN -> EnumSet.noneOf(ReportStatus.class);
        };
    }

    /**
     * Returns the actions a report in {@code status} allows, in workflow order; {@code merged} reports allow none but
     * comments.
     */
    public static List<ReportAction> allowed(ReportStatus status, boolean merged) {
        if (merged) {
            return List.of();
        }
        return List.of(ReportAction.values()).stream()
                .filter(a -> startsFrom(a).contains(status))
                .toList();
    }

    /** Tests whether a report in {@code status} may take {@code action}. */
    public static boolean allows(ReportStatus status, boolean merged, ReportAction action) {
        return allowed(status, merged).contains(action);
    }

    /**
     * Returns the status {@code action} leads to.
     *
     * @param reopenTo for {@link ReportAction#REOPEN}: {@link ReportStatus#NEW} or {@link ReportStatus#ASSIGNED}; null
     *     for ASSIGNED
     * @throws IllegalArgumentException for an action that changes no status, or a reopen target other than those two
     */
    public static ReportStatus target(ReportAction action, ReportStatus reopenTo) {
        return switch (action) {
            case ASSIGN -> ReportStatus.ASSIGNED;
            case START -> ReportStatus.IN_PROGRESS;
            case RESOLVE -> ReportStatus.RESOLVED;
            case REJECT, MERGE -> ReportStatus.REJECTED;
            case REOPEN -> {
                if (reopenTo == null) {
                    yield ReportStatus.ASSIGNED;
                }
                if (reopenTo != ReportStatus.NEW && reopenTo != ReportStatus.ASSIGNED) {
                    throw new IllegalArgumentException("a report reopens as NEW or ASSIGNED, not " + reopenTo);
                }
                yield reopenTo;
            }
            case SUBMIT, MERGED_IN -> throw new IllegalArgumentException(action + " changes no status");
        };
    }
}
