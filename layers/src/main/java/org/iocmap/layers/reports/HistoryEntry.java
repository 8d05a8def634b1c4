package org.iocmap.layers.reports;

import java.time.Instant;

/**
 * Holds one entry of a report's history: who did what, when, and the status before and after (equal for
 * {@link ReportAction#MERGED_IN}; {@code fromStatus} null for {@link ReportAction#SUBMIT}).
 *
 * @param agency the agency after an assignment; null otherwise
 * @param unit the unit after an assignment; null otherwise
 */
public record HistoryEntry(
        long id,
        Instant at,
        String actor,
        ReportAction action,
        ReportStatus fromStatus,
        ReportStatus toStatus,
        String agency,
        String unit,
        String note) {}
