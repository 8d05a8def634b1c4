package org.iocmap.layers.reports;

import java.util.List;

/**
 * Holds the outcome of a submission.
 *
 * @param created false when the client key named a report submitted before: that report is returned, nothing is stored
 * @param duplicates reports that may describe the same problem (see {@link ReportStore#duplicatesOf}), nearest first
 */
public record Submission(Report report, boolean created, List<Duplicate> duplicates) {}
